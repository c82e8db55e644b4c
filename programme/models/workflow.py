"""The workflow's records: status history, consultation rounds and answers, adopted editions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import Committee

from .core import Programme


def _minutes_upload_to(instance, filename: str) -> str:
    return f"minutes/{instance.programme_id}/v{instance.edition}.pdf"


class StatusChange(models.Model):
    """One step of a programme's status pipeline: who moved it, when, from where to where, and why."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("programme"),
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=Programme.Status, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=Programme.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    at = models.DateTimeField(_("changed at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["programme", "at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.programme_id}: {self.from_status or '–'} → {self.to_status}"


class ConsultationRound(models.Model):
    """A remiss: the draft sent to chosen committees with an answer deadline."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="consultation_rounds",
        verbose_name=_("programme"),
    )
    deadline = models.DateField(_("answer deadline"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The programme's text as sent (a snapshot, see programme.decisions.snapshots): the answer
    # pages show it after the round closes, never the draft as it is edited afterwards. Empty
    # for rounds sent before it was kept; closing such a round keeps it then (the text cannot
    # change during a consultation).
    sent_text = models.JSONField(_("text as sent"), null=True, blank=True)

    class Meta:
        ordering = ["programme", "-sent_at", "-pk"]
        verbose_name = _("consultation round")
        verbose_name_plural = _("consultation rounds")

    def __str__(self):
        return f"{self.programme} – {self.deadline:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ConsultationInvitation(models.Model):
    """A committee invited to a consultation round, and its answer (remissvar)."""

    class Position(models.TextChoices):
        AGREES = "agrees", _("Agrees")
        AGREES_WITH_REMARKS = "agrees_with_remarks", _("Agrees with remarks")
        OBJECTS = "objects", _("Objects")

    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("Not answered")
        DRAFT = "draft", _("Draft answer saved")
        SUBMITTED = "submitted", _("Answer submitted")

    round = models.ForeignKey(
        ConsultationRound,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("consultation round"),
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        related_name="consultation_invitations",
        verbose_name=_("committee"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.NOT_STARTED)
    position = models.CharField(_("position"), max_length=30, choices=Position, blank=True)
    text = models.TextField(_("answer"), blank=True)
    updated_at = models.DateTimeField(_("updated"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    # Set by a conditional UPDATE before the reminder is sent: at most one reminder per invitation.
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["round", "committee__name"]
        verbose_name = _("consultation invitation")
        verbose_name_plural = _("consultation invitations")
        constraints = [
            models.UniqueConstraint(fields=["round", "committee"], name="unique_invitation"),
        ]

    def __str__(self):
        return f"{self.committee} – {self.round}"

    @property
    def is_submitted(self) -> bool:
        return self.state == self.State.SUBMITTED


class ConsultationComment(models.Model):
    """A committee's comment on one measure, part of its consultation answer.

    A consultation answer is a record: the comment outlives its measure. Deleting the measure
    from the draft leaves the comment and its ``measure_id`` as they were (no foreign-key
    constraint, nothing cascades), so the round's pages still show it under what the measure
    was called when it was commented on (``measure_label``), and restoring the measure from its
    history (same id) puts the comment back next to it.
    """

    invitation = models.ForeignKey(
        ConsultationInvitation,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("consultation answer"),
    )
    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="consultation_comments",
        verbose_name=_("measure"),
    )
    measure_label = models.CharField(_("measure as commented on"), max_length=400, blank=True)
    text = models.TextField(_("comment"))

    class Meta:
        # Not by the measure's position: a join would drop comments whose measure is deleted.
        ordering = ["invitation", "pk"]
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "measure"], name="one_comment_per_measure_and_answer"
            ),
        ]

    def __str__(self):
        return f"{self.invitation.committee}: {self.measure_id}"


class MeasureLineage(models.Model):
    """Ties a measure to its predecessor in earlier versions, so editions can be compared."""

    measure = models.OneToOneField(
        "measures.Measure", on_delete=models.CASCADE, related_name="lineage", primary_key=True
    )
    key = models.CharField(max_length=40, db_index=True)

    class Meta:
        verbose_name = _("measure lineage")
        verbose_name_plural = _("measure lineages")

    def __str__(self):
        return f"{self.measure_id} ← {self.key}"


class AdoptedEdition(models.Model):
    """The programme's text as the council adopted it: an immutable snapshot with the decision."""

    programme = models.OneToOneField(
        Programme,
        on_delete=models.PROTECT,
        related_name="adopted_edition",
        verbose_name=_("programme"),
    )
    edition = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("adopted content"))
    decision_date = models.DateField(_("date of the council's decision"))
    decision_paragraph = models.CharField(_("paragraph"), max_length=50)
    case_number = models.CharField(_("case number"), max_length=50)
    minutes = models.FileField(_("minutes extract (PDF)"), upload_to=_minutes_upload_to, blank=True)
    adopted_at = models.DateTimeField(_("recorded"), default=timezone.now)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-decision_date", "-edition"]
        verbose_name = _("adopted version")
        verbose_name_plural = _("adopted versions")

    def __str__(self):
        return f"{self.snapshot.get('title', '')} v{self.edition} ({self.decision_paragraph})"

    def save(self, *args, **kwargs):
        # Immutable once written: the adopted text is a record and must stay as it was decided.
        if not self._state.adding:
            raise ValidationError(
                _("An adopted version cannot be changed."), code="adopted_edition_immutable"
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(
            _("An adopted version cannot be deleted."), code="adopted_edition_immutable"
        )
