"""Background work for programmes: thin tasks that load by id and call a service.

Loaded by the worker (CELERY_IMPORTS) and imports WeasyPrint through programme.documents.worker;
the web process queues the task by name (programme.documents.jobs.RENDER_TASK).
"""

import logging

from celery import shared_task
from django.conf import settings

from . import archive, jobs, worker

logger = logging.getLogger(__name__)

MAX_RETRIES = 3


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    serializer="json",
    soft_time_limit=settings.PDF_RENDER_SOFT_TIME_LIMIT,
    time_limit=settings.PDF_RENDER_TIME_LIMIT,
    max_retries=MAX_RETRIES,
)
def render_programme_pdf(self, job_id: int):
    """Render the PDF of render job ``job_id``; retry transient failures with backoff, then give up."""
    try:
        worker.render_job_run(job_id=job_id)
    except jobs.TRANSIENT_ERRORS as exc:
        if self.request.retries >= MAX_RETRIES:
            jobs.render_job_fail(job_id=job_id, error=jobs.GAVE_UP)
            return
        retry = self.retry(exc=exc, countdown=5 * 2**self.request.retries, throw=False)
        if self.request.is_eager:
            return retry  # in-process mode: apply() runs the retry at once instead of raising
        raise retry from exc


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    serializer="json",
    max_retries=MAX_RETRIES,
)
def build_archive_package(self, adopted_edition_id: int):
    """Build the archive package of adopted edition ``adopted_edition_id`` (once)."""
    try:
        archive.archive_package_build(adopted_edition_id=adopted_edition_id)
    except jobs.TRANSIENT_ERRORS as exc:
        if self.request.retries >= MAX_RETRIES:
            logger.error("Gave up building the archive package of %s", adopted_edition_id)
            return
        retry = self.retry(exc=exc, countdown=5 * 2**self.request.retries, throw=False)
        if self.request.is_eager:
            return retry
        raise retry from exc
    except Exception:
        # The adoption and its PDF stand; the versions page shows the package as missing and
        # `manage.py build_archive_packages` builds it again.
        logger.exception("Could not build the archive package of %s", adopted_edition_id)
