"""The OpenAPI schema is valid OpenAPI 3, and every path it documents answers a coordinator."""

import re

from django.urls import reverse
from openapi_spec_validator import validate

from .conftest import client_for

# Which row of the world each documented path's {id} names.
OBJECTS = {
    "programmes": lambda world: world.objects["programme_draft"].pk,
    "sections": lambda world: world.objects["measure_draft"].section_id,
    "measures": lambda world: world.objects["measure_draft"].pk,
    "committees": lambda world: world.objects["committee_sn"].pk,
    "focus-areas": lambda world: _first_focus_area(),
    "rounds": lambda world: _first_round(),
}


def _first_focus_area() -> int:
    from measures.models import FocusArea

    return FocusArea.objects.order_by("number").first().pk


def _first_round() -> int:
    from measures.models import ReportingRound

    return ReportingRound.objects.order_by("pk").first().pk


def schema(client) -> dict:
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi_3(world):
    document = schema(client_for(world, "anonymous"))
    validate(document)
    assert document["openapi"].startswith("3.")
    assert {"personalToken", "cookieAuth"} <= set(document["components"]["securitySchemes"])


def test_every_documented_path_answers_a_coordinator(world, follow_up):
    client = client_for(world, "coordinator")
    paths = schema(client)["paths"]
    assert len(paths) == 13
    for path, operations in paths.items():
        assert set(operations) <= {"get", "parameters"}, f"{path} is not read-only"
        resource = path.split("/")[3]
        url = re.sub(r"\{id\}", str(OBJECTS[resource](world)), path)
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:200])
        assert response["Content-Type"] == "application/json"


def test_the_documentation_page_names_every_resource(world):
    client = client_for(world, "anonymous")
    page = client.get(reverse("api:docs"))
    assert page.status_code == 200
    lists = [path for path in schema(client)["paths"] if "{" not in path]
    assert lists and all(f"<code>{path}</code>" in page.content.decode() for path in lists)


def test_every_documented_path_answers_the_public_or_hides_as_a_404(world, follow_up):
    """The public's side: each path answers 200 for a public row, 404 for a draft's."""
    client = client_for(world, "anonymous")
    public = {
        "programmes": world.objects["programme_adopted"].pk,
        "sections": world.objects["measure_adopted"].section_id,
        "measures": world.objects["measure_adopted"].pk,
        "rounds": follow_up["closed"].pk,
    }
    hidden = {
        "programmes": world.objects["programme_draft"].pk,
        "sections": world.objects["measure_draft"].section_id,
        "measures": world.objects["measure_draft"].pk,
        "rounds": follow_up["open"].pk,
    }
    for path in schema(client)["paths"]:
        resource = path.split("/")[3]
        if "{id}" not in path or resource not in public:
            continue
        assert client.get(path.replace("{id}", str(public[resource]))).status_code == 200, path
        assert client.get(path.replace("{id}", str(hidden[resource]))).status_code == 404, path
