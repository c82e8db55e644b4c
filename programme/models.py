from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committees.models import Committee


def _year_validators():
    return [MinValueValidator(1990), MaxValueValidator(2100)]


class Programme(models.Model):
    """A handlingsprogram: one version of the municipality's action programme."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONSULTATION = "consultation", _("In consultation")
        SUBMITTED = "submitted", _("Submitted to the council")
        ADOPTED = "adopted", _("Adopted")
        SUPERSEDED = "superseded", _("Superseded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = models.CharField(_("title"), max_length=250)
    municipality = models.CharField(_("municipality"), max_length=120)
    period_from = models.PositiveSmallIntegerField(
        _("period from (year)"), validators=_year_validators()
    )
    period_to = models.PositiveSmallIntegerField(
        _("period to (year)"), validators=_year_validators()
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    owning_committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        related_name="owned_programmes",
        verbose_name=_("owning committee"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="extensions",
        verbose_name=_("based on"),
        help_text=_("The earlier programme or action plan that this one extends."),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    # The council's decision; recorded by the adoption step of the workflow.
    decision_date = models.DateField(_("date of the council's decision"), null=True, blank=True)
    decision_paragraph = models.CharField(
        _("paragraph"), max_length=50, blank=True, help_text=_("For example KF § 123.")
    )
    case_number = models.CharField(
        _("case number"), max_length=50, blank=True, help_text=_("For example KS 2019-000123.")
    )
    # Optimistic locking: a save must name the lock_version it started from.
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-period_from", "title", "-version"]
        verbose_name = _("action programme")
        verbose_name_plural = _("action programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_from__lte=models.F("period_to")),
                name="programme_period_ordered",
                violation_error_message=_("The period must not end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.period_from}–{self.period_to}"

    def get_absolute_url(self):
        return reverse("programme:detail", kwargs={"pk": self.pk})

    def clean(self):
        if (
            self.period_from is not None
            and self.period_to is not None
            and self.period_from > self.period_to
        ):
            raise ValidationError(
                {"period_to": _("The period must not end before it starts.")}, code="period_order"
            )

    @property
    def period(self) -> str:
        return f"{self.period_from}–{self.period_to}"


class Section(models.Model):
    """An avsnitt of a programme: prostitution, människohandel, köp av sexuella tjänster, or another."""

    class Kind(models.TextChoices):
        PROSTITUTION = "prostitution", _("Prostitution")
        TRAFFICKING = "trafficking", _("Human trafficking")
        SEX_PURCHASE = "sex_purchase", _("Purchase of sexual services")
        OTHER = "other", _("Other")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="sections", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=250)
    introduction = models.TextField(_("introduction"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=1)
    lock_version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["programme", "order"], name="unique_section_order"),
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"


def pdf_storage():
    """Where rendered PDFs are kept: a Django storage alias, local media unless settings say S3."""
    return storages[settings.PDF_STORAGE_ALIAS]


class RenderJob(models.Model):
    """One request for a programme PDF, and what became of it."""

    class Kind(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        FOLLOW_UP = "follow_up", _("Follow-up")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    ACTIVE_STATUSES = (Status.QUEUED, Status.RENDERING)

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="render_jobs", verbose_name=_("programme")
    )
    programme_version = models.PositiveIntegerField(_("programme version"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="render_jobs",
        verbose_name=_("requested by"),
    )
    # SHA-256 of the document data, its kind and the layout version: equal hash, equal PDF.
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
        return f"{self.programme} v{self.programme_version} ({self.get_kind_display()}): {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES
