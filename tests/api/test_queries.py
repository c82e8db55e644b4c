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


def add_rounds(world, rounds: int) -> None:
    """Closed rounds of the adopted programme, each with a part per committee asked."""
    from datetime import date

    from measures.follow_up.round_services import round_close, round_open

    coordinator = world.user("coordinator")
    programme = world.objects["programme_adopted"]
    for year in range(rounds):
        reporting_round = round_open(
            actor=coordinator,
            programme=programme,
            name=f"Runda {year}",
            period_from=date(2000 + year, 1, 1),
            period_to=date(2000 + year, 12, 31),
            deadline=date(2001 + year, 2, 1),
        )
        round_close(actor=coordinator, reporting_round=reporting_round)


@pytest.mark.parametrize("role", ["coordinator", "anonymous"])
def test_round_lists_read_with_a_fixed_number_of_queries(world, role):
    client = client_for(world, role)
    programme = world.objects["programme_adopted"]
    urls = [reverse("api:round-list"), reverse("api:programme-rounds", args=[programme.pk])]

    def counts() -> list[int]:
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200
            found.append(len(queries))
        return found

    add_rounds(world, 1)
    small = counts()
    add_rounds(world, 6)
    assert counts() == small


def test_a_measures_timeline_reads_with_a_fixed_number_of_queries(world):
    from measures.follow_up.services import progress_note_create
    from measures.models import Measure

    client = client_for(world, "coordinator")
    measure = world.objects["measure_adopted"]
    url = reverse("api:measure-detail", args=[measure.pk])

    def note(text: str) -> None:
        current = Measure.objects.get(pk=measure.pk)
        progress_note_create(actor=world.user("officer_co_responsible"), measure=current,
                             edit_token=current.edit_token, note=text)  # fmt: skip

    note("<p>Första</p>")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(10):
        note(f"<p>Nr {number}</p>")
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).json()
    assert len(body["timeline"]) == 11
    assert len(many) == len(few)
