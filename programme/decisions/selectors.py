"""Reads for the workflow panel, consultation, the editions and comparison pages, and the public page.

A programme's *editions* are the chain of revisions: a programme with edition N > 1 was created
by revising its ``based_on`` (edition N − 1). An edition-1 programme's ``based_on`` is an earlier
document it extends (e.g. the 2019 action plan), not an earlier edition of itself.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from measures.models import Measure
from programme.models import (
    AdoptedEdition,
    ConsultationComment,
    ConsultationInvitation,
    ConsultationRound,
    Programme,
    StatusChange,
)
from programme.permissions import (
    PUBLIC_STATUSES,
    can_download_archive_package,
    can_run_workflow,
    can_view_consultation,
    can_view_programme,
    can_view_status_change_details,
    committees_answerable_by,
    is_public,
    status_changes_visible_to,
)

from .revisions import revision_in_progress
from .snapshots import programme_snapshot
from .transitions import available_transitions


def programme_lineage(*, programme: Programme) -> list[Programme]:
    """Every edition of ``programme``, oldest first."""
    chain = [programme]
    current = programme
    while current.edition > 1 and current.based_on_id:
        current = Programme.objects.select_related("adopted_edition").get(pk=current.based_on_id)
        chain.insert(0, current)
    current = programme
    while True:
        following = (
            current.extensions.filter(edition=current.edition + 1)
            .exclude(status=Programme.Status.WITHDRAWN)
            .first()
        )
        if following is None:
            break
        chain.append(following)
        current = following
    return chain


def adopted_editions(*, programme: Programme) -> list[AdoptedEdition]:
    """The adopted versions in ``programme``'s chain, newest first."""
    ids = [p.pk for p in programme_lineage(programme=programme)]
    return list(
        AdoptedEdition.objects.filter(programme_id__in=ids)
        .select_related("programme")
        .order_by("-edition")
    )


@dataclass
class EditionChoice:
    key: str
    label: str
    programme: Programme
    adopted: AdoptedEdition | None
    # For coordinators, per adopted version: None (not theirs to see), False (being built), True.
    archive_ready: bool | None = None

    def snapshot(self) -> dict:
        if self.adopted is not None:
            return self.adopted.snapshot
        return programme_snapshot(programme=self.programme)


def edition_choices(*, user, programme: Programme) -> list[EditionChoice]:
    """The editions ``user`` may compare: each adopted edition, and the current text of any
    edition in the chain that is not adopted yet (if the user may read it)."""
    choices = []
    archives = can_download_archive_package(user)
    for member in programme_lineage(programme=programme):
        adopted = (
            AdoptedEdition.objects.filter(programme=member)
            .select_related("archive_package")
            .first()
        )
        if adopted is not None:
            label = _("Version %(version)s as adopted %(date)s (%(paragraph)s)") % {
                "version": adopted.edition,
                "date": adopted.decision_date.isoformat(),
                "paragraph": adopted.decision_paragraph,
            }
            ready = getattr(adopted, "archive_package", None) is not None if archives else None
            choices.append(EditionChoice(f"adopted-{member.pk}", label, member, adopted, ready))
        elif can_view_programme(user, member):
            label = _("Version %(version)s, current text (%(status)s)") % {
                "version": member.edition,
                "status": member.get_status_display().lower(),
            }
            choices.append(EditionChoice(f"live-{member.pk}", label, member, None))
    return choices


def programme_get_public(*, pk: int, queryset: QuerySet | None = None) -> Programme:
    """An adopted or superseded programme, readable by anyone; 404 otherwise.

    ``queryset`` chooses the columns (the public page reads only its content generation first,
    the public dashboard what its header shows).
    """
    if queryset is None:
        queryset = Programme.objects.select_related("owning_committee")
    try:
        return queryset.get(pk=pk, status__in=PUBLIC_STATUSES)
    except Programme.DoesNotExist as exc:
        raise Http404 from exc


def adopted_edition_of(*, programme: Programme) -> AdoptedEdition:
    """The programme's adopted edition. A programme marked adopted before this tool recorded
    editions (e.g. imported) gets an unsaved stand-in built from its text, frozen since then."""
    adopted = AdoptedEdition.objects.filter(programme=programme).first()
    if adopted is not None:
        return adopted
    return AdoptedEdition(
        programme=programme,
        edition=programme.edition,
        snapshot=programme_snapshot(programme=programme),
        decision_date=programme.decision_date,
        decision_paragraph=programme.decision_paragraph,
        case_number=programme.case_number,
    )


def workflow_panel(*, user, programme: Programme) -> dict:
    """The steps ``user`` may take on ``programme`` now: its forms hold their CSRF token, so the
    page renders them on every request (:func:`workflow_record` is what can be cached)."""
    transitions = [
        {"to": to, "transition": t}
        for to, t in available_transitions(user=user, programme=programme)
    ]
    may_run = can_run_workflow(user, programme)
    revision = (
        revision_in_progress(programme) if programme.status == Programme.Status.ADOPTED else None
    )
    return {
        "transitions": transitions,
        "can_revise": may_run and programme.status == Programme.Status.ADOPTED and revision is None,
        # Told only to those who may open it: to others its link would answer 404.
        "revision": revision if revision and can_view_programme(user, revision) else None,
    }


def workflow_record(*, user, programme: Programme) -> dict:
    """What the decision process has left on ``programme``, as ``user`` may see it: the status
    history, the consultation answers, the user's own invitations, earlier editions, and whether
    there is any of those links to list (``has_links``).

    It follows from the programme's content and the reader's roles only (a transition, an
    answer and a new edition move the content generation), so the overview keeps it in a
    cached fragment and reads it only when that is missing.
    """
    history = list(
        status_changes_visible_to(user, StatusChange.objects.filter(programme=programme))
        .select_related("actor")
        .order_by("at")
    )
    has_rounds = programme.consultation_rounds.exists() if user.is_authenticated else False
    has_editions = (
        programme.edition > 1 or AdoptedEdition.objects.filter(programme=programme).exists()
    )
    links = {
        "can_view_consultation": has_rounds and can_view_consultation(user, programme),
        "my_invitations": invitations_for_user(user=user, programme=programme),
        "has_editions": has_editions,
        "is_public": is_public(programme),
    }
    return {
        "history": history,
        "history_details": can_view_status_change_details(user),
        **links,
        # No list at all without an item (an empty one is announced as "list, 0 items").
        "has_links": any(links.values()),
    }


# --- consultation -------------------------------------------------------------------------


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


def invitation_sent_text(*, invitation: ConsultationInvitation) -> dict:
    """What a read-only answer page shows: the text its round sent (``None`` for a round sent
    before the text was kept) and this answer's comments, each under its measure as sent.

    Never the live measures: after the round closes the draft is edited again, and the
    committee may not read the draft.
    """
    snapshot = invitation.round.sent_text
    comments = {c.measure_id: c for c in invitation.comments.all()}
    labelled = []
    for section in snapshot["sections"] if snapshot else ():
        for measure in section["measures"]:
            comment = comments.pop(measure["id"], None)
            if comment is not None:
                labelled.append((f"{measure['identifier']} {measure['title']}", comment.text))
    # Without a kept text, each comment keeps what its measure was called when it was given.
    labelled += [(c.measure_label, c.text) for c in sorted(comments.values(), key=lambda c: c.pk)]
    return {"sent_text": snapshot, "comments": labelled}


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
