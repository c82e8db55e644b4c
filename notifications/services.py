"""Writes: record e-mails, deliver them, and a user's choice of which kinds they receive.

Delivery is idempotent per row. ``notifications_record_many`` inserts one row per letter and
recipient under the unique key (recipient, kind, object, occasion), ignoring rows that exist, in
a fixed number of queries however many letters, and asks for delivery only once its transaction
has committed. ``notification_deliver`` locks the unsent row (SKIP LOCKED: a second worker passes
it by), sends, sets ``sent_at`` and commits; if sending fails the transaction rolls back and the
row stays unsent for ``notifications_deliver_pending`` (beat) to try again. If the process dies
mid-send the lock goes with its connection and the row is again unsent. The one remaining window,
a crash after the SMTP server accepted the mail and before the commit, could repeat a mail; no
protocol can close that without the mail server's help.
"""

import logging
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from celery import current_app
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from .models import Kind, Notification, NotificationOptOut

logger = logging.getLogger(__name__)

DELIVER_TASK = "notifications.tasks.deliver_notifications"
# A mail that failed this often is left for a person to look at (the admin lists it).
MAX_ATTEMPTS = 10

# The unique key of a row: one e-mail per recipient, kind, object and occasion.
KEY_FIELDS = ("recipient_id", "kind", "object_key", "occasion")

_suppressed: ContextVar[bool] = ContextVar("notifications_suppressed", default=False)


@contextmanager
def notifications_suppressed():
    """Record nothing inside: the demo seed replays a history that is nobody's news."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


@dataclass(frozen=True)
class Letter:
    """One e-mail to be recorded for each of ``recipients``, keyed on (kind, object, occasion)."""

    kind: str
    object_key: str
    recipients: Iterable
    subject: str
    body: str
    occasion: str = ""


def notifications_record(
    *,
    kind: str,
    object_key: str,
    recipients: Iterable,
    subject: str,
    body: str,
    occasion: str = "",
    deliver_after_commit: bool = True,
) -> int:
    """Record one e-mail for its recipients (``notifications_record_many`` with one letter)."""
    letter = Letter(kind, object_key, recipients, subject, body, occasion)
    return notifications_record_many(letters=[letter], deliver_after_commit=deliver_after_commit)


def notifications_record_many(
    *, letters: Iterable[Letter], deliver_after_commit: bool = True
) -> int:
    """Record each letter for each of its recipients who can receive it and has not turned its
    kind off, unless already recorded; returns how many rows are new. They are queued for
    delivery once the transaction commits, unless the caller delivers them itself
    (``deliver_after_commit``). Three queries and one queueing however many letters."""
    if _suppressed.get():
        return 0
    # (recipient, kind, object, occasion): the unique key; the first letter for a key wins.
    wanted: dict[tuple[int, str, str, str], Letter] = {}
    for letter in letters:
        for user in letter.recipients:
            if user.is_active and user.email:
                key = (user.pk, letter.kind, letter.object_key, letter.occasion)
                wanted.setdefault(key, letter)
    if not wanted:
        return 0
    opted_out = set(
        NotificationOptOut.objects.filter(
            user_id__in={user_id for user_id, *_rest in wanted},
            kind__in={kind for _user_id, kind, *_rest in wanted},
        ).values_list("user_id", "kind")
    )
    recorded = set(_rows_among(wanted).values_list(*KEY_FIELDS))
    rows = [
        Notification(
            recipient_id=user_id,
            kind=kind,
            object_key=object_key,
            occasion=occasion,
            subject=letter.subject[:300],
            body=letter.body,
        )
        for (user_id, kind, object_key, occasion), letter in wanted.items()
        if (user_id, kind) not in opted_out
        and (user_id, kind, object_key, occasion) not in recorded
    ]
    if not rows:
        return 0
    with transaction.atomic():
        # A concurrent run that recorded the same key first wins; ours is then ignored.
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        if deliver_after_commit:
            new = {tuple(getattr(row, field) for field in KEY_FIELDS) for row in rows}
            transaction.on_commit(lambda: _queue_delivery(new))
    return len(rows)


def _rows_among(keys) -> QuerySet:
    """The rows whose keys may be among ``keys``: one query with each column's values, which
    matches a superset (one letter's object with another's occasion); callers keep exact keys."""
    user_ids, kinds, object_keys, occasions = (set(column) for column in zip(*keys, strict=True))
    return Notification.objects.filter(
        recipient_id__in=user_ids,
        kind__in=kinds,
        object_key__in=object_keys,
        occasion__in=occasions,
    )


def _queue_delivery(keys: set[tuple[int, str, str, str]]) -> None:
    ids = [
        pk
        for pk, *key in _rows_among(keys)
        .filter(sent_at__isnull=True)
        .values_list("pk", *KEY_FIELDS)
        if tuple(key) in keys
    ]
    if not ids:
        return
    try:
        current_app.signature(DELIVER_TASK).apply_async(
            args=[ids],
            retry=True,
            retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.5},
        )
    except Exception:  # the rows are recorded: beat's retry run sends them
        logger.warning("Could not queue the delivery of notifications %s", ids, exc_info=True)


def notification_deliver(*, notification_id: int) -> bool:
    """Send one recorded e-mail unless it is sent or being sent; True if this call sent it."""
    try:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("recipient")
                .filter(pk=notification_id, sent_at__isnull=True)
                .first()
            )
            if notification is None:
                return False
            recipient = notification.recipient
            if recipient.is_active and recipient.email:
                send_mail(notification.subject, notification.body, None, [recipient.email])
            # An account closed or left without an address since: nothing to send, ever.
            notification.sent_at = timezone.now()
            notification.save(update_fields=["sent_at"])
    except Exception as error:
        Notification.objects.filter(pk=notification_id).update(
            attempts=F("attempts") + 1, last_error=str(error)[:500]
        )
        logger.exception("Notification %s was not sent; the next run tries again", notification_id)
        return False
    return True


def notifications_deliver(*, notification_ids: Iterable[int]) -> int:
    """Send each of ``notification_ids`` not yet sent; return how many this call sent."""
    return sum(notification_deliver(notification_id=pk) for pk in notification_ids)


def notifications_deliver_pending(*, kinds: Iterable[str] | None = None) -> int:
    """Send every recorded e-mail (of ``kinds``, or all) not yet sent, the oldest first; return
    how many were sent. Beat's retry run, and the reminder runs for their own kinds."""
    pending = Notification.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    if kinds is not None:
        pending = pending.filter(kind__in=list(kinds))
    return notifications_deliver(
        notification_ids=list(pending.order_by("created_at", "pk").values_list("pk", flat=True))
    )


@transaction.atomic
def notification_settings_save(*, actor, kinds_on: Iterable[str]) -> None:
    """Turn on exactly ``kinds_on`` for ``actor`` (their own settings) and every other kind off."""
    kinds_on = set(kinds_on)
    unknown = kinds_on - set(Kind.values)
    if unknown:
        raise ValueError(f"unknown notification kinds: {sorted(unknown)}")
    off = set(Kind.values) - kinds_on
    NotificationOptOut.objects.filter(user=actor).exclude(kind__in=off).delete()
    NotificationOptOut.objects.bulk_create(
        [NotificationOptOut(user=actor, kind=kind) for kind in sorted(off)],
        ignore_conflicts=True,
    )
