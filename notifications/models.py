"""E-mails to users about what needs them (reminders) and what happened (notifications).

Every e-mail is first a ``Notification`` row, unique per recipient, kind, object and occasion,
and is sent only after that row is committed; ``sent_at`` is set after the SMTP server took it.
So a beat that runs twice finds the row and records nothing new, and a worker that dies between
recording and sending leaves a row without ``sent_at`` that the next delivery run sends: at most
one mail per key (services.py has the details).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What an e-mail is about; each user can turn each kind off (the settings page)."""

    MEASURE_DUE_SOON = "measure_due_soon", _("A measure of my committee is due in 14 days")
    MEASURE_OVERDUE = "measure_overdue", _("A measure of my committee is overdue")
    MEASURE_NO_UPDATE = (
        "measure_no_update",
        _("A measure of my committee has had no update for six months"),
    )
    ROUND_DEADLINE = (
        "round_deadline",
        _("My committee's part of a follow-up round is not ready 7 days before the deadline"),
    )
    CONSULTATION_INVITED = (
        "consultation_invited",
        _("My committee is asked to answer a consultation"),
    )
    CONSULTATION_DEADLINE = (
        "consultation_deadline",
        _("My committee has not answered a consultation 3 days before the deadline"),
    )
    MEASURE_ASSIGNED = "measure_assigned", _("A measure is assigned to my committee")
    PROGRAMME_ADOPTED = (
        "programme_adopted",
        _("A programme in which my committee has measures is adopted"),
    )
    CONSULTATION_ANSWERED = (
        "consultation_answered",
        _("A committee has answered a consultation (coordinators)"),
    )
    PROGRAMME_SUBMITTED = (
        "programme_submitted",
        _("A programme is submitted to the council (council members)"),
    )


class Notification(models.Model):
    """One e-mail to one user: recorded first, sent after the recording committed."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind)
    # What it is about, as "<model>:<id>" (e.g. "measure:12"), and on which occasion (e.g. the
    # due date it reminds of): a new due date is a new reminder, the same one is not.
    object_key = models.CharField(_("about"), max_length=100)
    occasion = models.CharField(_("occasion"), max_length=100, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail notification")
        verbose_name_plural = _("e-mail notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "object_key", "occasion"],
                name="one_notification_per_occasion",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="notification_pending",
            )
        ]

    def __str__(self):
        return f"{self.recipient} – {self.get_kind_display()} – {self.object_key}"


class NotificationOptOut(models.Model):
    """A kind of e-mail a user has turned off; without a row the kind is on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_opt_outs",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind)

    class Meta:
        verbose_name = _("turned-off notification")
        verbose_name_plural = _("turned-off notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_kind"),
        ]

    def __str__(self):
        return f"{self.user} – {self.kind}"
