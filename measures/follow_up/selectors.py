"""Reads for the committees' pages about their measures ("Vårt uppdrag"), each in a fixed
number of queries whatever the row count."""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.utils import timezone

from committees.models import Committee
from committees.permissions import committees_visible_to
from measures.models import Measure
from measures.permissions import measures_editable_by, measures_open_for_notes_by
from programme.models import Programme
from programme.permissions import visible_statuses

DONE_STATUSES = (Measure.Status.COMPLETED, Measure.Status.CANCELLED)


def overdue_q(prefix: str = "") -> Q:
    """Past its due date, not done, in the programme in force (adopted)."""
    return Q(
        **{
            f"{prefix}due_date__lt": timezone.localdate(),
            f"{prefix}section__programme__status": Programme.Status.ADOPTED,
        }
    ) & ~Q(**{f"{prefix}status__in": DONE_STATUSES})


def _visible_programmes(user, prefix: str = "") -> Q:
    statuses = visible_statuses(user)
    if statuses is None:
        return Q()
    return Q(**{f"{prefix}section__programme__status__in": statuses})


def committee_list(*, user) -> QuerySet[Committee]:
    """The committees whose pages ``user`` may open, with their measure and overdue counts."""
    visible = _visible_programmes(user, "responsible_measures__")
    return committees_visible_to(user).annotate(
        measure_count=Count("responsible_measures", filter=visible, distinct=True),
        overdue_count=Count(
            "responsible_measures",
            filter=visible & overdue_q("responsible_measures__"),
            distinct=True,
        ),
        member_count=Count("memberships", distinct=True),
    )


@dataclass
class ProgrammeAssignment:
    """One programme's share of a committee's assignment."""

    programme: Programme
    responsible: list[Measure] = field(default_factory=list)
    co_responsible: list[Measure] = field(default_factory=list)


def _measures_for(user, committee_filter: Q) -> QuerySet[Measure]:
    return (
        Measure.objects.filter(committee_filter, _visible_programmes(user))
        .select_related("section__programme", "responsible_committee")
        .annotate(
            is_overdue=Case(
                When(overdue_q(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by(
            "-section__programme__period_from", "section__programme_id", "section__order", "order"
        )
    )


def committee_assignments(*, user, committee: Committee) -> list[ProgrammeAssignment]:
    """Every measure ``committee`` is responsible or co-responsible for, grouped by programme.

    Only programmes ``user`` may read are included; each measure carries ``is_overdue``,
    ``can_update_follow_up`` and ``can_add_progress_note`` so the page derives nothing itself.
    """
    responsible = list(_measures_for(user, Q(responsible_committee=committee)))
    co_responsible = list(_measures_for(user, Q(co_responsible_committees=committee)))
    ids = [m.pk for m in responsible + co_responsible]
    editable = set(measures_editable_by(user).filter(pk__in=ids).values_list("pk", flat=True))
    noteable = set(measures_open_for_notes_by(user).filter(pk__in=ids).values_list("pk", flat=True))
    by_programme: dict[int, ProgrammeAssignment] = {}
    for kind, measures in (("responsible", responsible), ("co_responsible", co_responsible)):
        for measure in measures:
            measure.can_update_follow_up = measure.pk in editable
            measure.can_add_progress_note = measure.pk in noteable
            programme = measure.section.programme
            entry = by_programme.setdefault(programme.pk, ProgrammeAssignment(programme))
            getattr(entry, kind).append(measure)
    return sorted(
        by_programme.values(),
        key=lambda entry: (-entry.programme.period_from, entry.programme.title, entry.programme.pk),
    )
