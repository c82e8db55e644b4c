"""Housekeeping run by beat (CELERY_BEAT_SCHEDULE in the settings)."""

from importlib import import_module

from celery import shared_task
from django.conf import settings


@shared_task
def clear_expired_sessions() -> None:
    """Delete expired sign-in sessions, as Django's ``clearsessions`` command does."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
