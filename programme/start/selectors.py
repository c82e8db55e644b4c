"""Reads for the start page ("Att göra"): what needs each role, in a fixed number of queries.

Events (answers received, programmes submitted or adopted) come newest first; things with a
deadline (a remiss to answer, a measure due) come with the nearest deadline first, since the
most urgent is what the reader must do next.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from committees.models import Committee
from measures.models import Measure, ReportingRound, RoundPart
from measures.permissions import OFFICER_FOLLOW_UP_STATUSES, round_parts_reportable_by
from measures.selectors import DONE_STATUSES, overdue_in_force_q
from programme.models import ConsultationInvitation, ConsultationRound, Programme
from programme.permissions import committees_answerable_by, programmes_visible_to

Status = Programme.Status
# An officer is told of their committee's measures due within this many days.
DUE_SOON_DAYS = 30
# How many recently adopted programmes a council member is shown.
RECENTLY_ADOPTED = 5


@dataclass
class OpenRound:
    """An open remiss with its answers split into received and missing."""

    round: ConsultationRound
    received: list[ConsultationInvitation] = field(default_factory=list)
    missing: list[ConsultationInvitation] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.received) + len(self.missing)


def open_rounds(*, user) -> list[OpenRound]:
    """The open consultation rounds of the programmes ``user`` may read, newest first."""
    invitations = ConsultationInvitation.objects.select_related("committee").order_by(
        "-submitted_at", "committee__name"
    )
    rounds = (
        ConsultationRound.objects.filter(
            closed_at__isnull=True, programme__in=programmes_visible_to(user)
        )
        .select_related("programme")
        .prefetch_related(Prefetch("invitations", queryset=invitations))
        .order_by("-sent_at", "-pk")
    )
    result = []
    for consultation in rounds:
        entry = OpenRound(consultation)
        for invitation in consultation.invitations.all():
            (entry.received if invitation.is_submitted else entry.missing).append(invitation)
        result.append(entry)
    return result


def programmes_submitted(*, user) -> QuerySet[Programme]:
    """The programmes waiting for the council's decision, the most recently submitted first."""
    submitted_at = Max("status_changes__at", filter=Q(status_changes__to_status=Status.SUBMITTED))
    return (
        programmes_visible_to(user, Programme.objects.filter(status=Status.SUBMITTED))
        .select_related("owning_committee")
        .annotate(submitted_at=submitted_at)
        .order_by("-submitted_at", "-pk")
    )


def programmes_recently_adopted(*, user) -> list[Programme]:
    """The newest adopted programmes (those in force), the latest decision first."""
    programmes = programmes_visible_to(user, Programme.objects.filter(status=Status.ADOPTED))
    return list(
        programmes.select_related("owning_committee").order_by("-decision_date", "-pk")[
            :RECENTLY_ADOPTED
        ]
    )


def _measures() -> QuerySet[Measure]:
    return Measure.objects.select_related("section__programme", "responsible_committee")


def measures_overdue(*, user) -> list[Measure]:
    """Every overdue measure (the follow-up's rule) in programmes ``user`` may read,
    the most recently overdue first."""
    measures = _measures().filter(
        overdue_in_force_q(), section__programme__in=programmes_visible_to(user)
    )
    return list(measures.order_by("-due_date", "section__programme_id", "section__order", "order"))


def invitations_to_answer(*, user) -> QuerySet[ConsultationInvitation]:
    """The unanswered invitations of open rounds for ``user``'s committees, nearest deadline first."""
    return (
        ConsultationInvitation.objects.filter(
            committee_id__in=committees_answerable_by(user), round__closed_at__isnull=True
        )
        .exclude(state=ConsultationInvitation.State.SUBMITTED)
        .select_related("round__programme", "committee")
        .order_by("round__deadline", "-round__sent_at", "committee__name")
    )


def committee_measures_due(*, user) -> list[Measure]:
    """The measures of ``user``'s committees in the programme in force that are overdue or due
    within ``DUE_SOON_DAYS`` days, nearest due date first; each carries ``is_overdue``."""
    today = timezone.localdate()
    measures = (
        _measures()
        .filter(
            responsible_committee_id__in=committees_answerable_by(user),
            section__programme__status=Status.ADOPTED,
            due_date__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .exclude(status__in=DONE_STATUSES)
        .order_by("due_date", "section__order", "order")
    )
    result = list(measures)
    for measure in result:
        measure.is_overdue = measure.due_date < today
    return result


def committees_of(*, user) -> QuerySet[Committee]:
    """The committees ``user`` holds a seat in (their "Vårt uppdrag" pages)."""
    return Committee.objects.filter(pk__in=committees_answerable_by(user)).order_by("name")


def round_parts_to_report(*, user) -> QuerySet[RoundPart]:
    """The parts of open follow-up rounds that ``user``'s committees still have to report on and
    mark ready, nearest deadline first."""
    return (
        round_parts_reportable_by(user)
        .select_related("round__programme", "committee")
        .order_by("round__deadline", "round__name", "committee__name")
    )


def follow_up_rounds_open(*, user) -> QuerySet[ReportingRound]:
    """The open follow-up rounds of the programmes ``user`` may read, nearest deadline first,
    each with how many of its asked committees are ready (``parts_ready``, ``parts_total``)."""
    return (
        ReportingRound.objects.filter(
            state=ReportingRound.State.OPEN,
            programme__in=programmes_visible_to(user),
            programme__status__in=OFFICER_FOLLOW_UP_STATUSES,
        )
        .select_related("programme")
        .annotate(
            parts_total=Count("parts"),
            parts_ready=Count("parts", filter=Q(parts__state=RoundPart.State.READY)),
        )
        .order_by("deadline", "name")
    )
