from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committees.models import Committee, Partner
from programme.models import Section


class FocusArea(models.Model):
    """A national focus area (insatsområde) of the government's action plan; data, not code."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("national focus area")
        verbose_name_plural = _("national focus areas")

    def __str__(self):
        return f"{self.number}. {self.name}"


class Measure(models.Model):
    """An åtgärd: the unit of work, with exactly one responsible committee."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        DELAYED = "delayed", _("Delayed")
        CANCELLED = "cancelled", _("Cancelled")

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="measures", verbose_name=_("section")
    )
    order = models.PositiveIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    responsible_committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        related_name="responsible_measures",
        verbose_name=_("responsible committee"),
    )
    co_responsible_committees = models.ManyToManyField(
        Committee,
        blank=True,
        related_name="co_responsible_measures",
        verbose_name=_("co-responsible committees"),
    )
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="measures", verbose_name=_("partners")
    )
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="measures", verbose_name=_("national focus areas")
    )
    expected_outcome = models.TextField(_("expected outcome"), blank=True)
    indicator = models.CharField(_("indicator"), max_length=250, blank=True)
    indicator_target = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    indicator_unit = models.CharField(_("unit"), max_length=50, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    resources = models.TextField(_("resources"), blank=True)
    # Follow-up fields: the responsible committee keeps these current after adoption.
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    progress_note = models.TextField(_("progress note"), blank=True)
    indicator_value = models.DecimalField(
        _("current indicator value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    edit_token = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(
        m2m_fields=[co_responsible_committees, partners, focus_areas],
        excluded_fields=["updated_at"],
    )

    class Meta:
        ordering = ["section__order", "order"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(fields=["section", "order"], name="unique_measure_order"),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="measure_progress_at_most_100"
            ),
        ]

    def __str__(self):
        return f"{self.identifier} {self.title}"

    def get_absolute_url(self):
        return reverse("measures:detail", kwargs={"pk": self.pk})

    @property
    def identifier(self) -> str:
        """The measure's number within its programme, e.g. "2.3": section order, measure order."""
        return f"{self.section.order}.{self.order}"

    def clean(self):
        errors = {}
        if self.start_date and self.due_date and self.due_date < self.start_date:
            errors["due_date"] = ValidationError(
                _("The due date must not be before the start date."), code="due_before_start"
            )
        committee = (
            getattr(self, "responsible_committee", None) if self.responsible_committee_id else None
        )
        if committee is not None and not committee.active:
            errors["responsible_committee"] = ValidationError(
                _("%(committee)s is not an active committee."),
                code="inactive_committee",
                params={"committee": committee},
            )
        if errors:
            raise ValidationError(errors)


class ProgressUpdate(models.Model):
    """One entry of a measure's follow-up timeline; entries are added, never changed.

    An **update** is the responsible committee's report (status, progress, note and, where the
    measure has an indicator, a value with the date it refers to). A **note** is a signed remark,
    usually by a co-responsible committee, that changes no status.

    The measure's current follow-up (``Measure.status``, ``progress``, ``progress_note``,
    ``indicator_value``) stays stored on the measure and is written by the same service, in the
    same transaction and under the measure's row lock, as the update that sets it. Stored rather
    than derived because the overview's filters and counts, the committees' pages, the overdue
    rule and the PDF all filter and count on those columns in SQL; deriving them would put a
    "latest update" subquery in each of those queries.
    """

    class Kind(models.TextChoices):
        UPDATE = "update", _("Update")
        NOTE = "note", _("Note")

    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        related_name="progress_updates",
        verbose_name=_("measure"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.UPDATE)
    # Empty on a note: a note changes no status.
    status = models.CharField(_("status"), max_length=20, choices=Measure.Status, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.TextField(_("note"), blank=True)
    indicator_value = models.DecimalField(
        _("indicator value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    indicator_date = models.DateField(_("value as of"), null=True, blank=True)
    # Null on entries carried over from before the timeline existed (who wrote them is unknown),
    # and once the author's account is deleted: the entry stays, signed with ``signed_by``.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    # The author's name as it was when they signed; empty only on carried-over entries.
    signed_by = models.CharField(_("signed by"), max_length=300, blank=True)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="progress_updates",
        verbose_name=_("committee"),
    )
    # The reporting round this update was given in, if any (measures.follow_up.round_services).
    # RESTRICT, not PROTECT: a round cannot be deleted from under its reports, but a programme
    # deleted whole (its measures, their updates and its rounds together) still can be.
    round = models.ForeignKey(
        "ReportingRound",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="updates",
        verbose_name=_("reporting round"),
    )
    # Not auto_now_add: the data migration dates carried-over entries by the measure's last change.
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        indexes = [models.Index(fields=["measure", "-created_at"], name="progress_update_timeline")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="progress_update_at_most_100"
            ),
            # An update carries a status and a progress; a note carries neither.
            models.CheckConstraint(
                condition=(models.Q(kind="update", progress__isnull=False) & ~models.Q(status=""))
                | models.Q(kind="note", status="", progress__isnull=True),
                name="progress_update_kind_fields",
            ),
            models.CheckConstraint(
                condition=models.Q(indicator_value__isnull=False)
                | models.Q(indicator_date__isnull=True),
                name="progress_update_date_needs_value",
            ),
        ]

    def __str__(self):
        return f"{self.measure_id}: {self.get_kind_display()} {self.created_at:%Y-%m-%d}"


class ReportingRound(models.Model):
    """A yearly follow-up round (årlig uppföljning) of an adopted programme: the coordinator asks
    committees to report on their measures by a deadline, then closes the round, which freezes
    what was reported in ``snapshot`` (a later update never changes a closed round)."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    programme = models.ForeignKey(
        "programme.Programme",
        on_delete=models.CASCADE,
        related_name="reporting_rounds",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=200)
    period_from = models.DateField(_("period from"))
    period_to = models.DateField(_("period to"))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("status"), max_length=10, choices=State, default=State.OPEN)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Written once, by round_close: every measure's follow-up as reported (see round_services).
    snapshot = models.JSONField(_("snapshot"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-period_to", "-pk"]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_to__gte=models.F("period_from")),
                name="reporting_round_period_order",
            ),
            models.CheckConstraint(
                condition=models.Q(state="open", snapshot__isnull=True)
                | models.Q(state="closed", snapshot__isnull=False),
                name="reporting_round_closed_has_snapshot",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("rounds:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def clean(self):
        if self.period_from and self.period_to and self.period_to < self.period_from:
            raise ValidationError(
                {"period_to": _("The period must not end before it begins.")},
                code="period_order",
            )


class RoundPart(models.Model):
    """One asked committee's part of a round: open while it reports, ready (klar) once it has
    marked it so, optionally under its own decision (nämndbeslut); a ready part is locked until
    the coordinator reopens it."""

    class State(models.TextChoices):
        OPEN = "open", _("Not ready")
        READY = "ready", _("Ready")

    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="parts", verbose_name=_("round")
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="round_parts", verbose_name=_("committee")
    )
    state = models.CharField(_("status"), max_length=10, choices=State, default=State.OPEN)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    ready_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_paragraph = models.CharField(_("paragraph (§)"), max_length=50, blank=True)
    case_number = models.CharField(_("case number (dnr)"), max_length=100, blank=True)

    class Meta:
        ordering = ["committee__name"]
        verbose_name = _("round part")
        verbose_name_plural = _("round parts")
        constraints = [
            models.UniqueConstraint(fields=["round", "committee"], name="unique_round_committee")
        ]

    def __str__(self):
        return f"{self.round}: {self.committee}"

    def get_absolute_url(self):
        return reverse("rounds:part", kwargs={"pk": self.pk})

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY
