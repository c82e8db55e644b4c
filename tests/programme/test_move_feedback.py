"""After a move, the user lands back at the moved item and the message says it is for that item
(base.html renders data-for; static/js/messages.js puts it beside the item and focuses it)."""

import pytest
from django.urls import reverse

from tests.factories import MeasureFactory, SectionFactory
from tests.programme.helpers import make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client):
    client.force_login(make_coordinator())
    return client


def test_moving_a_measure_returns_to_it_with_its_message(coordinator_client):
    section = SectionFactory()
    MeasureFactory(section=section)
    measure = MeasureFactory(section=section)
    response = coordinator_client.post(reverse("measures:move", args=[measure.pk]), {"position": 1})
    assert response.url.endswith(f"#measure-{measure.pk}")
    page = coordinator_client.get(response.url).content.decode()
    assert f'id="measure-{measure.pk}"' in page
    assert f'data-for="measure-{measure.pk}"' in page and "js/messages.js" in page


def test_moving_a_section_returns_to_it_with_its_message(coordinator_client):
    first = SectionFactory()
    section = SectionFactory(programme=first.programme)
    url = reverse("programme:section_move", args=[section.pk])
    response = coordinator_client.post(url, {"position": 1})
    assert response.url.endswith(f"#section-{section.pk}")
    page = coordinator_client.get(response.url).content.decode()
    assert f'data-for="section-{section.pk}"' in page
