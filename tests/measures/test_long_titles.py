"""A title longer than its 250 characters is refused with a message next to the field and kept in
the form, never cut silently by the browser (no maxlength attribute; a live counter instead)."""

import re

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.factories import MeasureFactory, SectionFactory
from tests.programme.helpers import make_coordinator

pytestmark = pytest.mark.django_db

PASTED = "Å" * 10_000  # as from a pasted document


@pytest.fixture
def coordinator_client(client):
    client.force_login(make_coordinator())
    return client


def title_input(body: str) -> str:
    return re.search(r'<input[^>]*name="title"[^>]*>', body).group(0)


def test_the_title_field_shows_its_limit_and_has_no_silent_cut(coordinator_client):
    measure = MeasureFactory()
    body = coordinator_client.get(reverse("measures:edit", args=[measure.pk])).content.decode()
    field = title_input(body)
    assert "maxlength" not in field
    assert 'data-max-length="250"' in field
    assert "Högst 250 tecken." in body
    assert "js/char-counter.js" in body


def test_a_too_long_title_is_refused_next_to_the_field_and_kept(coordinator_client):
    measure = MeasureFactory(title="Utbildning")
    data = {
        "title": PASTED,
        "responsible_committee": measure.responsible_committee_id,
        "edit_token": measure.edit_token,
    }
    response = coordinator_client.post(reverse("measures:edit", args=[measure.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    error = re.search(r'id="id_title_error">(.*?)</p>', body, re.S).group(1)
    assert "10000 tecken" in error and "250" in error
    assert f'value="{PASTED}"' in title_input(body)
    assert Measure.objects.get(pk=measure.pk).title == "Utbildning"


@pytest.mark.parametrize("name", ["programme:section_create", "programme:edit"])
def test_sections_and_programmes_refuse_a_long_title_the_same_way(coordinator_client, name):
    section = SectionFactory(title="Prostitution")
    url = reverse(name, args=[section.programme.pk])
    data = {"title": PASTED, "kind": "prostitution", "edit_token": 1}
    response = coordinator_client.post(url, data)
    assert response.status_code == 400
    assert "10000 tecken" in response.content.decode()
    section.refresh_from_db()
    assert section.title == "Prostitution" and section.programme.title != PASTED
