"""Each list page reads with a fixed number of queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CommitteeFactory, MeasureFactory, PartnerFactory, SectionFactory

from .conftest import client_for

LISTS = ["api:programme-list", "api:section-list", "api:measure-list", "api:committee-list"]


def grow(world, measures: int) -> None:
    """More sections, measures with co-responsible committees and partners, and committees."""
    programme = world.objects["programme_draft"]
    coordinator = world.user("coordinator")
    for _ in range(measures):
        section = SectionFactory(actor=coordinator, programme=programme)
        measure = MeasureFactory(
            actor=coordinator,
            section=section,
            responsible_committee=CommitteeFactory(),
            co_responsible_committees=[world.objects["committee_fn"]],
        )
        measure.partners.add(PartnerFactory())


def count(client, name: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("how", ["session", "token"])
@pytest.mark.parametrize("name", LISTS)
def test_list_pages_read_with_a_fixed_number_of_queries(world, name, how):
    client = client_for(world, "coordinator", how=how)
    grow(world, 2)
    small = count(client, name)
    grow(world, 12)
    assert count(client, name) == small
