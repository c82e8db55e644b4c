"""A post over DATA_UPLOAD_MAX_MEMORY_SIZE and other bad requests get our pages, never Django's."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import MeasureFactory
from tests.programme.helpers import make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client):
    client.force_login(make_coordinator())
    return client


def test_a_too_large_edit_shows_the_form_again_with_the_limit_and_saves_nothing(
    coordinator_client, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    measure = MeasureFactory(title="Sparad titel")
    data = {
        "title": "Ny titel",
        "responsible_committee": measure.responsible_committee.pk,
        "edit_token": measure.edit_token,
        "status": measure.status,
        "progress": 0,
        "description": "<p>" + "x" * 20_000 + "</p>",
    }
    response = coordinator_client.post(reverse("measures:edit", args=[measure.pk]), data)

    assert response.status_code == 413
    page = response.content.decode()
    assert '<div class="messages"' in page and "är större än 9,8\xa0kB" in page
    assert "inget har sparats" in page.lower()
    assert "<form" in page and 'value="Sparad titel"' in page
    measure.refresh_from_db()
    assert measure.title == "Sparad titel"
    # The message was shown once and does not follow the user to the next page.
    assert (
        '<div class="messages"'
        not in coordinator_client.get(measure.get_absolute_url()).content.decode()
    )


def test_a_too_large_post_to_a_page_without_a_form_gets_the_400_page_with_the_limit(
    coordinator_client, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    response = coordinator_client.post(reverse("logout"), {"filler": "x" * 5_000})
    assert response.status_code == 413
    page = response.content.decode()
    assert '<p class="message message--error">Det du skickade är större än 1000\xa0byte' in page
    assert 'class="site-header"' in page
    assert "_auth_user_id" in coordinator_client.session


def test_a_bad_request_gets_the_400_page_in_the_site_layout(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    client = Client(raise_request_exception=False)
    response = client.post(reverse("login"), {f"f{n}": "x" for n in range(10)})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="site-header"' in page
    assert "Det webbläsaren skickade kunde inte läsas" in page
