"""Consultation: rounds, answers saved then submitted and locked, comments, reminders."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees.services import membership_add
from measures.models import Measure
from measures.services import measure_update
from notifications.models import Kind, Notification
from notifications.services import notification_settings_save, notifications_suppressed
from programme.decisions.consultation import (
    consultation_answer_save,
    consultation_notify_invited,
    consultation_reminders_record,
    consultation_send_reminders,
)
from programme.decisions.selectors import consultation_overview
from programme.decisions.snapshots import programme_snapshot
from programme.decisions.tasks import send_consultation_reminders
from programme.decisions.transitions import programme_transition
from programme.models import (
    ConsultationComment,
    ConsultationInvitation,
    ConsultationRound,
    Programme,
)
from tests.factories import (
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)
from tests.steps import committees_with_an_officer, in_days, send_to_consultation
from tests.support import mail_server_down

pytestmark = pytest.mark.django_db
Position = ConsultationInvitation.Position


@pytest.fixture
def invitation(programme, coordinator, ks, fn):
    send_to_consultation(programme, coordinator, [ks, fn], days=10)
    return ConsultationInvitation.objects.get(round__programme=programme, committee=ks)


def _measure(programme):
    return Measure.objects.filter(section__programme=programme).order_by("section__order", "order")[
        1
    ]


def test_sending_opens_a_round_inviting_the_chosen_committees(programme, coordinator, ks, fn):
    send_to_consultation(programme, coordinator, [ks, fn], days=10)
    consultation_round = programme.consultation_rounds.get()
    assert consultation_round.deadline == in_days(10)
    assert consultation_round.sent_by == coordinator
    assert {i.committee for i in consultation_round.invitations.all()} == {ks, fn}
    assert mail.outbox == []  # sent on commit: the test transaction never commits


def test_invited_officers_are_mailed_a_link_on_commit(
    programme, coordinator, ks, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_to_consultation(programme, coordinator, [ks])
    assert [m.to for m in mail.outbox] == [["ks@example.se"]]
    assert "/remissvar/" in mail.outbox[0].body
    # Recorded first and marked sent: a failed send is retried, never lost silently.
    (notice,) = Notification.objects.filter(kind=Kind.CONSULTATION_INVITED)
    assert notice.sent_at is not None and notice.recipient == officer


def test_an_answer_is_saved_as_a_draft_then_submitted_and_locked(programme, invitation, officer):
    measure = _measure(programme)
    consultation_answer_save(
        actor=officer,
        invitation=invitation,
        position=Position.AGREES_WITH_REMARKS,
        text="Utkast",
        comments={measure.pk: "Lägg till taxibolagen."},
    )
    invitation.refresh_from_db()
    assert invitation.state == ConsultationInvitation.State.DRAFT
    consultation_answer_save(
        actor=officer,
        invitation=invitation,
        position=Position.AGREES_WITH_REMARKS,
        text="Kommunstyrelsen tillstyrker med följande synpunkter.",
        comments={measure.pk: "Lägg till taxibolagen och hotellen."},
        submit=True,
    )
    invitation.refresh_from_db()
    assert invitation.is_submitted
    assert invitation.submitted_by == officer
    assert ConsultationComment.objects.get(invitation=invitation).text.endswith("hotellen.")

    with pytest.raises(ValidationError) as excinfo:
        consultation_answer_save(
            actor=officer, invitation=invitation, position=Position.OBJECTS, text="Ändrat"
        )
    assert excinfo.value.code == "submitted"
    invitation.refresh_from_db()
    assert (invitation.position, invitation.text[:16]) == (
        Position.AGREES_WITH_REMARKS,
        "Kommunstyrelsen ",
    )


def test_submitting_needs_a_position(invitation, officer):
    with pytest.raises(ValidationError) as excinfo:
        consultation_answer_save(actor=officer, invitation=invitation, text="x", submit=True)
    assert "position" in excinfo.value.message_dict
    invitation.refresh_from_db()
    assert invitation.state == ConsultationInvitation.State.NOT_STARTED


@pytest.mark.parametrize("who", ["coordinator", "outsider"])
def test_only_the_invited_committees_officers_may_answer(request, invitation, who):
    with pytest.raises(PermissionDenied):
        consultation_answer_save(
            actor=request.getfixturevalue(who), invitation=invitation, position=Position.AGREES
        )
    invitation.refresh_from_db()
    assert invitation.state == ConsultationInvitation.State.NOT_STARTED


def test_an_officer_of_another_committee_may_not_answer(programme, coordinator, fn, officer):
    send_to_consultation(programme, coordinator, [fn])
    invitation = ConsultationInvitation.objects.get(committee=fn)
    with pytest.raises(PermissionDenied):
        consultation_answer_save(actor=officer, invitation=invitation, position=Position.AGREES)


def test_comments_only_on_the_programmes_own_measures(invitation, officer):
    elsewhere = MeasureFactory()
    with pytest.raises(ValidationError) as excinfo:
        consultation_answer_save(
            actor=officer, invitation=invitation, comments={elsewhere.pk: "Fel program"}
        )
    assert "comments" in excinfo.value.message_dict
    assert not ConsultationComment.objects.exists()


def test_a_closed_round_takes_no_more_answers(programme, invitation, coordinator, officer):
    programme_transition(actor=coordinator, programme=programme, to_status=Programme.Status.DRAFT)
    with pytest.raises(ValidationError) as excinfo:
        consultation_answer_save(actor=officer, invitation=invitation, position=Position.AGREES)
    assert excinfo.value.code == "round_closed"


def test_the_overview_shows_who_answered_and_submitted_comments_per_measure(
    programme, invitation, officer
):
    measure = _measure(programme)
    consultation_answer_save(
        actor=officer,
        invitation=invitation,
        position=Position.AGREES,
        comments={measure.pk: "Bra."},
        submit=True,
    )
    overview = consultation_overview(consultation=invitation.round)
    assert [i.committee.code for i in overview["answered"]] == ["KS"]
    assert [i.committee.code for i in overview["not_answered"]] == ["FN"]
    by_measure = {m.pk: [c.text for c in m.round_comments] for m in overview["measures"]}
    assert by_measure[measure.pk] == ["Bra."]
    assert sum(len(v) for v in by_measure.values()) == 1


def _round_inviting(coordinator, count: int):
    """A programme sent for consultation to ``count`` new committees, each with an officer, its
    invitations not yet mailed."""
    committees = committees_with_an_officer(count)
    programme = ProgrammeFactory(actor=coordinator)
    section = SectionFactory(actor=coordinator, programme=programme)
    MeasureFactory(actor=coordinator, section=section, responsible_committee=committees[0])
    with notifications_suppressed():
        send_to_consultation(programme, coordinator, committees)
    return programme.consultation_rounds.select_related("programme").get()


def test_mailing_the_invited_costs_as_many_queries_for_five_committees_as_for_one(
    coordinator, django_capture_on_commit_callbacks
):
    cost = {}
    for count in (1, 5):
        consultation = _round_inviting(coordinator, count)
        if count == 5:  # a second officer of one committee, who turned invitations off
            silent = UserFactory(username="tyst")
            membership_add(user=silent, committee=consultation.invitations.first().committee)
            notification_settings_save(
                actor=silent, kinds_on=[k for k in Kind.values if k != Kind.CONSULTATION_INVITED]
            )
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks() as callbacks,
        ):
            consultation_notify_invited(consultation=consultation)
        cost[count] = (len(queries), len(callbacks))
        mail.outbox.clear()
        for callback in callbacks:  # the commit: delivery
            callback()
        # Each committee's officer, and only they, got their own committee's answer link.
        expected = {
            f"handlaggare.{invitation.committee.code}@example.se": reverse(
                "programme:consultation_answer", kwargs={"pk": invitation.pk}
            )
            for invitation in consultation.invitations.select_related("committee")
        }
        assert len(mail.outbox) == len(expected) == count
        for message in mail.outbox:
            (to,) = message.to
            assert expected.pop(to) in message.body
    assert cost[5] == cost[1]
    assert cost[1][1] == 1  # one delivery queued on commit, for all the rows


# --- reminders ----------------------------------------------------------------------------------


def test_reminders_go_three_days_before_the_deadline_once_per_committee(
    programme, invitation, officer
):
    deadline = invitation.round.deadline
    assert consultation_send_reminders(today=deadline - timedelta(days=4)) == 0
    assert mail.outbox == []
    day = deadline - timedelta(days=3)
    assert consultation_send_reminders(today=day) == 1  # KS has an officer; FN has none
    assert consultation_send_reminders(today=day) == 0  # a second run (or a restarted worker)
    assert consultation_send_reminders(today=deadline) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ks@example.se"]
    invitation.refresh_from_db()
    assert invitation.reminder_sent_at is not None


def test_no_reminder_for_a_committee_that_has_submitted(programme, invitation, officer):
    consultation_answer_save(
        actor=officer, invitation=invitation, position=Position.AGREES, submit=True
    )
    assert consultation_send_reminders(today=invitation.round.deadline) == 0
    assert mail.outbox == []


def test_a_failed_reminder_stays_recorded_and_is_sent_by_the_next_run(
    programme, invitation, officer
):
    with mail_server_down():
        assert consultation_send_reminders(today=invitation.round.deadline) == 0
    assert mail.outbox == []
    invitation.refresh_from_db()
    assert invitation.reminder_sent_at is not None  # recorded: the next run records nothing new
    assert consultation_send_reminders(today=invitation.round.deadline) == 1
    assert consultation_send_reminders(today=invitation.round.deadline) == 0
    assert len(mail.outbox) == 1


def test_recording_reminders_costs_as_many_queries_for_three_committees_as_for_one(coordinator):
    cost = {}
    for count in (1, 3):
        consultation = _round_inviting(coordinator, count)
        with CaptureQueriesContext(connection) as queries:
            assert consultation_reminders_record(today=consultation.deadline) == count
        cost[count] = len(queries)
        invitations = consultation.invitations.select_related("committee")
        keys = [f"invitation:{invitation.pk}" for invitation in invitations]
        assert {
            (n.recipient.username, n.object_key)
            for n in Notification.objects.filter(
                kind=Kind.CONSULTATION_DEADLINE, object_key__in=keys
            )
        } == {(f"handlaggare.{i.committee.code}", f"invitation:{i.pk}") for i in invitations}
        assert consultation_reminders_record(today=consultation.deadline) == 0
    assert cost[3] == cost[1]


def test_the_beat_task_sends_the_reminders_due_today(programme, invitation, officer):
    """The task as beat starts it (no arguments: today's date) sends what is due today."""
    ConsultationRound.objects.filter(pk=invitation.round_id).update(deadline=in_days(2))
    sent = send_consultation_reminders.delay().get()
    assert sent == len(mail.outbox) >= 1
    assert officer.email in [address for message in mail.outbox for address in message.to]
    assert send_consultation_reminders.delay().get() == 0


def test_the_reminder_task_is_scheduled_by_beat(settings):
    from handlingsprogram.celery import app

    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE["consultation-reminders"]
    assert schedule["task"] == send_consultation_reminders.name
    assert send_consultation_reminders.name in app.tasks


# --- comments outlive their measures --------------------------------------------------------------


def test_a_comment_outlives_its_measure_and_comes_back_with_it(
    client, programme, invitation, officer, coordinator
):
    from measures.services import measure_delete, measure_restore

    measure = _measure(programme)
    label = f"{measure.identifier} {measure.title}"
    consultation_answer_save(
        actor=officer,
        invitation=invitation,
        position=Position.AGREES,
        comments={measure.pk: "Behåll den här."},
        submit=True,
    )
    programme_transition(actor=coordinator, programme=programme, to_status=Programme.Status.DRAFT)
    measure_delete(actor=coordinator, measure=Measure.objects.get(pk=measure.pk))

    comment = ConsultationComment.objects.get()
    assert (comment.measure_id, comment.measure_label) == (measure.pk, label)
    overview = consultation_overview(consultation=invitation.round)
    assert [c.text for c in overview["deleted_measure_comments"]] == ["Behåll den här."]
    assert overview["comment_count"] == 1
    client.force_login(coordinator)
    page = client.get(
        reverse("programme:consultation", kwargs={"pk": programme.pk})
    ).content.decode()
    assert label in page and "Behåll den här." in page
    client.force_login(officer)
    answer = client.get(reverse("programme:consultation_answer", kwargs={"pk": invitation.pk}))
    assert answer.status_code == 200 and "Behåll den här." in answer.content.decode()

    record = Measure.history.filter(id=measure.pk, history_type="-").get()
    measure_restore(actor=coordinator, record=record)
    overview = consultation_overview(consultation=invitation.round)
    assert overview["deleted_measure_comments"] == []
    back = next(m for m in overview["measures"] if m.pk == measure.pk)
    assert [c.text for c in back.round_comments] == ["Behåll den här."]


def test_deleting_a_whole_section_keeps_its_measures_comments(
    programme, invitation, officer, coordinator
):
    from programme.drafting.services.sections import section_delete

    measure = _measure(programme)
    consultation_answer_save(
        actor=officer, invitation=invitation, comments={measure.pk: "Viktig."}, submit=False
    )
    programme_transition(actor=coordinator, programme=programme, to_status=Programme.Status.DRAFT)
    section_delete(actor=coordinator, section=measure.section)
    assert ConsultationComment.objects.get().text == "Viktig."


# --- the text as sent -----------------------------------------------------------------------------


def test_a_round_keeps_the_text_it_sent(programme, invitation):
    assert invitation.round.sent_text == programme_snapshot(programme=programme)


def test_closing_a_round_sent_before_the_text_was_kept_keeps_it_then(
    client, programme, invitation, officer, coordinator
):
    # Rounds opened before this release have no kept text (the migration cannot build one).
    ConsultationRound.objects.filter(pk=invitation.round_id).update(sent_text=None)
    sent = programme_snapshot(programme=programme)
    programme_transition(actor=coordinator, programme=programme, to_status=Programme.Status.DRAFT)
    assert ConsultationRound.objects.get(pk=invitation.round_id).sent_text == sent


def test_a_closed_round_without_a_kept_text_shows_comments_under_their_labels_only(
    client, programme, invitation, officer, coordinator
):
    measure = _measure(programme)
    label = f"{measure.identifier} {measure.title}"
    consultation_answer_save(
        actor=officer, invitation=invitation, comments={measure.pk: "Viktig."}, submit=False
    )
    programme_transition(actor=coordinator, programme=programme, to_status=Programme.Status.DRAFT)
    ConsultationRound.objects.filter(pk=invitation.round_id).update(sent_text=None)
    measure.refresh_from_db()
    measure_update(
        actor=coordinator, measure=measure, edit_token=measure.edit_token, title="Ny titel"
    )
    client.force_login(officer)
    page = client.get(reverse("programme:consultation_answer", kwargs={"pk": invitation.pk}))
    content = page.content.decode()
    assert page.status_code == 200
    assert label in content and "Viktig." in content
    assert "Ny titel" not in content
