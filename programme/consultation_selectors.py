"""Reads for the consultation pages, with related rows chosen once."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from measures.models import Measure

from .models import ConsultationComment, ConsultationInvitation, ConsultationRound, Programme
from .permissions import committees_answerable_by


def consultation_rounds(*, programme: Programme) -> list[ConsultationRound]:
    """The programme's rounds, newest first."""
    return list(programme.consultation_rounds.select_related("sent_by"))


def consultation_overview(*, consultation: ConsultationRound) -> dict:
    """Who has answered and who has not, and every comment grouped under its measure."""
    invitations = list(
        consultation.invitations.select_related("committee", "submitted_by").order_by(
            "committee__name"
        )
    )
    comments = list(
        ConsultationComment.objects.filter(
            invitation__round=consultation,
            invitation__state=ConsultationInvitation.State.SUBMITTED,
        ).select_related("invitation__committee")
    )
    by_measure: dict[int, list[ConsultationComment]] = {}
    for comment in comments:
        by_measure.setdefault(comment.measure_id, []).append(comment)
    measures = list(
        Measure.objects.filter(section__programme_id=consultation.programme_id)
        .select_related("section", "responsible_committee")
        .order_by("section__order", "order")
    )
    for measure in measures:
        measure.round_comments = by_measure.get(measure.pk, [])
    answered = [i for i in invitations if i.is_submitted]
    return {
        "invitations": invitations,
        "answered": answered,
        "not_answered": [i for i in invitations if not i.is_submitted],
        "measures": measures,
        "deleted_measure_comments": _on_deleted_measures(comments, measures),
        "comment_count": len(comments),
    }


def _on_deleted_measures(comments, measures) -> list[ConsultationComment]:
    """The comments whose measure has been deleted since they were given, in the order given."""
    present = {measure.pk for measure in measures}
    return sorted((c for c in comments if c.measure_id not in present), key=lambda c: c.pk)


def invitation_get(*, pk: int) -> ConsultationInvitation:
    """One invitation with its round, programme and committee; 404 if it does not exist."""
    return get_object_or_404(
        ConsultationInvitation.objects.select_related(
            "round__programme", "committee", "submitted_by", "updated_by"
        ),
        pk=pk,
    )


def invitation_measures(*, invitation: ConsultationInvitation) -> dict:
    """The programme's measures in order, each with this answer's comment (or None), and the
    answer's comments on measures deleted since."""
    comments = list(invitation.comments.all())
    by_measure = {c.measure_id: c for c in comments}
    measures = list(
        Measure.objects.filter(section__programme_id=invitation.round.programme_id)
        .select_related("section", "responsible_committee")
        .order_by("section__order", "order")
    )
    for measure in measures:
        measure.answer_comment = by_measure.get(measure.pk)
    return {
        "measures": measures,
        "deleted_measure_comments": _on_deleted_measures(comments, measures),
    }


def invitations_for_user(*, user, programme: Programme) -> list[ConsultationInvitation]:
    """The invitations in ``programme``'s rounds that ``user`` answers for, newest round first."""
    committee_ids = committees_answerable_by(user)
    if not committee_ids:
        return []
    return list(
        ConsultationInvitation.objects.filter(
            round__programme=programme, committee_id__in=committee_ids
        )
        .select_related("round", "committee")
        .order_by("-round__sent_at", "committee__name")
    )


def round_with_invitations(*, programme: Programme, round_id: int | None):
    """The chosen round (or the newest) of ``programme``; None if it has had none."""
    rounds = programme.consultation_rounds.prefetch_related(
        Prefetch("invitations", queryset=ConsultationInvitation.objects.select_related("committee"))
    )
    if round_id is not None:
        return get_object_or_404(rounds, pk=round_id)
    return rounds.first()
