"""Celery beat task: the measures' and follow-up rounds' reminder e-mails."""

from celery import shared_task

from .reminders import reminders_send


@shared_task(name="measures.tasks.send_measure_reminders")
def send_measure_reminders() -> int:
    return reminders_send()
