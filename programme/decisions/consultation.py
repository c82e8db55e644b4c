"""Consultation (remiss): rounds, committees' answers with comments on measures, reminders.

A round is opened and closed by the workflow (draft → consultation → draft); this module holds
the writes in between. An answer is saved as a draft any number of times, then submitted once;
a submitted answer is locked. Reminders go to the officers of committees that have not
submitted, from three days before the deadline, at most once per officer and round
(notifications/).
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.models import Committee
from core.bidi import isolate
from measures.models import Measure
from notifications.links import mail_language
from notifications.models import Kind
from notifications.selectors import officers_by_committee
from notifications.services import (
    Letter,
    notifications_deliver_pending,
    notifications_record_many,
)
from programme import locks
from programme.models import (
    ConsultationComment,
    ConsultationInvitation,
    ConsultationRound,
    Programme,
)
from programme.permissions import can_answer_consultation

from .notices import notify_consultation_answered
from .snapshots import programme_snapshot

logger = logging.getLogger(__name__)

REMINDER_DAYS_BEFORE_DEADLINE = 3
MAX_ANSWER_LENGTH = 20000


def consultation_round_open(
    *, actor, programme: Programme, committees: list[Committee], deadline: date
) -> ConsultationRound:
    """Open a round on ``programme`` (which the caller holds locked) and invite ``committees``."""
    errors = {}
    if not committees:
        errors["committees"] = _("Choose at least one committee to consult.")
    if deadline is None:
        errors["deadline"] = _("Give the date by which the committees must answer.")
    elif deadline <= timezone.localdate():
        errors["deadline"] = _("The deadline must be after today.")
    inactive = [str(c) for c in committees if not c.active]
    if inactive:
        errors["committees"] = _("Not active committees: %(names)s.") % {
            "names": ", ".join(inactive)
        }
    if errors:
        raise ValidationError(errors)
    if programme.consultation_rounds.filter(closed_at__isnull=True).exists():
        raise ValidationError(_("A consultation round is already open."), code="round_open")
    consultation = ConsultationRound.objects.create(
        programme=programme,
        deadline=deadline,
        sent_by=actor,
        sent_text=programme_snapshot(programme=programme),
    )
    ConsultationInvitation.objects.bulk_create(
        ConsultationInvitation(round=consultation, committee=c) for c in committees
    )
    consultation_notify_invited(consultation=consultation)
    return consultation


def consultation_round_close(*, programme: Programme) -> None:
    """Close ``programme``'s open round: answers can no longer be written.

    A round sent before its text was kept gets it now, still the text as sent: the text of a
    programme in consultation cannot change.
    """
    rounds = programme.consultation_rounds.filter(closed_at__isnull=True)
    if rounds.filter(sent_text__isnull=True).exists():
        rounds.filter(sent_text__isnull=True).update(
            sent_text=programme_snapshot(programme=programme)
        )
    rounds.update(closed_at=timezone.now())


def _answer_url(invitation_id: int) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "programme:consultation_answer", kwargs={"pk": invitation_id}
    )


def consultation_notify_invited(*, consultation: ConsultationRound) -> None:
    """Record an e-mail to each invited committee's officers with a link to their answer form;
    sent once the round's transaction commits, and retried until sent (notifications/)."""
    invitations = list(consultation.invitations.all())
    officers = officers_by_committee({i.committee_id for i in invitations})
    with mail_language():
        subject = _("Consultation: %(title)s") % {"title": isolate(consultation.programme.title)}
        body = _(
            "Your committee is asked to answer a consultation on %(title)s by "
            "%(deadline)s.\n\nAnswer here: %(url)s"
        )
        notifications_record_many(
            letters=[
                Letter(
                    kind=Kind.CONSULTATION_INVITED,
                    object_key=f"invitation:{invitation.pk}",
                    recipients=officers[invitation.committee_id],
                    subject=subject,
                    body=body
                    % {
                        "title": isolate(consultation.programme),
                        "deadline": consultation.deadline.isoformat(),
                        "url": _answer_url(invitation.pk),
                    },
                )
                for invitation in invitations
            ]
        )


