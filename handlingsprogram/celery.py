"""The Celery app, configured from Django settings (CELERY_* names)."""

import os

from celery import Celery

from core import requestid  # noqa: F401  (connects the signals that carry request ids into tasks)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handlingsprogram.settings.dev")

app = Celery("handlingsprogram")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
