"""Celery beat task: remind committees that have not answered a consultation."""

from celery import shared_task

from .consultation import consultation_send_reminders


@shared_task(name="programme.decisions.tasks.send_consultation_reminders")
def send_consultation_reminders() -> int:
    """Send the reminders that are due; safe to run as often as beat likes."""
    return consultation_send_reminders()
