"""Notices on commit: an answered consultation, a submission, an adoption, a new assignment.

Each is recorded in the transaction of the step that causes it and sent once it commits
(``django_capture_on_commit_callbacks`` runs what a commit would run); a step that is refused
records nothing, and whoever turned a kind off gets none of it.
"""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committees.services import membership_add
from measures.models import Measure
from measures.notices import notify_measures_assigned
from measures.services import measure_update
from notifications.models import Kind, Notification
from notifications.services import notification_settings_save, notifications_suppressed
from programme.decisions.consultation import consultation_answer_save
from programme.decisions.notices import notify_programme_adopted
from programme.decisions.revisions import programme_revise
from programme.decisions.transitions import programme_transition
from programme.models import ConsultationInvitation, Programme
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)
from tests.steps import adopt, committees_with_an_officer, send_to_consultation

from .conftest import measures_of

pytestmark = pytest.mark.django_db
Status = Programme.Status


def _to(kind: str) -> list[str]:
    return sorted(
        n.recipient.email for n in Notification.objects.filter(kind=kind, sent_at__isnull=False)
    )


def _turn_off(user, kind: str) -> None:
    notification_settings_save(actor=user, kinds_on=[k for k in Kind.values if k != kind])


# --- the consultation is answered: the coordinators -----------------------------------------------


