from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees.services import membership_add
from measures.models import Measure
from measures.services import measure_update
from programme.models import Programme, Section
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    PartnerFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)

from .helpers import make_coordinator, make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return make_coordinator()


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def programme_data(programme=None, **overrides):
    data = {
        "title": "Handlingsprogram mot prostitution",
        "municipality": "Skellefteå kommun",
        "period_from": 2026,
        "period_to": 2029,
        "owning_committee": (programme.owning_committee_id if programme else None),
        "introduction": "<p>Intro</p>",
    }
    if programme:
        data["edit_token"] = programme.edit_token
    data.update(overrides)
    return data


def test_list_shows_counts_per_status_and_a_new_button_for_coordinators(coordinator_client):
    ProgrammeFactory()
    response = coordinator_client.get(reverse("programme:list"))
    assert response.status_code == 200
    assert response.context["status_counts"][0] == ("draft", "Utkast", 1)
    assert reverse("programme:create").encode() in response.content


def test_create_programme(coordinator_client, coordinator):
    committee = ProgrammeFactory().owning_committee
    response = coordinator_client.post(
        reverse("programme:create"), programme_data(owning_committee=committee.pk)
    )
    programme = Programme.objects.get(title="Handlingsprogram mot prostitution")
    assert response.status_code == 302
    assert response["Location"] == programme.get_absolute_url()
    assert programme.history.get().history_user == coordinator


def test_create_from_an_earlier_programme_extends_it(coordinator_client):
    base = make_programme(sections=2, measures_per_section=2)
    response = coordinator_client.post(
        reverse("programme:create"),
        programme_data(owning_committee=base.owning_committee_id, based_on=base.pk),
    )
    assert response.status_code == 302
    new = Programme.objects.get(based_on=base)
    assert Measure.objects.filter(section__programme=new).count() == 4


