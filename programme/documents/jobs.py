"""PDF render jobs, the request's side: ask for a programme PDF, queue it, record a failure.

Same content renders once: a request whose content hash already has a live job gets that job,
and one whose hash has a finished file gets a new record pointing at the same file. The render
itself is the worker's side (programme.documents.worker); this module must not import WeasyPrint,
so it queues the task by name instead of importing the task module.
"""

import logging

import kombu.exceptions
import redis.exceptions
from celery import current_app
from django.conf import settings
from django.core.cache import caches
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from programme import locks
from programme.models import Programme, RenderJob

from . import archive, content
from .document import DocumentKind
from .selectors import programme_document_context

logger = logging.getLogger(__name__)

# Worth another attempt: the database or the storage blinked. Anything else fails the job.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
BROKER_ERRORS = (kombu.exceptions.OperationalError, redis.exceptions.RedisError, OSError)

# Stored in English and translated when shown (see templates/programme/_pdf_panel.html).
BROKER_DOWN = gettext_noop(
    "The PDF service cannot be reached right now. Nothing was lost: try again in a few minutes."
)
TOO_SLOW = gettext_noop("Creating the PDF took too long and was stopped.")
GAVE_UP = gettext_noop("The PDF could not be created after several attempts.")
FAILED = gettext_noop("The PDF could not be created.")

# Registered by the worker (CELERY_IMPORTS) and, without a broker, in this process once the
# Celery app is finalised (handlingsprogram/celery.py).
RENDER_TASK = "programme.documents.tasks.render_programme_pdf"


def _content_hash_and_name(programme: Programme, kind: str) -> tuple[str, str]:
    """The content hash and download name of ``programme``'s document as ``kind``.

    Remembered under the programme's ``document_generation``, read before the document is built
    (so what is remembered is never older than its key; see ``programme.cache_generation``), and
    the layout fingerprint: asking again for an unchanged programme builds no document.
    """
    generation = Programme.objects.values_list("document_generation", flat=True).get(
        pk=programme.pk
    )
    key = f"pdf-hash:{programme.pk}:{DocumentKind(kind).value}:{generation}:{content.layout_fingerprint()}"
    cache = caches[settings.PAGE_CACHE_ALIAS]
    try:
        remembered = cache.get(key)
    except Exception:  # a cache that fails costs the document build, nothing else
        logger.warning("cache unavailable for the PDF content hash", exc_info=True)
        remembered = None
    if remembered is not None:
        return remembered
    document = programme_document_context(programme=programme, kind=kind)
    remembered = (content.content_hash(document), content.document_filename(document))
    try:
        cache.set(key, remembered, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("cache unavailable for the PDF content hash", exc_info=True)
    return remembered


def render_job_request(*, actor, programme: Programme, kind: str) -> RenderJob:
    """Ask for the PDF of ``programme`` as ``kind``; reuse a live job or a finished file of equal content."""
    content_hash, download_name = _content_hash_and_name(programme, kind)
    with transaction.atomic():
        # Serialises requests for one programme, so a double click finds the first job.
        locks.programmes_lock(Q(pk=programme.pk))
        live = RenderJob.objects.filter(
            content_hash=content_hash, status__in=RenderJob.ACTIVE_STATUSES
        ).first()
        if live is not None:
            return live
        fields = {
            "programme": programme,
            "programme_edition": programme.edition,
            "programme_status": programme.status,
            "kind": DocumentKind(kind).value,
            "requested_by": actor if actor is not None and actor.is_authenticated else None,
            "content_hash": content_hash,
            "download_name": download_name,
        }
        finished = _finished_job(content_hash)
        if finished is not None:
            now = timezone.now()
            if fields["kind"] == RenderJob.Kind.ADOPTED:
                archive.archive_package_schedule(
                    programme_id=programme.pk, edition=programme.edition
                )
            return RenderJob.objects.create(
                **fields,
                status=RenderJob.Status.DONE,
                file=finished.file.name,
                reused_from=finished,
                page_count=finished.page_count,
                size_bytes=finished.size_bytes,
                sha256=finished.sha256,
                started_at=now,
                finished_at=now,
                duration_s=0.0,
            )
        job = RenderJob.objects.create(**fields)
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _finished_job(content_hash: str) -> RenderJob | None:
    """The original (not itself reused) finished job for ``content_hash`` whose file still exists."""
    job = (
        RenderJob.objects.filter(
            content_hash=content_hash, status=RenderJob.Status.DONE, reused_from=None
        )
        .exclude(file="")
        .order_by("-finished_at")
        .first()
    )
    if job is not None and job.file.storage.exists(job.file.name):
        return job
    return None


def _enqueue(job_id: int) -> None:
    """Hand the job to the worker; if the broker is down, fail the job with a clear message.

    By name: where the task is registered (the worker, or this process when it runs tasks
    itself) the signature is the task's own ``apply_async``, eager mode included; elsewhere it
    is ``send_task``.
    """
    try:
        current_app.signature(RENDER_TASK).apply_async(
            args=[job_id],
            retry=True,
            retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.5},
        )
    except BROKER_ERRORS as exc:
        logger.warning("Could not queue PDF render job %s: %s", job_id, exc)
        render_job_fail(job_id=job_id, error=BROKER_DOWN)


def render_job_fail(*, job_id: int, error: str) -> RenderJob:
    """Mark the job failed with a message the coordinator can read."""
    with transaction.atomic():
        locks.programmes_lock(Q(render_jobs__id=job_id))
        job = RenderJob.objects.select_for_update().get(pk=job_id)
        job.status = RenderJob.Status.FAILED
        job.error = error[:2000]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
    return job
