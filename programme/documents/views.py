"""Ask for a programme PDF, follow its status, download it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from programme.models import ArchivePackage, RenderJob
from programme.permissions import (
    can_download_archive_package,
    can_request_pdf,
    render_jobs_visible_to,
)
from programme.shortcuts import programme_get_visible

from . import jobs, selectors


@require_POST
def pdf_request(request, pk: int):
    """Queue a PDF of the programme (coordinators, programmes not yet adopted)."""
    programme = programme_get_visible(user=request.user, pk=pk)
    if not can_request_pdf(request.user, programme):
        raise PermissionDenied
    job = jobs.render_job_request(
        actor=request.user, programme=programme, kind=selectors.pdf_kind_for(programme)
    )
    job.refresh_from_db()  # in-process mode (no broker) has already rendered it
    if job.status == RenderJob.Status.FAILED:
        messages.error(request, _(job.error))
    elif job.status == RenderJob.Status.DONE:
        messages.success(request, _("The PDF is ready."))
    else:
        messages.info(request, _("The PDF is being created."))
    return redirect(f"{programme.get_absolute_url()}#pdf")


def _visible_job(request, pk: int, job_id: int) -> RenderJob:
    programme = programme_get_visible(user=request.user, pk=pk)
    jobs = render_jobs_visible_to(request.user, RenderJob.objects.filter(programme=programme))
    return get_object_or_404(jobs, pk=job_id)


@require_GET
def pdf_status(request, pk: int, job_id: int):
    """The job's state as JSON, for the page's live status."""
    job = _visible_job(request, pk, job_id)
    done = job.status == RenderJob.Status.DONE
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "error": _(job.error) if job.error else "",
            "download_url": reverse("programme:pdf_download", args=[pk, job.pk]) if done else "",
            "pages": job.page_count,
        },
        headers={"Cache-Control": "no-store"},
    )


def _pdf_response(job: RenderJob) -> FileResponse:
    try:
        handle = job.file.storage.open(job.file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle, as_attachment=True, filename=job.download_name, content_type="application/pdf"
    )


@require_GET
def pdf_download(request, pk: int, job_id: int):
    """The job's PDF file, for whoever may read the programme."""
    job = _visible_job(request, pk, job_id)
    if job.status != RenderJob.Status.DONE or not job.file:
        raise Http404
    return _pdf_response(job)


@require_GET
def pdf_latest(request, pk: int):
    """The newest PDF of the programme's current edition.

    For an adopted programme that has none yet, the system asks for one and the page says so.
    """
    programme = programme_get_visible(user=request.user, pk=pk)
    panel = selectors.programme_pdf_panel(user=request.user, programme=programme)
    if panel.download is not None:
        return _pdf_response(panel.download)
    if panel.kind != RenderJob.Kind.ADOPTED:
        raise Http404
    job = jobs.render_job_request(actor=None, programme=programme, kind=panel.kind)
    job.refresh_from_db()
    if job.status == RenderJob.Status.DONE:
        return _pdf_response(job)
    return render(
        request, "programme/pdf_pending.html", {"programme": programme, "job": job}, status=202
    )


@require_GET
def archive_download(request, pk: int):
    """The archive package of the programme's adopted edition (coordinators only)."""
    programme = programme_get_visible(user=request.user, pk=pk)
    if not can_download_archive_package(request.user):
        raise PermissionDenied
    package = get_object_or_404(
        ArchivePackage.objects.select_related("pdf_job"), adopted_edition__programme=programme
    )
    try:
        handle = package.file.storage.open(package.file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle, as_attachment=True, filename=package.download_name, content_type="application/zip"
    )
