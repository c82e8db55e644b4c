"""The programme and its sections."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committees.models import Committee


def _year_validators():
    return [MinValueValidator(1990), MaxValueValidator(2100)]


class Programme(models.Model):
    """A handlingsprogram: one edition of the municipality's action programme."""

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
    # The edition number: 1, and one more for each revision (users read it as "version N").
    edition = models.PositiveIntegerField(_("version"), default=1)
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
    # Optimistic locking: a save must name the edit_token it started from.
    edit_token = models.PositiveIntegerField(default=1, editable=False)
    # Move whenever anything a page shows about this programme changes, and whenever anything its
    # document (the PDF) prints changes: programme.cache_generation.
    content_generation = models.PositiveBigIntegerField(default=0, editable=False)
    document_generation = models.PositiveBigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at", "content_generation", "document_generation"]
    )

    class Meta:
        ordering = ["-period_from", "title", "-edition"]
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
    edit_token = models.PositiveIntegerField(default=1, editable=False)

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
