"""The mechanism itself: one row per key, and two deliveries of one row send one mail."""

import threading

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import IntegrityError, connection, transaction

from notifications.models import Kind, Notification
from notifications.services import (
    notification_deliver,
    notifications_deliver_pending,
    notifications_record,
)
from tests.factories import UserFactory
from tests.support import require


def _record(user) -> int:
    return notifications_record(
        kind=Kind.MEASURE_OVERDUE,
        object_key="measure:1",
        occasion="2026-01-01",
        recipients=[user],
        subject="Åtgärd 1.1 är försenad",
        body="Text",
        deliver_after_commit=False,
    )


@pytest.mark.django_db
def test_a_key_is_recorded_once_and_the_database_refuses_a_second_row():
    user = UserFactory(username="handlaggare.ks")
    assert _record(user) == 1
    assert _record(user) == 0
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            recipient=user,
            kind=Kind.MEASURE_OVERDUE,
            object_key="measure:1",
            occasion="2026-01-01",
            subject="x",
            body="x",
        )
    assert Notification.objects.count() == 1


@pytest.mark.django_db
def test_a_sent_row_is_never_sent_again():
    user = UserFactory(username="handlaggare.ks")
    _record(user)
    row = Notification.objects.get()
    assert notification_deliver(notification_id=row.pk) is True
    assert notification_deliver(notification_id=row.pk) is False
    assert notifications_deliver_pending() == 0
    assert len(mail.outbox) == 1


class SlowBackend(EmailBackend):
    """The locmem backend behind an SMTP server that takes its time (until the test says go)."""

    started = threading.Event()
    go = threading.Event()

    def send_messages(self, messages):
        SlowBackend.started.set()
        assert SlowBackend.go.wait(timeout=20)
        return super().send_messages(messages)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_second_delivery_passes_by_a_row_being_sent(settings):
    require(connection.vendor == "postgresql", "row locks need PostgreSQL (set DATABASE_URL)")
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    SlowBackend.started.clear()
    SlowBackend.go.clear()
    user = UserFactory(username="handlaggare.ks")
    _record(user)
    row = Notification.objects.get()
    results = []

    def first():
        try:
            results.append(notification_deliver(notification_id=row.pk))
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert SlowBackend.started.wait(timeout=20)
    # Beat's retry run while the first worker is still talking to the SMTP server.
    assert notifications_deliver_pending() == 0
    SlowBackend.go.set()
    thread.join(timeout=30)
    assert results == [True]
    assert notifications_deliver_pending() == 0
    assert len(mail.outbox) == 1
    assert Notification.objects.get().sent_at is not None


@pytest.mark.django_db
def test_the_admin_lists_the_notifications_read_only(client):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    _record(UserFactory(username="handlaggare.ks"))
    client.force_login(admin)
    page = client.get("/admin/notifications/notification/")
    assert page.status_code == 200
    assert "handlaggare.ks" in page.content.decode()
    assert client.get("/admin/notifications/notification/add/").status_code == 403
