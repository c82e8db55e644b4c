"""Response headers: the Content-Security-Policy, and private caching of signed-in pages."""

import pytest
from django.urls import reverse

from tests.factories import MeasureFactory
from tests.programme.helpers import make_coordinator, make_programme

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_every_page_forbids_inline_script_and_style_and_foreign_sources(client):
    programme = make_programme(sections=1)
    client.force_login(make_coordinator())
    for url in (
        reverse("programme:list"),
        programme.get_absolute_url(),
        reverse("login"),
        reverse("admin:index"),
    ):
        directives = _directives(client.get(url))
        assert directives["default-src"] == "default-src 'self'", url
        assert directives["script-src"] == "script-src 'self'", url
        assert directives["style-src"] == "style-src 'self'", url
        assert directives["frame-ancestors"] == "frame-ancestors 'none'", url


def test_pages_of_a_signed_in_user_are_private_to_their_browser(client):
    measure = MeasureFactory()
    client.force_login(make_coordinator())
    for url in (
        reverse("programme:list"),
        measure.section.programme.get_absolute_url(),
        measure.get_absolute_url(),
        reverse("measures:edit", args=[measure.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url


def test_anonymous_pages_are_not_marked_private(client):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")
