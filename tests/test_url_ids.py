"""An id in a URL that no database row can have (beyond 64 bits) is a 404, never a 500.

SQLite refuses to bind an integer beyond 64 bits (``OverflowError``); every URL that takes an id
must turn such a number away before a view looks it up.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

BEYOND_64_BITS = "99999999999999999999"
JUST_BEYOND_SIGNED_64_BITS = str(2**63)
NUMBER_PARAMETER = re.compile(r"<(?:int|id):\w+>")


def _routes(patterns, prefix=""):
    """Every route of the project's own pages (not the admin), as a string with ``<x:name>`` parts."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route != "admin/":
                yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def _urls_with_ids(number: str) -> list[str]:
    routes = [r for r in _routes(get_resolver().url_patterns) if NUMBER_PARAMETER.search(r)]
    return ["/" + NUMBER_PARAMETER.sub(number, route) for route in routes]


def test_the_project_has_pages_that_take_ids():
    urls = _urls_with_ids(BEYOND_64_BITS)
    for expected in (
        f"/program/{BEYOND_64_BITS}/",
        f"/program/{BEYOND_64_BITS}/pdf/{BEYOND_64_BITS}/",
        f"/atgarder/{BEYOND_64_BITS}/",
        f"/avsnitt/{BEYOND_64_BITS}/redigera/",
        f"/namnder/{BEYOND_64_BITS}/medlemmar/",
    ):
        assert expected in urls


@pytest.mark.parametrize("number", [BEYOND_64_BITS, JUST_BEYOND_SIGNED_64_BITS])
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_id_beyond_64_bits_answers_404(admin_user, method, number):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    assert client.get("/program/nytt/").status_code == 200  # signed in, may do everything
    answers = {url: getattr(client, method)(url).status_code for url in _urls_with_ids(number)}
    assert {url: status for url, status in answers.items() if status != 404} == {}
