"""A real Celery worker sends the reminders to a real SMTP server (aiosmtpd, started here on a
free port): beat's task twice gives one mail, and a reminder recorded by a worker that died
before sending is sent once by the retry run.

Needs PostgreSQL and Redis (the worker reads the test database and the broker); skipped
locally without them, failed under CI=true. Run locally with e.g.
CI=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/hp_h3 \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/3 .venv/bin/pytest tests/notifications/test_smtp_worker.py
"""

import socket
import time
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from measures.reminders import REMINDER_KINDS, reminders_record
from notifications.models import Kind, Notification
from tests.steps import adopt
from tests.support import require

from .conftest import due_in, measures_of

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REMINDERS_TASK = "measures.tasks.send_measure_reminders"
RETRY_TASK = "notifications.tasks.deliver_pending_notifications"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    """aiosmtpd's handler: keeps every message it is given, as (recipients, subject)."""

    def __init__(self):
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
        message = message_from_bytes(envelope.content)
        subject = str(make_header(decode_header(message["Subject"])))
        self.messages.append((list(envelope.rcpt_tos), subject))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_sink():
    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        require(False, "aiosmtpd is not installed (pip install -r requirements.lock)")
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    sink.port = controller.port
    yield sink
    controller.stop()


@pytest.fixture
def worker(smtp_sink, start_worker):
    return start_worker(
        TEST_SMTP="true",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_sink.port}",
        SITE_URL="http://127.0.0.1:8080",
    )


def _wait_until_sent(kinds, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = Notification.objects.filter(kind__in=kinds)
        if rows.exists() and not rows.filter(sent_at__isnull=True).exists():
            return
        time.sleep(0.2)
    pytest.fail(f"not sent within {timeout} s:\n{log.read_text()[-3000:]}")


def _due_soon(sink: Sink) -> list[list[str]]:
    return [to for to, subject in sink.messages if "ska vara klar" in subject]


def _idle(broker_app, worker, kinds) -> None:
    """Let the worker finish what it was sent: a last retry run, then no unsent row."""
    broker_app.send_task(RETRY_TASK)
    time.sleep(2)
    _wait_until_sent(kinds, worker.log)


def test_beat_twice_sends_each_officer_one_mail_through_smtp(
    programme, coordinator, officer, second_officer, broker, worker, smtp_sink
):
    adopt(programme, coordinator)
    due_in(measures_of(programme)[0], 3)
    broker.send_task(REMINDERS_TASK)
    broker.send_task(REMINDERS_TASK)
    _wait_until_sent(REMINDER_KINDS, worker.log)
    _idle(broker, worker, REMINDER_KINDS)
    assert sorted(_due_soon(smtp_sink)) == [["ks2@example.se"], ["ks@example.se"]]
    # The adoption notice went the same way, queued after the adoption committed.
    _wait_until_sent([Kind.PROGRAMME_ADOPTED], worker.log)
    assert sum("Antaget" in subject for _to, subject in smtp_sink.messages) == 2


def test_a_reminder_recorded_by_a_worker_that_died_is_sent_once_by_the_retry(
    programme, coordinator, officer, broker, worker, smtp_sink
):
    adopt(programme, coordinator)
    due_in(measures_of(programme)[0], 3)
    # What a worker that dies right after its commit leaves behind: recorded, never sent.
    assert reminders_record() == 1
    assert not _due_soon(smtp_sink)
    broker.send_task(RETRY_TASK)
    broker.send_task(RETRY_TASK)
    _wait_until_sent(REMINDER_KINDS, worker.log)
    _idle(broker, worker, REMINDER_KINDS)
    assert _due_soon(smtp_sink) == [["ks@example.se"]]
