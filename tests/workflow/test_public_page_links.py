"""The public page: target values as in the PDF, a link to the PDF; the list sends the public there."""

from decimal import Decimal

import pytest
from django.urls import reverse

from programme.models import Programme
from tests.factories import MeasureFactory, UserFactory
from tests.steps import adopt

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(programme, coordinator, ks):
    MeasureFactory(
        actor=coordinator,
        section=programme.sections.first(),
        title="Uppsökande arbete",
        responsible_committee=ks,
        indicator="Antal kontakter",
        indicator_target=Decimal("40.00"),
        indicator_unit="personer",
    )
    adopt(programme, coordinator)
    return Programme.objects.get(pk=programme.pk)


def test_the_public_page_shows_target_values_without_trailing_zeros(client, adopted):
    page = client.get(reverse("programme:public", args=[adopted.pk])).content.decode()
    assert "40 personer" in page
    assert "40.00" not in page


def test_the_public_page_links_to_the_adopted_editions_pdf(client, adopted):
    page = client.get(reverse("programme:public", args=[adopted.pk])).content.decode()
    assert reverse("programme:pdf_latest", args=[adopted.pk]) in page


def test_the_programme_list_sends_the_public_to_the_public_page(client, adopted, coordinator):
    public_url = reverse("programme:public", args=[adopted.pk])
    for user in (None, UserFactory(username="utan.roll")):
        client.logout()
        if user:
            client.force_login(user)
        page = client.get(reverse("programme:list")).content.decode()
        assert f'href="{public_url}"' in page
        assert f'href="{adopted.get_absolute_url()}"' not in page
    client.force_login(coordinator)
    page = client.get(reverse("programme:list")).content.decode()
    assert f'href="{adopted.get_absolute_url()}"' in page