@pytest.fixture
def invitation(programme, coordinator, ks, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_to_consultation(programme, coordinator, [ks], days=10)
    mail.outbox.clear()
    return ConsultationInvitation.objects.get(round__programme=programme, committee=ks)


def test_a_submitted_answer_is_mailed_to_the_coordinators(
    invitation, officer, coordinator, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://127.0.0.1:8080"
    other = UserFactory(username="samordnare2", email="s2@example.se")
    other.groups.add(coordinator.groups.get())
    with django_capture_on_commit_callbacks(execute=True):
        consultation_answer_save(
            actor=officer, invitation=invitation, position="agrees_with_remarks", submit=True
        )
    assert _to(Kind.CONSULTATION_ANSWERED) == ["s2@example.se", "samordnare@example.se"]
    message = mail.outbox[0]
    assert message.subject == (
        "Kommunstyrelsen har svarat på remissen om Handlingsprogram mot människohandel"
    )
    assert "Ställningstagande: Tillstyrker med synpunkter" in message.body
    programme_id = invitation.round.programme_id
    assert f"http://127.0.0.1:8080/program/{programme_id}/remiss/" in message.body


def test_a_saved_draft_answer_mails_nobody(invitation, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        consultation_answer_save(actor=officer, invitation=invitation, position="agrees")
    assert mail.outbox == []


def test_a_refused_answer_mails_nobody(invitation, django_capture_on_commit_callbacks):
    stranger = UserFactory(username="fn.handlaggare")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        consultation_answer_save(
            actor=stranger, invitation=invitation, position="agrees", submit=True
        )
    assert mail.outbox == []
    assert not Notification.objects.filter(kind=Kind.CONSULTATION_ANSWERED).exists()


def test_a_coordinator_who_turned_answers_off_gets_none(
    invitation, officer, coordinator, django_capture_on_commit_callbacks
):
    _turn_off(coordinator, Kind.CONSULTATION_ANSWERED)
    with django_capture_on_commit_callbacks(execute=True):
        consultation_answer_save(
            actor=officer, invitation=invitation, position="agrees", submit=True
        )
    assert mail.outbox == []


# --- submitted to the council: its members ---------------------------------------------------------


def test_a_submission_is_mailed_to_the_council_members_once_per_submission(
    programme, coordinator, officer, council_member, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    for _round in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            programme_transition(actor=coordinator, programme=programme, to_status=Status.SUBMITTED)
        with django_capture_on_commit_callbacks(execute=True):
            programme_transition(actor=coordinator, programme=programme, to_status=Status.DRAFT)
    submitted = [m for m in mail.outbox if m.subject.startswith("Överlämnat")]
    assert [m.to for m in submitted] == [["ledamot@example.se"], ["ledamot@example.se"]]
    assert f"/program/{programme.pk}/" in submitted[0].body


def test_a_refused_submission_mails_nobody(
    programme, officer, council_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        programme_transition(actor=officer, programme=programme, to_status=Status.SUBMITTED)
    assert not Notification.objects.filter(kind=Kind.PROGRAMME_SUBMITTED).exists()
    assert Programme.objects.get(pk=programme.pk).status == Status.DRAFT


def test_a_council_member_who_turned_submissions_off_gets_none(
    programme, coordinator, council_member, django_capture_on_commit_callbacks
):
    _turn_off(council_member, Kind.PROGRAMME_SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        programme_transition(actor=coordinator, programme=programme, to_status=Status.SUBMITTED)
    assert not Notification.objects.filter(kind=Kind.PROGRAMME_SUBMITTED).exists()


# --- adopted: the officers of the committees with measures in it -----------------------------------


def test_an_adoption_is_mailed_to_the_officers_with_a_link_to_our_assignment(
    programme, coordinator, officer, fn, ks, council_member, django_capture_on_commit_callbacks
):
    fn_officer = UserFactory(username="handlaggare.fn", email="fn@example.se")
    membership_add(user=fn_officer, committee=fn)
    bystander = UserFactory(username="handlaggare.xx", email="xx@example.se")
    membership_add(user=bystander, committee=CommitteeFactory(name="Byggnadsnämnden", code="BN"))
    measures_of(programme)[0].co_responsible_committees.add(fn)
    with django_capture_on_commit_callbacks(execute=True):
        adopt(programme, coordinator)
    assert _to(Kind.PROGRAMME_ADOPTED) == ["fn@example.se", "ks@example.se"]
    message = next(m for m in mail.outbox if m.to == ["ks@example.se"] and "Antaget" in m.subject)
    assert message.subject == "Antaget: Handlingsprogram mot människohandel"
    assert "KF § 123" in message.body
    assert f"/namnder/{ks.pk}/uppdrag/" in message.body
    assert "Vårt uppdrag" in message.body


def test_an_officer_who_turned_adoptions_off_gets_none(
    programme, coordinator, officer, django_capture_on_commit_callbacks
):
    _turn_off(officer, Kind.PROGRAMME_ADOPTED)
    with django_capture_on_commit_callbacks(execute=True):
        adopt(programme, coordinator)
    assert _to(Kind.PROGRAMME_ADOPTED) == []


# --- a measure newly assigned: the committee's officers ---------------------------------------------


def test_a_new_measure_is_mailed_to_its_committees_officers(
    programme, coordinator, ks, officer, django_capture_on_commit_callbacks
):
    section = programme.sections.first()
    with django_capture_on_commit_callbacks(execute=True):
        measure = MeasureFactory(
            actor=coordinator, section=section, title="Nytt samarbete", responsible_committee=ks
        )
    (message,) = [m for m in mail.outbox if "Nytt samarbete" in m.subject]
    assert message.to == ["ks@example.se"]
    assert message.subject == f"Ny åtgärd för Kommunstyrelsen: {measure.identifier} Nytt samarbete"
    assert f"/namnder/{ks.pk}/uppdrag/" in message.body


def test_moving_a_measure_to_another_committee_tells_the_new_one_only(
    programme, coordinator, ks, fn, officer, django_capture_on_commit_callbacks
):
    fn_officer = UserFactory(username="handlaggare.fn", email="fn@example.se")
    membership_add(user=fn_officer, committee=fn)
    measure = measures_of(programme)[0]
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        measure_update(
            actor=coordinator, measure=measure, edit_token=measure.edit_token, title="Ny titel"
        )
    assert not Notification.objects.exists()
    measure.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        measure_update(
            actor=coordinator,
            measure=measure,
            edit_token=measure.edit_token,
            responsible_committee=fn,
        )
    assert _to(Kind.MEASURE_ASSIGNED) == ["fn@example.se"]


def test_a_revision_copies_measures_without_mailing_anyone(
    programme, coordinator, officer, django_capture_on_commit_callbacks
):
    adopt(programme, coordinator)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        programme_revise(actor=coordinator, programme=Programme.objects.get(pk=programme.pk))
    assert not Notification.objects.exists()


def test_an_officer_who_turned_assignments_off_gets_none(
    programme, coordinator, ks, officer, django_capture_on_commit_callbacks
):
    _turn_off(officer, Kind.MEASURE_ASSIGNED)
    with django_capture_on_commit_callbacks(execute=True):
        MeasureFactory(
            actor=coordinator, section=programme.sections.first(), responsible_committee=ks
        )
    assert not Notification.objects.filter(kind=Kind.MEASURE_ASSIGNED, recipient=officer).exists()


def test_nothing_is_recorded_while_suppressed(programme, coordinator, council_member):
    with notifications_suppressed():
        programme_transition(actor=coordinator, programme=programme, to_status=Status.SUBMITTED)
    assert not Notification.objects.exists()


# --- the cost: the same number of queries for many committees as for one ----------------------------


def test_an_adoption_costs_as_many_queries_for_three_committees_as_for_one(
    coordinator, django_capture_on_commit_callbacks
):
    cost = {}
    for count in (1, 3):
        committees = committees_with_an_officer(count)
        programme = ProgrammeFactory(actor=coordinator)
        section = SectionFactory(actor=coordinator, programme=programme)
        with notifications_suppressed():
            for committee in committees:
                MeasureFactory(actor=coordinator, section=section, responsible_committee=committee)
            adopt(programme, coordinator)
        programme = Programme.objects.get(pk=programme.pk)
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks() as callbacks,
        ):
            notify_programme_adopted(programme=programme)
        cost[count] = (len(queries), len(callbacks))
        recorded = Notification.objects.filter(
            kind=Kind.PROGRAMME_ADOPTED, object_key=f"programme:{programme.pk}"
        )
        assert {(n.recipient.username, n.occasion) for n in recorded} == {
            (f"handlaggare.{committee.code}", f"committee:{committee.pk}")
            for committee in committees
        }
    assert cost[3] == cost[1]
    assert cost[1][1] == 1


def test_assigning_measures_to_three_committees_costs_as_many_queries_as_to_one(
    coordinator, django_capture_on_commit_callbacks
):
    cost = {}
    for count in (1, 3):
        committees = committees_with_an_officer(count)
        section = SectionFactory(actor=coordinator, programme=ProgrammeFactory(actor=coordinator))
        with notifications_suppressed():
            created = [
                MeasureFactory(actor=coordinator, section=section, responsible_committee=committee)
                for committee in committees
                for _each in range(2)
            ]
        measures = list(
            Measure.objects.filter(pk__in=[m.pk for m in created])
            .select_related("section__programme", "responsible_committee")
            .order_by("pk")
        )
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks() as callbacks,
        ):
            notify_measures_assigned(measures=measures)
        cost[count] = (len(queries), len(callbacks))
        # One mail per committee naming both its measures, keyed on the first and the rest.
        assert {
            (n.recipient.username, n.object_key)
            for n in Notification.objects.filter(
                kind=Kind.MEASURE_ASSIGNED, occasion__in=[f"committee:{c.pk}" for c in committees]
            )
        } == {
            (f"handlaggare.{m.responsible_committee.code}", f"measure:{m.pk}+1")
            for m in measures[::2]
        }
    assert cost[3] == cost[1]
    assert cost[1][1] == 1
