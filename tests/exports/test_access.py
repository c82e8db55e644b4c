"""Who may download, the link on the overview, and a query count that does not grow with rows."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from programme.models import Programme
from tests.factories import MeasureFactory, ProgrammeFactory, SectionFactory
from tests.steps import adopt, send_to_consultation

pytestmark = pytest.mark.django_db

EXPORTS = ["programme:measures_xlsx", "programme:measures_csv"]


@pytest.mark.parametrize("name", EXPORTS)
def test_a_draft_is_not_found_for_an_anonymous_visitor(client, programme, name):
    response = client.get(reverse(name, args=[programme.pk]))
    assert response.status_code == 404
    assert programme.title.encode() not in response.content
    assert b"Rutiner" not in response.content


@pytest.mark.parametrize("name", EXPORTS)
def test_a_draft_is_not_found_for_an_officer_before_consultation(client, programme, officer, name):
    client.force_login(officer)
    response = client.get(reverse(name, args=[programme.pk]))
    assert response.status_code == 404
    assert b"Rutiner" not in response.content


@pytest.mark.parametrize("name", EXPORTS)
def test_an_officer_downloads_it_once_it_is_sent_for_consultation(
    client, programme, coordinator, officer, ks, name
):
    send_to_consultation(programme, coordinator, [ks])
    client.force_login(officer)
    response = client.get(reverse(name, args=[programme.pk]))
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-cache"}


def test_anyone_downloads_an_adopted_programme(client, programme, coordinator):
    adopt(programme, coordinator)
    csv_file = client.get(reverse("programme:measures_csv", args=[programme.pk]))
    assert "Rutiner mellan socialtjänst och polis" in csv_file.content.decode("utf-8-sig")
    xlsx_file = client.get(reverse("programme:measures_xlsx", args=[programme.pk]))
    sheet = load_workbook(io.BytesIO(xlsx_file.content)).active
    assert sheet["C2"].value == "Rutiner mellan socialtjänst och polis"


def test_a_withdrawn_programme_is_not_found_for_anonymous(client, programme):
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.WITHDRAWN)
    for name in EXPORTS:
        assert client.get(reverse(name, args=[programme.pk])).status_code == 404


def test_only_get_is_answered(client, coordinator, programme):
    client.force_login(coordinator)
    for name in EXPORTS:
        assert client.post(reverse(name, args=[programme.pk])).status_code == 405


def _programme_with(measures: int, actor) -> Programme:
    programme = ProgrammeFactory(actor=actor)
    sections = [SectionFactory(actor=actor, programme=programme) for _ in range(3)]
    for number in range(measures):
        MeasureFactory(actor=actor, section=sections[number % 3])
    return programme


def _queries(client, name, programme, query="") -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(name, args=[programme.pk]) + query).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", EXPORTS)
def test_the_query_count_does_not_grow_with_the_measures(client, coordinator, name):
    client.force_login(coordinator)
    small = _programme_with(2, coordinator)
    large = _programme_with(40, coordinator)
    assert _queries(client, name, small) == _queries(client, name, large)
    assert _queries(client, name, small, "?q=Åtgärd") == _queries(client, name, large, "?q=Åtgärd")


def test_the_overview_links_to_both_files_with_its_current_filters(
    client, coordinator, programme, ks
):
    client.force_login(coordinator)
    page = client.get(programme.get_absolute_url()).content.decode()
    xlsx = reverse("programme:measures_xlsx", args=[programme.pk])
    csv = reverse("programme:measures_csv", args=[programme.pk])
    assert f'href="{xlsx}" download' in page
    assert f'href="{csv}" download' in page
    assert "Ladda ner Excel (XLSX)" in page

    filtered = client.get(
        programme.get_absolute_url(), {"committee": ks.pk, "q": "stöd", "overdue": "on"}
    ).content.decode()
    query = f"committee={ks.pk}&amp;overdue=on&amp;q=st%C3%B6d"
    assert f'href="{xlsx}?{query}"' in filtered
    assert f'href="{csv}?{query}"' in filtered
    assert "En rad per åtgärd som matchar filtren ovan." in filtered
    # The link's query reads back as the same filters: the file holds what the page shows.
    response = client.get(f"{csv}?{query.replace('&amp;', '&')}")
    assert response.status_code == 200


def test_invalid_filters_on_the_overview_give_a_link_without_them(client, coordinator, programme):
    client.force_login(coordinator)
    page = client.get(programme.get_absolute_url(), {"section": "999999"}).content.decode()
    xlsx = reverse("programme:measures_xlsx", args=[programme.pk])
    assert f'href="{xlsx}" download' in page


def test_every_reader_of_the_overview_sees_the_link(client, programme, coordinator, officer, ks):
    send_to_consultation(programme, coordinator, [ks])
    client.force_login(officer)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert reverse("programme:measures_csv", args=[programme.pk]) in page
