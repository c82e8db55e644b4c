"""Rendered PDF files and the jobs that make them."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .core import Programme


def pdf_storage():
    """Where rendered PDFs are kept: a Django storage alias, local media unless settings say S3."""
    return storages[settings.PDF_STORAGE_ALIAS]


class RenderJob(models.Model):
    """One request for a programme PDF, and what became of it."""

    class Kind(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONSULTATION = "consultation", _("Consultation version")
        SUBMISSION = "submission", _("Proposal to the municipal council")
        ADOPTED = "adopted", _("Adopted")
        FOLLOW_UP = "follow_up", _("Follow-up")
        ROUND_REPORT = "round_report", _("Follow-up report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    ACTIVE_STATUSES = (Status.QUEUED, Status.RENDERING)

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="render_jobs", verbose_name=_("programme")
    )
    programme_edition = models.PositiveIntegerField(_("programme version"))
    # Who may fetch the file follows who could read the programme in this status (a draft
    # printed before the consultation stays the coordinators' after the programme is adopted).
    programme_status = models.CharField(
        _("programme status when rendered"), max_length=20, choices=Programme.Status
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    # Set for a follow-up report (kind round_report): the closed round whose snapshot it prints.
    reporting_round = models.ForeignKey(
        "measures.ReportingRound",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="render_jobs",
        verbose_name=_("reporting round"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="render_jobs",
        verbose_name=_("requested by"),
    )
    # SHA-256 of the document data, its kind and the layout fingerprint: equal hash, equal PDF.
    content_hash = models.CharField(_("content hash"), max_length=64, db_index=True)
    file = models.FileField(_("file"), storage=pdf_storage, max_length=200, blank=True)
    download_name = models.CharField(_("file name"), max_length=200)
    reused_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reuses",
        verbose_name=_("reuses the file of"),
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    duration_s = models.FloatField(_("duration (s)"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("PDF render job")
        verbose_name_plural = _("PDF render jobs")
        constraints = [
            # Two clicks in a row find the first job; the database refuses a second live one.
            models.UniqueConstraint(
                fields=["content_hash"],
                condition=models.Q(status__in=["queued", "rendering"]),
                name="one_active_render_per_content",
            ),
        ]

    def __str__(self):
        return f"{self.programme} v{self.programme_edition} ({self.get_kind_display()}): {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def has_file(self) -> bool:
        """Is this a finished job with a file to download (``status="done"``, ``file`` set)?"""
        return self.status == self.Status.DONE and bool(self.file)
