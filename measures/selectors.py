"""Reads that the measure pages need."""

import calendar
from datetime import date

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from programme.models import Programme
from programme.permissions import programmes_visible_to

from .models import Measure, ProgressUpdate
from .permissions import can_view_follow_up_details, rounds_visible_to, timeline_visible_to

# Done: a measure in one of these is never overdue.
DONE_STATUSES = (Measure.Status.COMPLETED, Measure.Status.CANCELLED)


def overdue_q(prefix: str = "", today: date | None = None) -> Q:
    """Overdue, the one rule: past its due date and not done, by the status the latest progress
    update left. Derived in every read, never stored, so it needs no job to keep it true.
    ``today`` is the day it is asked for (the reminders' runs name theirs)."""
    return Q(**{f"{prefix}due_date__lt": today or timezone.localdate()}) & ~Q(
        **{f"{prefix}status__in": DONE_STATUSES}
    )


def overdue_in_force_q(prefix: str = "", today: date | None = None) -> Q:
    """Overdue in the programme in force (adopted): what the committees' and measure pages mark."""
    return overdue_q(prefix, today) & Q(
        **{f"{prefix}section__programme__status": Programme.Status.ADOPTED}
    )


# A measure not done whose committee has reported nothing for this long is "without news": what
# the council asks about besides what is overdue (docs/permissions.md, the follow-up dashboard).
STALE_MONTHS = 6


def months_before(day: date, months: int) -> date:
    """``day`` ``months`` calendar months earlier (the 31st falls back to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last))


def stale_q() -> Q:
    """Without news: not done, and no progress update (a note is not one) dated within the last
    ``STALE_MONTHS`` months. Derived in every read, as overdue is."""
    since = months_before(timezone.localdate(), STALE_MONTHS)
    recent = ProgressUpdate.objects.filter(
        measure=OuterRef("pk"), kind=ProgressUpdate.Kind.UPDATE, created_at__date__gte=since
    )
    return ~Q(Exists(recent)) & ~Q(status__in=DONE_STATUSES)


def measures_for_display() -> QuerySet[Measure]:
    """Measures with everything a list of them shows, in two or three queries whatever their number."""
    return Measure.objects.select_related("section", "responsible_committee").prefetch_related(
        "co_responsible_committees", "partners", "focus_areas"
    )


def measure_get_visible_head(*, user, pk: int) -> Measure:
    """The measure ``pk`` with only what its page shows outside the cached fragment (number and
    title) and its programme's status and ``content_generation``, in one query; 404 as
    :func:`measure_get_visible`."""
    queryset = Measure.objects.select_related("section__programme").only(
        "title",
        "order",
        "section",
        "section__order",
        "section__programme",
        "section__programme__status",
        "section__programme__content_generation",
    )
    visible = queryset.filter(section__programme__in=programmes_visible_to(user))
    return get_object_or_404(visible, pk=pk)


def measure_get_visible(*, user, pk: int) -> Measure:
    """The measure ``pk`` if ``user`` may read its programme; 404 otherwise."""
    queryset = measures_for_display().select_related(
        "section__programme", "section__programme__owning_committee"
    )
    visible = queryset.filter(section__programme__in=programmes_visible_to(user)).annotate(
        is_overdue=Case(
            When(overdue_in_force_q(), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    return get_object_or_404(visible, pk=pk)


def measure_timeline(*, user, measure: Measure) -> list[ProgressUpdate]:
    """The entries of the measure's follow-up timeline that ``user`` may read, newest first, in
    two queries. Each carries ``shown_round``: its round where ``user`` may read that round or
    their committee's part of it, else None (an open round is not the public's), and
    ``shown_signature``: whether ``user`` reads who signed it."""
    entries = list(
        timeline_visible_to(
            user,
            ProgressUpdate.objects.filter(measure=measure).select_related("committee", "round"),
        )
    )
    round_ids = {entry.round_id for entry in entries if entry.round_id}
    readable = (
        set(
            rounds_visible_to(user, with_own_parts=True)
            .filter(pk__in=round_ids)
            .values_list("pk", flat=True)
        )
        if round_ids
        else set()
    )
    signatures = can_view_follow_up_details(user)
    for entry in entries:
        entry.shown_round = entry.round if entry.round_id in readable else None
        entry.shown_signature = signatures
    return entries
