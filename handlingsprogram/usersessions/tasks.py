"""Expired sessions are deleted once a day: Django's ``clearsessions``, run by beat."""

from celery import shared_task

from handlingsprogram.fastauth import SessionStore


@shared_task
def clear_expired_sessions() -> None:
    SessionStore.clear_expired()
