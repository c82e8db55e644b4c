"""The API's pages in a real browser: the documentation loads from the app itself (no CDN) and
passes axe-core; a coordinator creates a token, reads the API with it, and revokes it."""

import pytest

from .conftest import AXE, WCAG_TAGS, check
from .test_workflow_journey import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_320(page) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})


# Swagger UI's own defects (drf-spectacular-sidecar 2026.10.1): why our page is the documentation.
SWAGGER_UI_AXE_FAILURES = {"color-contrast", "link-name", "nested-interactive"}


def axe_rules_failed(page) -> set[str]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # As tests/browser.py does it: a <script> tag would be inline script, which the CSP refuses.
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return {violation["id"] for violation in result["violations"]}


def record_requests_elsewhere(page, base: str) -> list[str]:
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((base, "data:", "blob:"))
            else elsewhere.append(request.url)
        ),
    )
    return elsewhere


def test_the_api_documentation_page_passes_axe(live_server, page, demo):
    elsewhere = record_requests_elsewhere(page, live_server.url)
    page.goto(live_server.url)
    page.get_by_role("link", name="Open data API").click()
    check(page, "api-docs")
    fits_320(page)
    schema = page.request.get(f"{live_server.url}/api/v1/schema/?format=json")
    assert schema.status == 200 and schema.json()["openapi"].startswith("3.")
    assert elsewhere == []


def test_swagger_ui_loads_from_the_app_with_only_its_known_axe_failures(live_server, page, demo):
    elsewhere = record_requests_elsewhere(page, live_server.url)
    page.goto(f"{live_server.url}/api/v1/docs/swagger/")
    page.wait_for_selector(".opblock-summary")
    # One entry per documented operation: as many as the schema describes.
    schema = page.request.get(f"{live_server.url}/api/v1/schema/?format=json").json()
    operations = sum(len(methods) for methods in schema["paths"].values())
    assert operations >= 13
    assert page.locator(".opblock-summary").count() == operations
    assert elsewhere == [], f"requests outside the app: {elsewhere}"
    assert axe_rules_failed(page) <= SWAGGER_UI_AXE_FAILURES


def test_a_coordinator_creates_uses_and_revokes_a_token(live_server, page, demo):
    _log_in(page, live_server.url, "samordnare")
    page.get_by_role("link", name="API tokens").click()
    check(page, "tokens-empty")
    page.get_by_label("What the token is for").fill("Intranätet")
    page.get_by_role("button", name="Create token").click()
    raw = page.get_by_label("Token", exact=True).input_value()
    assert len(raw) > 40
    check(page, "token-created")
    fits_320(page)

    programmes = page.request.get(
        f"{live_server.url}/api/v1/programmes/", headers={"Authorization": f"Bearer {raw}"}
    )
    assert programmes.status == 200
    assert "draft" in {p["status"] for p in programmes.json()["results"]}

    page.goto(f"{live_server.url}/konto/api-nycklar/")
    assert raw not in page.content()
    page.get_by_role("button", name="Revoke – Intranätet").click()
    assert page.get_by_text("is revoked").is_visible()
    check(page, "token-revoked")
    refused = page.request.get(
        f"{live_server.url}/api/v1/programmes/", headers={"Authorization": f"Bearer {raw}"}
    )
    assert refused.status == 401


def test_an_empty_token_name_is_refused_next_to_the_field(live_server, page, demo):
    _log_in(page, live_server.url, "samordnare")
    page.goto(f"{live_server.url}/konto/api-nycklar/")
    page.get_by_role("button", name="Create token").click()
    assert page.locator(".field-error").is_visible()
    check(page, "token-name-missing")
