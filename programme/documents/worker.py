"""PDF render jobs, the worker's side: render a queued job's PDF, store it once, record the outcome.

Imports WeasyPrint (through programme.documents.render), so only the task
(programme.documents.tasks) loads it; the request's side is programme.documents.jobs.
"""

import hashlib
import logging
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from programme import locks
from programme.models import Programme, RenderJob, pdf_storage
from programme.permissions import less_public_status

from . import archive, content, render
from .jobs import FAILED, TOO_SLOW, TRANSIENT_ERRORS, render_job_fail
from .selectors import programme_document_context

logger = logging.getLogger(__name__)


def _storage_name(content_hash: str) -> str:
    return f"pdf/{content_hash}.pdf"


def render_job_run(*, job_id: int) -> RenderJob:
    """Render the job's PDF and store it once. Safe to run again for the same job (redelivery)."""
    with transaction.atomic():
        locks.programmes_lock(Q(render_jobs__id=job_id))
        job = RenderJob.objects.select_for_update().get(pk=job_id)
        if not job.is_active:
            return job  # finished by an earlier delivery of the same message
        job.status = RenderJob.Status.RENDERING
        job.started_at = timezone.now()
        job.attempts += 1
        job.save(update_fields=["status", "started_at", "attempts"])
    started = time.perf_counter()
    try:
        programme = Programme.objects.get(pk=job.programme_id)
        document = programme_document_context(programme=programme, kind=job.kind)
        content_hash = content.content_hash(document)
        rendered = render.document_render(document)
        storage = pdf_storage()
        name = _storage_name(content_hash)
        # A delivery that died after writing left a file behind: replace it, never add a second.
        if storage.exists(name):
            storage.delete(name)
        name = storage.save(name, ContentFile(rendered.content))
    except TRANSIENT_ERRORS:
        raise  # the task retries with backoff
    except SoftTimeLimitExceeded:
        return render_job_fail(job_id=job_id, error=TOO_SLOW)
    except Exception as exc:
        # The details go to the log; the coordinator gets a message, not a traceback.
        logger.exception("PDF render job %s failed: %s", job_id, exc)
        return render_job_fail(job_id=job_id, error=FAILED)
    with transaction.atomic():
        locks.programmes_lock(Q(render_jobs__id=job_id))
        job = RenderJob.objects.select_for_update().get(pk=job_id)
        job.status = RenderJob.Status.DONE
        job.programme_status = less_public_status(job.programme_status, programme.status)
        job.content_hash = content_hash
        job.download_name = content.document_filename(document)
        job.file = name
        job.page_count = rendered.pages
        job.size_bytes = len(rendered.content)
        job.sha256 = hashlib.sha256(rendered.content).hexdigest()
        job.error = ""
        job.finished_at = timezone.now()
        job.duration_s = round(time.perf_counter() - started, 3)
        job.save()
        if job.kind == RenderJob.Kind.ADOPTED:
            # The adopted edition's archive package holds this PDF: build it once it is stored.
            archive.archive_package_schedule(
                programme_id=job.programme_id, edition=job.programme_edition
            )
    logger.info(
        "PDF render job %s done: %s pages in %.1f s", job_id, job.page_count, job.duration_s
    )
    return job
