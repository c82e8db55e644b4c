"""Ask for a programme PDF, follow its status, download it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from measures.models import ReportingRound
from measures.permissions import can_download_round_report
from programme.models import ArchivePackage, ConsultationInvitation, RenderJob
from programme.permissions import (
    can_download_archive_package,
    can_request_pdf,
    can_view_consultation_answer,
    render_jobs_visible_to,
)
from programme.shortcuts import programme_get_visible

from . import jobs, selectors
from .logo import municipality_logo
from .round_report_selectors import round_report_round


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
    """The job's PDF file, for whoever may read the programme.

    A file that no longer prints the programme as it is stays the coordinators' (the panel marks
    it outdated for them): readers are never handed an old text as the programme.
    """
    job = _visible_job(request, pk, job_id)
    if not job.has_file:
        raise Http404
    if can_request_pdf(request.user, job.programme) or selectors.render_job_is_current(job=job):
        return _pdf_response(job)
    raise Http404


@require_GET
def pdf_latest(request, pk: int):
    """The newest current PDF of the programme's current edition.

    For a programme on remiss, submitted or adopted that has none (or only an outdated one), the
    system asks for one and the page says so.
    """
    programme = programme_get_visible(user=request.user, pk=pk)
    panel = selectors.programme_pdf_panel(user=request.user, programme=programme)
    if panel.download is not None:
        return _pdf_response(panel.download)
    if panel.kind not in selectors.SYSTEM_KINDS:
        raise Http404
    job = jobs.render_job_request(actor=None, programme=programme, kind=panel.kind)
    job.refresh_from_db()
    if job.status == RenderJob.Status.DONE:
        return _pdf_response(job)
    return render(
        request, "programme/pdf_pending.html", {"programme": programme, "job": job}, status=202
    )


@require_GET
def round_report_download(request, pk: int, round_pk: int):
    """The follow-up report of a closed round of the programme, for whoever may read it.

    An open round has no report (404, as an unknown one). The first download asks for the
    render and shows its live status (202), as an adopted programme's first download does.
    """
    programme = programme_get_visible(user=request.user, pk=pk)
    try:
        reporting_round = round_report_round(pk=round_pk)
    except ReportingRound.DoesNotExist:
        raise Http404 from None
    if reporting_round.programme_id != programme.pk:
        raise Http404
    if not can_download_round_report(request.user, reporting_round):
        raise Http404
    entry = next(
        entry
        for entry in selectors.round_report_entries(user=request.user, programme=programme)
        if entry.round.pk == reporting_round.pk
    )
    if entry.download is not None:
        return _pdf_response(entry.download)
    job = jobs.round_report_request(actor=request.user, reporting_round=reporting_round)
    job.refresh_from_db()  # in-process mode (no broker) has already rendered it
    if job.status == RenderJob.Status.DONE:
        return _pdf_response(job)
    return render(
        request, "programme/pdf_pending.html", {"programme": programme, "job": job}, status=202
    )


@require_GET
def consultation_pdf(request, pk: int):
    """The remiss version of the text a committee answers (or answered) in invitation ``pk``.

    For the invited committee's officers and coordinators, also once the round is closed and
    the draft has moved on: they answered that text, not the draft as it is now.
    """
    invitation = get_object_or_404(
        ConsultationInvitation.objects.select_related("round__programme"), pk=pk
    )
    if not can_view_consultation_answer(request.user, invitation):
        raise Http404
    job = selectors.consultation_round_pdf(consultation=invitation.round)
    if job is None:
        raise Http404
    return _pdf_response(job)


@require_GET
def municipality_logo_file(request):
    """The configured municipality logo (settings.MUNICIPALITY_LOGO), for the pages' <img>."""
    logo = municipality_logo()
    if logo is None:
        raise Http404
    response = FileResponse(logo.path.open("rb"), content_type=logo.content_type)
    # An SVG opened on its own must not run anything it might carry.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["Cache-Control"] = "public, max-age=3600"
    return response


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
