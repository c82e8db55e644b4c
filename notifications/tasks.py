"""Celery tasks: deliver recorded e-mails (queued after commit, and beat's retry run)."""

from celery import shared_task

from .services import notifications_deliver, notifications_deliver_pending


@shared_task(name="notifications.tasks.deliver_notifications")
def deliver_notifications(notification_ids: list[int]) -> int:
    return notifications_deliver(notification_ids=notification_ids)


@shared_task(name="notifications.tasks.deliver_pending_notifications")
def deliver_pending_notifications() -> int:
    """Send what an earlier delivery did not (SMTP down, a worker that died); beat runs it."""
    return notifications_deliver_pending()
