"""The public page is served whole from the shared cache to visitors who are not signed in.

A press release sends the public to one page at once: every anonymous visitor is given the same
stored page (one query, no template rendered), which therefore holds nothing personal, and is
never given to, or made from, a signed-in reader's page.
"""

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.decisions.revisions import programme_revise
from programme.models import Programme
from tests.caching.test_pagecache import logged_in
from tests.steps import adopt


def public_url(programme) -> str:
    return reverse("programme:public", kwargs={"pk": programme.pk})


def adopted(programme, coordinator) -> Programme:
    adopt(Programme.objects.get(pk=programme.pk), coordinator)
    return Programme.objects.get(pk=programme.pk)


def test_the_second_anonymous_visitor_is_served_the_stored_page(programme, coordinator):
    url = public_url(adopted(programme, coordinator))
    first = Client().get(url)
    assert first.status_code == 200 and first.templates  # built from the templates
    with CaptureQueriesContext(connection) as captured:
        second = Client().get(url)
    assert second.status_code == 200
    assert second.templates == []  # nothing rendered: the stored page
    assert len(captured) == 1  # the programme's status and content generation
    assert second.content == first.content
    assert "Rutiner mellan socialtjänst och polis" in second.content.decode()


def test_a_process_without_its_own_copy_is_served_the_shared_page(programme, coordinator):
    """Each process keeps the page in its own memory too; another process (or the same one after
    its copy expired) reads the shared entry instead of building the page again."""
    url = public_url(adopted(programme, coordinator))
    first = Client().get(url)
    caches[settings.ANONYMOUS_PAGE_CACHE_ALIAS].clear()  # as in another worker
    shared = Client().get(url)
    assert shared.templates == [] and shared.content == first.content
    caches[settings.PAGE_CACHE_ALIAS].clear()  # the shared cache emptied too: built again
    caches[settings.ANONYMOUS_PAGE_CACHE_ALIAS].clear()
    built = Client().get(url)
    assert built.templates and built.content == first.content


def test_the_anonymous_page_holds_no_csrf_token_and_sets_no_cookie(programme, coordinator):
    url = public_url(adopted(programme, coordinator))
    for _ in range(2):  # built, then stored
        response = Client().get(url)
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert not response.cookies
        assert "private" not in response.get("Cache-Control", "")
        assert "Cookie" in response["Vary"]


def test_a_change_shows_to_anonymous_visitors_at_once(programme, coordinator):
    first = adopted(programme, coordinator)
    url = public_url(first)
    superseded = "This version has been superseded by a later revision."
    assert superseded not in logged_in_anonymously().get(url).content.decode()
    revision = programme_revise(actor=coordinator, programme=first)
    adopt(revision, coordinator, paragraph="KF § 200")
    page = logged_in_anonymously().get(url)
    assert page.templates  # the change moved the key: built again
    assert superseded in page.content.decode()


def logged_in_anonymously() -> Client:
    """A visitor who is not signed in and reads English (the language cookie)."""
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def test_signed_in_and_anonymous_readers_never_get_each_others_page(programme, coordinator):
    url = public_url(adopted(programme, coordinator))
    coordinator.first_name, coordinator.last_name = "Sam", "Ordnare"
    coordinator.save()
    # The anonymous page is stored first; the coordinator must still get their own.
    anonymous_page = logged_in_anonymously().get(url).content.decode()
    signed_in = logged_in(coordinator)
    own_page = signed_in.get(url).content.decode()
    assert "Sam Ordnare" in own_page and "Log out" in own_page
    assert "Sam Ordnare" not in anonymous_page and "Log out" not in anonymous_page
    # And the other way round: after the coordinator's visit, a visitor gets the anonymous page.
    again = logged_in_anonymously().get(url)
    assert again.templates == []
    assert "Sam Ordnare" not in again.content.decode()
    assert "Log in" in again.content.decode()


def test_each_language_has_its_own_stored_page(programme, coordinator):
    url = public_url(adopted(programme, coordinator))
    swedish = Client()
    swedish.cookies["django_language"] = "sv"
    for _ in range(2):
        assert "Ladda ner programmet som PDF" in swedish.get(url).content.decode()
        assert "Download the programme as PDF" in logged_in_anonymously().get(url).content.decode()


def test_a_message_for_an_anonymous_visitor_is_shown_and_not_stored(
    programme, coordinator, settings
):
    """A message is shown once: the stored page (which has none) is not given instead, and the
    page with the message is not stored for the next visitor."""
    url = public_url(adopted(programme, coordinator))
    logged_in_anonymously().get(url)  # stored
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    refused = logged_in_anonymously().post(url, {"text": "x" * 5_000})
    shown = '<div class="messages" role="status">'
    assert refused.status_code == 413
    assert shown in refused.content.decode()
    assert shown not in logged_in_anonymously().get(url).content.decode()


def test_a_query_string_gets_the_page_built_and_nothing_stored(programme, coordinator):
    url = public_url(adopted(programme, coordinator))
    for alias in (settings.PAGE_CACHE_ALIAS, settings.ANONYMOUS_PAGE_CACHE_ALIAS):
        caches[alias].clear()
    for n in range(3):
        response = logged_in_anonymously().get(url, {"utm_source": f"press-{n}"})
        assert response.status_code == 200 and response.templates
    assert logged_in_anonymously().get(url).templates  # the plain address was never stored