def test_extending_a_plan_whose_committee_is_inactive_says_which_measure_and_keeps_input(
    coordinator_client,
):
    base = make_programme(sections=1, measures_per_section=2)
    measure = Measure.objects.get(section__programme=base, order=2)
    measure.responsible_committee.active = False
    measure.responsible_committee.save()
    response = coordinator_client.post(
        reverse("programme:create"),
        programme_data(
            owning_committee=base.owning_committee_id, based_on=base.pk, title="Nästa plan"
        ),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert (
        f"Den ansvariga nämnden för åtgärd 1.2, {measure.responsible_committee.name}, "
        "är inte längre aktiv."
    ) in body
    assert 'value="Nästa plan"' in body
    assert list(Programme.objects.all()) == [base]


def test_invalid_programme_keeps_input_shows_errors_and_changes_nothing(coordinator_client):
    committee = ProgrammeFactory().owning_committee
    response = coordinator_client.post(
        reverse("programme:create"),
        programme_data(owning_committee=committee.pk, title="", period_from=2030, period_to=2020),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="error-summary"' in body
    assert 'href="#id_title"' in body
    assert 'id="id_title_error"' in body
    assert 'aria-describedby="id_title_error"' in body
    assert 'value="2030"' in body
    assert Programme.objects.count() == 1


def test_a_one_megabyte_text_gets_a_limit_message(coordinator_client):
    programme = ProgrammeFactory()
    response = coordinator_client.post(
        reverse("programme:edit", args=[programme.pk]),
        programme_data(programme, introduction="<p>" + "x" * 1_000_000 + "</p>"),
    )
    assert response.status_code == 400
    assert "högst 20000 tecken" in response.content.decode()
    programme.refresh_from_db()
    assert programme.introduction == ""


def test_edit_conflict_is_refused_with_the_other_change_and_input_kept(coordinator_client):
    programme = ProgrammeFactory(title="Original")
    stale = programme.edit_token
    coordinator_client.post(
        reverse("programme:edit", args=[programme.pk]), programme_data(programme, title="Första")
    )
    response = coordinator_client.post(
        reverse("programme:edit", args=[programme.pk]),
        programme_data(programme, title="Min egen titel", edit_token=stale),
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Första" in body  # what the other person saved
    assert 'value="Min egen titel"' in body  # the user's input is kept
    programme.refresh_from_db()
    assert programme.title == "Första"


def test_a_reader_who_may_not_edit_gets_403_and_an_anonymous_visitor_404(client):
    programme = ProgrammeFactory()
    # A committee officer reads a programme once it is submitted, but never edits it.
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.SUBMITTED)
    officer = UserFactory()
    membership_add(user=officer, committee=CommitteeFactory())
    client.force_login(officer)
    assert client.get(programme.get_absolute_url()).status_code == 200
    assert client.get(reverse("programme:edit", args=[programme.pk])).status_code == 403
    response = client.post(reverse("programme:section_create", args=[programme.pk]), {"title": "X"})
    assert response.status_code == 403
    client.logout()
    assert client.get(reverse("programme:edit", args=[programme.pk])).status_code == 404
    assert not Section.objects.exists()


def test_overview_filters_and_searches(coordinator_client):
    programme = make_programme(sections=2, measures_per_section=2)
    url = reverse("programme:detail", args=[programme.pk])
    response = coordinator_client.get(url, {"q": "Åtgärd 2.1"})
    shown = [m.title for s in response.context["overview"]["sections"] for m in s.shown_measures]
    assert shown == ["Åtgärd 2.1"]
    section = programme.sections.get(order=1)
    response = coordinator_client.get(url, {"section": section.pk})
    assert [s.pk for s in response.context["overview"]["sections"]] == [section.pk]
    response = coordinator_client.get(url, {"overdue": "on"})
    assert response.context["overview"]["matching_total"] == 0
    assert response.status_code == 200


def test_section_add_move_and_delete(coordinator_client):
    programme = make_programme(sections=2, measures_per_section=1)
    response = coordinator_client.post(
        reverse("programme:section_create", args=[programme.pk]),
        {"title": "Människohandel", "kind": "trafficking", "goals": "<ul><li>Mål</li></ul>"},
    )
    assert response.status_code == 302
    new = programme.sections.get(title="Människohandel")
    coordinator_client.post(reverse("programme:section_move", args=[new.pk]), {"position": 1})
    assert [s.title for s in programme.sections.order_by("order")] == [
        "Människohandel",
        "Avsnitt 1",
        "Avsnitt 2",
    ]
    doomed = programme.sections.get(title="Avsnitt 1")
    confirm = coordinator_client.get(reverse("programme:section_delete", args=[doomed.pk]))
    assert "Åtgärd 1.1" in confirm.content.decode()
    coordinator_client.post(reverse("programme:section_delete", args=[doomed.pk]))
    assert [s.order for s in programme.sections.order_by("order")] == [1, 2]
    deleted = coordinator_client.get(reverse("programme:deleted", args=[programme.pk]))
    assert "Avsnitt 1" in deleted.content.decode()
    record = deleted.context["deleted_sections"][0]
    coordinator_client.post(
        reverse("programme:section_restore", args=[programme.pk, record.history_id])
    )
    assert programme.sections.filter(title="Avsnitt 1").exists()


def test_history_page_shows_who_changed_what_and_restores(coordinator_client, coordinator):
    section = SectionFactory(title="Gammal titel")
    coordinator_client.post(
        reverse("programme:section_edit", args=[section.pk]),
        {"title": "Ny titel", "kind": section.kind, "edit_token": section.edit_token},
    )
    response = coordinator_client.get(reverse("programme:section_history", args=[section.pk]))
    body = response.content.decode()
    assert "Gammal titel" in body and "Ny titel" in body and "Anna Lindqvist" in body
    first = section.history.earliest("history_id")
    section.refresh_from_db()
    coordinator_client.post(
        reverse("programme:section_history", args=[section.pk]),
        {"record": first.history_id, "field": "title", "edit_token": section.edit_token},
    )
    section.refresh_from_db()
    assert section.title == "Gammal titel"
    assert section.history.count() == 3


def test_the_overdue_filter_shows_open_measures_past_their_due_date(coordinator_client):
    programme = make_programme(sections=1, measures_per_section=0)
    section = programme.sections.get()
    yesterday, tomorrow = date.today() - timedelta(days=1), date.today() + timedelta(days=1)
    MeasureFactory(section=section, title="Sen och pågående", due_date=yesterday, status="ongoing")
    MeasureFactory(section=section, title="Sen men klar", due_date=yesterday, status="completed")
    MeasureFactory(section=section, title="Inte sen än", due_date=tomorrow, status="ongoing")
    response = coordinator_client.get(programme.get_absolute_url(), {"overdue": "on"})
    shown = [m.title for s in response.context["overview"]["sections"] for m in s.shown_measures]
    assert shown == ["Sen och pågående"]
    assert response.context["overview"]["matching_total"] == 1


def _history_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_history_pages_run_the_same_number_of_queries_for_3_and_30_changes(coordinator_client):
    coordinator = make_coordinator("samordnare2")
    counts = []
    for changes in (3, 30):
        measure = MeasureFactory(partners=[PartnerFactory()])
        for i in range(changes):
            measure.refresh_from_db()
            measure_update(
                actor=coordinator,
                measure=measure,
                edit_token=measure.edit_token,
                title=f"Ändring {i}",
                partners=[PartnerFactory()] if i % 2 else [],
            )
        counts.append(
            (
                _history_queries(
                    coordinator_client, reverse("measures:history", args=[measure.pk])
                ),
                _history_queries(
                    coordinator_client,
                    reverse("programme:section_history", args=[measure.section.pk]),
                ),
            )
        )
    assert counts[0] == counts[1]
