"""The header's language link and the language page it leads to."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_header_offers_the_other_language_as_a_link_to_the_language_page():
    page = Client().get(reverse("accessibility")).content.decode()
    assert f'<a href="{reverse("language")}?next=/tillganglighet/" lang="en">English</a>' in page
    assert "set_language" not in page and reverse("set_language") not in page


def test_the_language_page_switches_and_sends_the_visitor_back():
    client = Client()
    page = client.get(reverse("language"), {"next": "/tillganglighet/"})
    assert page.status_code == 200
    body = page.content.decode()
    assert '<input name="next" type="hidden" value="/tillganglighet/">' in body
    assert 'name="language" value="en" lang="en">English</button>' in body
    response = client.post(reverse("set_language"), {"language": "en", "next": "/tillganglighet/"})
    assert response.status_code == 302 and response["Location"] == "/tillganglighet/"
    english = client.get("/tillganglighet/").content.decode()
    assert "Accessibility statement" in english
    assert f'<a href="{reverse("language")}?next=/tillganglighet/" lang="sv">Svenska</a>' in english


@pytest.mark.parametrize(
    "next_url", ["https://elak.example/", "//elak.example/", "javascript:alert(1)", ""]
)
def test_the_language_page_never_sends_anyone_to_another_site(next_url):
    body = Client().get(reverse("language"), {"next": next_url}).content.decode()
    assert '<input name="next" type="hidden" value="/">' in body
    assert 'href="/">' in body
    assert f'href="{next_url}"' not in body and f'value="{next_url}"' not in body


def test_a_signed_in_user_switches_language_the_same_way():
    client = Client()
    client.force_login(UserFactory(username="lasare"))
    response = client.get(reverse("language"), {"next": "/tillganglighet/"})
    assert response.status_code == 200
    assert '<input name="next" type="hidden" value="/tillganglighet/">' in response.content.decode()
    switched = client.post(reverse("set_language"), {"language": "en", "next": "/tillganglighet/"})
    assert switched.status_code == 302 and switched["Location"] == "/tillganglighet/"
    page = client.get("/tillganglighet/").content.decode()
    assert "Accessibility statement" in page and "Log out" in page  # still signed in
