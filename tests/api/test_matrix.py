"""The API's answers per role, with the permission matrix's world: what the pages show, no more.

A draft is a 404 for anonymous callers, council members before submission and other committees'
officers, whether signed in by session or by a personal token."""

import pytest
from django.urls import reverse

from .conftest import ROLES, client_for

# fmt: off
DETAIL = [
    # resource,  object,                    anon   coord  resp   other  co     council
    ("programme", "programme_draft",        (404,  200,   404,   404,   404,   404)),
    ("programme", "programme_consultation", (404,  200,   200,   200,   200,   404)),
    ("programme", "programme_submitted",    (404,  200,   200,   200,   200,   200)),
    ("programme", "programme_adopted",      (200,  200,   200,   200,   200,   200)),
    ("programme", "programme_superseded",   (200,  200,   200,   200,   200,   200)),
    ("programme", "programme_withdrawn",    (404,  200,   404,   404,   404,   404)),
    ("measure",   "measure_adopted",        (200,  200,   200,   200,   200,   200)),
    ("measure",   "measure_draft",          (404,  200,   404,   404,   404,   404)),
    ("measure",   "measure_consultation",   (404,  200,   200,   200,   200,   404)),
    ("measure",   "measure_superseded",     (200,  200,   200,   200,   200,   200)),
]
# fmt: on

CASES = [
    pytest.param(role, how, resource, obj, answers[index], id=f"{role}-{how}-{resource}-{obj}")
    for resource, obj, answers in DETAIL
    for index, role in enumerate(ROLES)
    for how in ("session", "token")
    if not (role == "anonymous" and how == "token")
]


@pytest.mark.parametrize(("role", "how", "resource", "obj", "expected"), CASES)
def test_detail_answers_as_the_pages_do(world, role, how, resource, obj, expected):
    client = client_for(world, role, how=how)
    target = world.objects[obj]
    response = client.get(reverse(f"api:{resource}-detail", args=[target.pk]))
    assert response.status_code == expected


def test_a_sections_draft_is_a_404_too(world):
    section = world.objects["measure_draft"].section
    url = reverse("api:section-detail", args=[section.pk])
    assert client_for(world, "officer_other").get(url).status_code == 404
    assert client_for(world, "anonymous").get(url).status_code == 404
    assert client_for(world, "coordinator").get(url).status_code == 200


EXPECTED_STATUSES = {
    "anonymous": {"adopted", "superseded"},
    "coordinator": {"draft", "consultation", "submitted", "adopted", "superseded", "withdrawn"},
    "officer_responsible": {"consultation", "submitted", "adopted", "superseded"},
    "officer_other": {"consultation", "submitted", "adopted", "superseded"},
    "officer_co_responsible": {"consultation", "submitted", "adopted", "superseded"},
    "council_member": {"submitted", "adopted", "superseded"},
}


@pytest.mark.parametrize("how", ["session", "token"])
@pytest.mark.parametrize("role", ROLES)
def test_lists_hold_exactly_what_the_role_may_read(world, role, how):
    client = client_for(world, role, how=how)
    programmes = client.get(reverse("api:programme-list")).json()["results"]
    assert {p["status"] for p in programmes} == EXPECTED_STATUSES[role]
    readable = {p["id"] for p in programmes}
    measures = client.get(reverse("api:measure-list")).json()["results"]
    assert {m["programme"] for m in measures} <= readable
    sections = client.get(reverse("api:section-list")).json()["results"]
    assert {s["programme"] for s in sections} <= readable
    hidden = world.objects["measure_draft"]
    assert (hidden.pk in {m["id"] for m in measures}) == (role == "coordinator")


def test_anonymous_sees_no_internal_notes(world):
    """The public reads the programme and its decision; no status-step comments or names."""
    client = client_for(world, "anonymous")
    programme = world.objects["programme_adopted"]
    body = client.get(reverse("api:programme-detail", args=[programme.pk])).json()
    assert set(body) == {
        "id", "url", "title", "municipality", "period_from", "period_to", "status", "edition",
        "owning_committee", "based_on", "introduction", "decision", "adopted_edition",
        "updated_at", "editions",
    }  # fmt: skip


def test_a_revised_drafts_base_is_not_named_to_those_who_may_not_read_it(world):
    draft = world.objects["programme_draft"]
    adopted = world.objects["programme_adopted"]
    type(adopted).objects.filter(pk=adopted.pk).update(based_on=draft)
    url = reverse("api:programme-detail", args=[adopted.pk])
    assert client_for(world, "anonymous").get(url).json()["based_on"] is None
    assert client_for(world, "coordinator").get(url).json()["based_on"] == draft.pk


def test_a_wrong_or_revoked_token_is_refused_with_401(world):
    client = client_for(world, "coordinator", how="token")
    assert client.get(reverse("api:programme-list")).status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    response = client.get(reverse("api:programme-list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
