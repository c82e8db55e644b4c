"""Reminders to the responsible committee's officers: due soon, overdue, silent, round deadline.

Each e-mail goes at most once per officer, kind, object and occasion, however often beat runs,
and a reminder recorded but not sent (a worker that died, an SMTP server that refused) is sent
exactly once by the next run.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from measures.follow_up.round_services import round_open, round_part_mark_ready
from measures.follow_up.services import progress_update_create
from measures.models import Measure, ProgressUpdate, RoundPart
from measures.reminders import REMINDER_KINDS, reminders_record, reminders_send
from measures.tasks import send_measure_reminders
from notifications.models import Kind, Notification
from notifications.services import notification_settings_save
from tests.factories import MeasureFactory, ProgrammeFactory, SectionFactory
from tests.steps import adopt, committees_with_an_officer, in_days
from tests.support import mail_server_down

from .conftest import due_in, measures_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(programme, coordinator, officer):
    """The programme in force, every measure fresh (updated today, due far ahead)."""
    adopt(programme, coordinator)
    for measure in measures_of(programme):
        due_in(measure, 400)
    return programme


def _mails(kind_subject: str) -> list:
    return [m for m in mail.outbox if kind_subject in m.subject]


def test_nothing_is_due_for_a_fresh_programme(adopted):
    assert reminders_send() == 0
    assert mail.outbox == []


def test_a_measure_due_within_14_days_is_reminded_once_to_each_officer(
    adopted, officer, second_officer, settings
):
    settings.SITE_URL = "http://127.0.0.1:8080"
    measure = due_in(measures_of(adopted)[0], 14)
    assert reminders_send() == 2
    assert reminders_send() == 0  # beat again: recorded already, nothing new
    assert sorted(m.to[0] for m in mail.outbox) == ["ks2@example.se", "ks@example.se"]
    message = mail.outbox[0]
    assert message.subject.startswith(f"Åtgärd {measure.identifier} ska vara klar ")
    assert f"http://127.0.0.1:8080/atgarder/{measure.pk}/uppfoljning/" in message.body
    assert measure.title in message.body
    # A new due date is a new occasion: one more reminder when it comes near.
    due_in(measure, 5)
    assert reminders_send() == 2


def test_no_due_reminder_at_15_days_nor_for_a_completed_measure(adopted):
    first, second, _third = measures_of(adopted)
    due_in(first, 15)
    due_in(second, 3, status=Measure.Status.COMPLETED)
    assert reminders_send() == 0


def test_an_overdue_measure_is_reminded_once(adopted, officer):
    measure = due_in(measures_of(adopted)[1], -1)
    assert reminders_send() == 1
    assert reminders_send(today=timezone.localdate() + timedelta(days=30)) == 0
    (message,) = mail.outbox
    assert message.subject == f"Åtgärd {measure.identifier} är försenad"
    assert Notification.objects.get(kind__in=REMINDER_KINDS).kind == Kind.MEASURE_OVERDUE


def test_a_cancelled_measure_is_never_overdue(adopted):
    due_in(measures_of(adopted)[1], -10, status=Measure.Status.CANCELLED)
    assert reminders_send() == 0


def test_a_measure_without_an_update_for_six_months_is_reminded(adopted, officer):
    measure, fresh, _third = measures_of(adopted)
    for target in (measure, fresh):
        progress_update_create(
            actor=officer,
            measure=target,
            edit_token=Measure.objects.get(pk=target.pk).edit_token,
            status=Measure.Status.ONGOING,
            progress=20,
        )
    ProgressUpdate.objects.filter(measure=measure).update(
        created_at=timezone.now() - timedelta(days=200)
    )
    # The third has no update at all; the programme was adopted yesterday: not silent yet.
    assert reminders_send() == 1
    (message,) = mail.outbox
    assert measure.identifier in message.subject and "sex månader" in message.subject
    assert reminders_send() == 0


def test_drafts_are_not_reminded(programme, officer):
    for measure in measures_of(programme):
        due_in(measure, -3)
    assert reminders_send() == 0


@pytest.fixture
def reporting_round(adopted, coordinator):
    return round_open(
        actor=coordinator,
        programme=adopted,
        name="Uppföljning 2026",
        period_from=in_days(-300),
        period_to=in_days(-1),
        deadline=in_days(7),
    )


def test_an_open_round_part_is_reminded_7_days_before_the_deadline(reporting_round, officer):
    assert reminders_send(today=in_days(-1)) == 0  # 8 days before
    assert reminders_send() == 1
    assert reminders_send(today=in_days(3)) == 0
    (message,) = mail.outbox
    part = RoundPart.objects.get(round=reporting_round)
    assert message.to == ["ks@example.se"]
    assert "Uppföljning 2026" in message.subject
    assert f"/uppfoljning/del/{part.pk}/" in message.body


def test_a_ready_round_part_is_not_reminded(reporting_round, officer):
    part = RoundPart.objects.get(round=reporting_round)
    round_part_mark_ready(actor=officer, part=part)
    assert reminders_send() == 0


def test_an_officer_who_turned_a_kind_off_gets_none_of_it(adopted, officer, second_officer):
    notification_settings_save(
        actor=officer, kinds_on=[k for k in Kind.values if k != Kind.MEASURE_OVERDUE]
    )
    first, second, _third = measures_of(adopted)
    due_in(first, -2)
    due_in(second, 2)
    assert reminders_send() == 3  # overdue to the second officer; due soon to both
    assert [m.to for m in _mails("försenad")] == [["ks2@example.se"]]
    assert len(_mails("ska vara klar")) == 2


def _officer_address(committee) -> str:
    return f"handlaggare.{committee.code}@example.se"


def _programme_in_force(coordinator, due_in_days: list[int]):
    """An adopted programme with a measure due in each of ``due_in_days`` days, each of its own
    new committee with one officer, and a follow-up round whose deadline is 7 days away."""
    programme = ProgrammeFactory(actor=coordinator)
    section = SectionFactory(actor=coordinator, programme=programme)
    for committee in committees_with_an_officer(len(due_in_days)):
        MeasureFactory(actor=coordinator, section=section, responsible_committee=committee)
    adopt(programme, coordinator)
    for measure, days in zip(measures_of(programme), due_in_days, strict=True):
        due_in(measure, days)
    round_open(
        actor=coordinator,
        programme=programme,
        name="Uppföljning",
        period_from=in_days(-300),
        period_to=in_days(-1),
        deadline=in_days(7),
    )
    return programme


def _reminders_of(programme) -> set[tuple[str, str, str]]:
    """(to, kind, about) of every reminder recorded about ``programme``'s measures and parts."""
    keys = [f"measure:{m.pk}" for m in measures_of(programme)]
    keys += [
        f"roundpart:{pk}"
        for pk in RoundPart.objects.filter(round__programme=programme).values_list("pk", flat=True)
    ]
    return {
        (n.recipient.email, n.kind, n.object_key)
        for n in Notification.objects.filter(kind__in=REMINDER_KINDS, object_key__in=keys)
    }