@transaction.atomic
def consultation_answer_save(
    *,
    actor,
    invitation: ConsultationInvitation,
    position: str = "",
    text: str = "",
    comments: dict[int, str] | None = None,
    submit: bool = False,
) -> ConsultationInvitation:
    """Save a committee's answer (and its comments per measure id); ``submit`` locks it for good."""
    locks.programmes_lock(Q(consultation_rounds__invitations__id=invitation.pk))
    invitation = (
        ConsultationInvitation.objects.select_for_update()
        .select_related("round__programme")
        .get(pk=invitation.pk)
    )
    if not can_answer_consultation(actor, invitation):
        raise PermissionDenied(_("Only the invited committee's officers may answer."))
    if invitation.is_submitted:
        raise ValidationError(
            _("This answer has been submitted and can no longer be changed."), code="submitted"
        )
    programme = invitation.round.programme
    if not invitation.round.is_open or programme.status != Programme.Status.CONSULTATION:
        raise ValidationError(_("This consultation round is closed."), code="round_closed")
    errors = {}
    if position and position not in ConsultationInvitation.Position.values:
        errors["position"] = _("Choose one of the positions.")
    if submit and not position:
        errors["position"] = _("Choose your committee's position before you submit.")
    if len(text) > MAX_ANSWER_LENGTH:
        errors["text"] = _("The answer is too long.")
    comments = {int(k): v.strip() for k, v in (comments or {}).items()}
    measures = {
        measure.pk: measure
        for measure in Measure.objects.filter(
            section__programme=programme, pk__in=comments
        ).select_related("section")
    }
    if set(comments) - set(measures):
        errors["comments"] = _("Comments can only be given on this programme's measures.")
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    invitation.position = position
    invitation.text = text.strip()
    invitation.updated_at, invitation.updated_by = now, actor
    invitation.state = ConsultationInvitation.State.DRAFT
    if submit:
        invitation.state = ConsultationInvitation.State.SUBMITTED
        invitation.submitted_at, invitation.submitted_by = now, actor
    invitation.save()
    if submit:
        notify_consultation_answered(invitation=invitation)
    for measure_id, comment in comments.items():
        if comment:
            measure = measures[measure_id]
            ConsultationComment.objects.update_or_create(
                invitation=invitation,
                measure_id=measure_id,
                defaults={
                    "text": comment,
                    "measure_label": f"{measure.identifier} {measure.title}",
                },
            )
        else:
            ConsultationComment.objects.filter(
                invitation=invitation, measure_id=measure_id
            ).delete()
    return invitation


def _reminder_due(today: date):
    return ConsultationInvitation.objects.filter(
        reminder_sent_at__isnull=True,
        round__closed_at__isnull=True,
        round__programme__status=Programme.Status.CONSULTATION,
        round__deadline__gte=today,
        round__deadline__lte=today + timedelta(days=REMINDER_DAYS_BEFORE_DEADLINE),
    ).exclude(state=ConsultationInvitation.State.SUBMITTED)


def _reminder_letter(invitation: ConsultationInvitation, officers: list) -> Letter:
    values = {
        "committee": isolate(invitation.committee),
        "title": isolate(invitation.round.programme),
        "deadline": invitation.round.deadline.isoformat(),
        "url": _answer_url(invitation.pk),
    }
    return Letter(
        kind=Kind.CONSULTATION_DEADLINE,
        object_key=f"invitation:{invitation.pk}",
        recipients=officers,
        subject=_("Reminder: consultation answer due %(deadline)s") % values,
        body=_(
            "%(committee)s has not yet submitted its answer to the consultation on "
            "%(title)s. The deadline is %(deadline)s.\n\nAnswer here: %(url)s"
        )
        % values,
    )


def consultation_reminders_record(*, today: date | None = None) -> int:
    """Record a reminder to the officers of each committee that has not answered, from three
    days before the deadline, and mark the invitation reminded; return how many rows are new."""
    today = today or timezone.localdate()
    with mail_language(), transaction.atomic():
        invitations = list(
            _reminder_due(today)
            .select_for_update(of=("self",), skip_locked=True)
            .select_related("round__programme", "committee")
        )
        officers = officers_by_committee({i.committee_id for i in invitations})
        for invitation in invitations:
            if not officers[invitation.committee_id]:
                logger.warning(
                    "No e-mail address for committee %s; reminder skipped", invitation.committee
                )
        recorded = notifications_record_many(
            letters=[_reminder_letter(i, officers[i.committee_id]) for i in invitations],
            deliver_after_commit=False,
        )
        ConsultationInvitation.objects.filter(pk__in=[i.pk for i in invitations]).update(
            reminder_sent_at=timezone.now()
        )
    return recorded


def consultation_send_reminders(*, today: date | None = None) -> int:
    """Remind the officers of committees that have not answered, from three days before the
    deadline; return how many e-mails were sent.

    The reminders are recorded as notifications (one per officer, unique per invitation) in one
    transaction that also marks the invitation reminded; then every recorded e-mail not yet sent
    goes out (notifications.services): a second run, or a restarted worker, records nothing new,
    and a reminder whose sending failed is sent by the next run.
    """
    consultation_reminders_record(today=today)
    return notifications_deliver_pending(kinds=[Kind.CONSULTATION_DEADLINE])
