"""The Celery app, configured from Django settings (CELERY_* names)."""

import os
from importlib import import_module

from celery import Celery

from core import requestid  # noqa: F401  (connects the signals that carry request ids into tasks)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handlingsprogram.settings.dev")

app = Celery("handlingsprogram")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def import_task_modules_when_eager(sender, **kwargs):
    """Without a broker this process runs its tasks itself: load the modules a worker loads.

    The web process queues the PDF task by name (programme.documents.jobs) so that it never
    imports WeasyPrint; in eager mode that name must resolve to the task here. The app is
    finalised when a task is first looked up, after Django has started.
    """
    if sender.conf.task_always_eager:
        for module in sender.conf.imports:
            import_module(module)