def test_recording_costs_as_many_queries_for_many_reminders_as_for_one(coordinator):
    cost = {}
    for due in ([3], [3, -2, 10, -30]):
        programme = _programme_in_force(coordinator, due)
        measures = measures_of(programme)
        silent = measures[1].responsible_committee.memberships.get().user if due[1:] else None
        if silent:  # turned overdue reminders off: gets the round's reminder only
            notification_settings_save(
                actor=silent, kinds_on=[k for k in Kind.values if k != Kind.MEASURE_OVERDUE]
            )
        with CaptureQueriesContext(connection) as queries:
            recorded = reminders_record()
        cost[len(due)] = len(queries)
        expected = {
            (
                _officer_address(measure.responsible_committee),
                Kind.MEASURE_DUE_SOON if days > 0 else Kind.MEASURE_OVERDUE,
                f"measure:{measure.pk}",
            )
            for measure, days in zip(measures, due, strict=True)
            if not (silent and measure == measures[1])
        } | {
            (_officer_address(part.committee), Kind.ROUND_DEADLINE, f"roundpart:{part.pk}")
            for part in RoundPart.objects.filter(round__programme=programme)
        }
        assert _reminders_of(programme) == expected
        assert recorded == len(expected) == 2 * len(due) - bool(silent)
        assert reminders_record() == 0  # a second run records nothing new
    assert cost[4] == cost[1]


def test_beat_twice_sends_one_mail(adopted, officer):
    due_in(measures_of(adopted)[0], 1)
    send_measure_reminders.delay().get()
    send_measure_reminders.delay().get()
    assert len(mail.outbox) == 1


def test_a_crash_between_recording_and_sending_is_made_good_by_the_next_run_once(adopted, officer):
    due_in(measures_of(adopted)[0], 1)
    # The worker records the reminder, commits, and dies before it sends anything.
    assert reminders_record() == 1
    assert mail.outbox == []
    assert Notification.objects.get(kind=Kind.MEASURE_DUE_SOON).sent_at is None
    assert reminders_send() == 1
    assert reminders_send() == 0
    assert len(mail.outbox) == 1
    assert Notification.objects.get(kind=Kind.MEASURE_DUE_SOON).sent_at is not None


def test_a_failed_send_is_retried_without_a_second_mail(adopted, officer):
    due_in(measures_of(adopted)[0], 1)
    with mail_server_down():
        assert reminders_send() == 0
    failed = Notification.objects.get(kind=Kind.MEASURE_DUE_SOON)
    assert (failed.sent_at, failed.attempts) == (None, 1)
    assert "refused" in failed.last_error.lower()  # the connection error, kept for the admin
    assert reminders_send() == 1
    assert reminders_send() == 0
    assert len(mail.outbox) == 1


def test_an_officer_without_an_address_is_skipped(adopted, officer):
    officer.email = ""
    officer.save()
    due_in(measures_of(adopted)[0], 1)
    assert reminders_send() == 0
    assert not Notification.objects.filter(kind__in=REMINDER_KINDS).exists()


def test_the_reminder_tasks_are_scheduled_by_beat(settings):
    from handlingsprogram.celery import app

    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["measure-reminders"]["task"] == send_measure_reminders.name
    assert schedule["notification-retries"]["task"] in app.tasks
    assert send_measure_reminders.name in app.tasks
