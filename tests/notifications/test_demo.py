"""The demo: seeding mails nobody, and Kommunstyrelsen's officer is reminded of the open round
(Uppföljning 2026, where Socialnämnden's part is ready and Kommunstyrelsen's is not)."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from measures.models import ReportingRound
from measures.reminders import ROUND_DEADLINE_DAYS, reminders_send
from notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


def test_handlaggare_ks_receives_the_round_reminder_and_handlaggare_sn_does_not():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert not Notification.objects.exists()  # the seed replays history: no news
    open_round = ReportingRound.objects.get(state=ReportingRound.State.OPEN)
    reminders_send(today=open_round.deadline - timedelta(days=ROUND_DEADLINE_DAYS))
    reminders = [m for m in mail.outbox if open_round.name in m.subject]
    assert [m.to for m in reminders] == [["handlaggare.ks@example.se"]]
    assert "Kommunstyrelsen" in reminders[0].body
    assert Notification.objects.filter(kind=Kind.ROUND_DEADLINE).count() == 1
    # The next hourly run sends nothing again.
    count = len(mail.outbox)
    reminders_send(today=open_round.deadline - timedelta(days=ROUND_DEADLINE_DAYS - 1))
    assert [m for m in mail.outbox[count:] if open_round.name in m.subject] == []
