"""Reads for the follow-up dashboard of an adopted programme, in a fixed number of queries
whatever the number of sections, committees, measures or rounds.

Overdue is ``measures.selectors.overdue_in_force_q`` and "without news" ``stale_q``: the
measures' own rules, derived in the query, so the dashboard counts what the other pages mark.
The reporting rounds' progress is read from the closed rounds' frozen snapshots only: a closed
round says what was reported then, whatever happened since.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from measures.follow_up.chart import BarChart, SeriesChart, series_chart, stacked_bar_chart
from measures.models import Measure, ProgressUpdate, ReportingRound
from measures.selectors import overdue_in_force_q, stale_q
from programme.models import Programme

Status = Measure.Status


@dataclass(frozen=True)
class CountRow:
    """One section's or committee's measures: per status (in ``Status`` order) and in total."""

    key: int
    label: str
    by_status: list[tuple[str, str, int]]
    total: int
    overdue: int
    stale: int


def _aggregates() -> dict:
    return {
        "total": Count("pk"),
        **{f"status_{value}": Count("pk", filter=Q(status=value)) for value in Status.values},
        "overdue": Count("pk", filter=overdue_in_force_q()),
        "stale": Count("pk", filter=stale_q()),
    }


def _row(key: int, label: str, counts: dict | None) -> CountRow:
    counts = counts or {}
    return CountRow(
        key=key,
        label=label,
        by_status=[
            (value, label, counts.get(f"status_{value}", 0)) for value, label in Status.choices
        ],
        total=counts.get("total", 0),
        overdue=counts.get("overdue", 0),
        stale=counts.get("stale", 0),
    )


def _measures(programme: Programme) -> QuerySet[Measure]:
    return Measure.objects.filter(section__programme=programme)


def counts_by_section(*, programme: Programme) -> list[CountRow]:
    """Every section in order (an empty one too) with its measures' counts; two queries."""
    grouped = {
        row["section_id"]: row
        for row in _measures(programme).order_by().values("section_id").annotate(**_aggregates())
    }
    return [
        _row(section.pk, f"{section.order}. {section.title}", grouped.get(section.pk))
        for section in programme.sections.order_by("order").only("pk", "order", "title")
    ]


def counts_by_committee(*, programme: Programme) -> list[CountRow]:
    """Each committee responsible for a measure of ``programme``, by name; one query."""
    rows = (
        _measures(programme)
        .order_by()
        .values("responsible_committee_id", "responsible_committee__name")
        .annotate(**_aggregates())
        .order_by("responsible_committee__name", "responsible_committee_id")
    )
    return [
        _row(row["responsible_committee_id"], row["responsible_committee__name"], row)
        for row in rows
    ]


def totals(rows: list[CountRow]) -> CountRow:
    """The sum of ``rows`` (every measure is in exactly one section)."""
    by_status = [
        (value, label, sum(row.by_status[index][2] for row in rows))
        for index, (value, label) in enumerate(Status.choices)
    ]
    return CountRow(
        key=0,
        label=_("All measures"),
        by_status=by_status,
        total=sum(row.total for row in rows),
        overdue=sum(row.overdue for row in rows),
        stale=sum(row.stale for row in rows),
    )


def _with_latest_update(measures: QuerySet[Measure], *, internal: bool) -> QuerySet[Measure]:
    """Each measure with the date of its latest progress update (``last_update_at``) and, for
    the internal dashboard only, who signed it (``last_update_by``)."""
    latest = ProgressUpdate.objects.filter(
        measure=OuterRef("pk"), kind=ProgressUpdate.Kind.UPDATE
    ).order_by("-created_at", "-pk")
    measures = measures.annotate(last_update_at=Subquery(latest.values("created_at")[:1]))
    if internal:
        measures = measures.annotate(last_update_by=Subquery(latest.values("signed_by")[:1]))
    return measures.select_related("section", "responsible_committee")


def overdue_measures(*, programme: Programme, internal: bool) -> list[Measure]:
    """The overdue measures (the follow-up's rule), the longest overdue first; one query."""
    measures = _measures(programme).filter(overdue_in_force_q())
    measures = _with_latest_update(measures, internal=internal)
    return list(measures.order_by("due_date", "section__order", "order"))


def stale_measures(*, programme: Programme, internal: bool) -> list[Measure]:
    """The measures without an update for six months, those never updated first; one query."""
    measures = _with_latest_update(_measures(programme).filter(stale_q()), internal=internal)
    return list(
        measures.order_by(F("last_update_at").asc(nulls_first=True), "section__order", "order")
    )


@dataclass(frozen=True)
class RoundProgress:
    """A closed round as its snapshot froze it."""

    name: str
    period_from: date
    period_to: date
    measures: int
    reported: int
    completed: int
    average_progress: Decimal
    parts: int
    parts_ready: int


def _round_progress(reporting_round: ReportingRound) -> RoundProgress:
    rows = reporting_round.snapshot.get("measures", [])
    parts = reporting_round.snapshot.get("parts", [])
    progress = sum(int(row["progress"] or 0) for row in rows)
    average = Decimal(progress) / len(rows) if rows else Decimal(0)
    return RoundProgress(
        name=reporting_round.name,
        period_from=reporting_round.period_from,
        period_to=reporting_round.period_to,
        measures=len(rows),
        reported=sum(1 for row in rows if row["reported"]),
        completed=sum(1 for row in rows if row["status"] == Status.COMPLETED),
        average_progress=average.quantize(Decimal("0.1")),
        parts=len(parts),
        parts_ready=sum(1 for part in parts if part["ready"]),
    )


def rounds_progress(*, programme: Programme) -> list[RoundProgress]:
    """Each closed round of ``programme``, oldest first, from its snapshot; one query."""
    closed = ReportingRound.objects.filter(
        programme=programme, state=ReportingRound.State.CLOSED
    ).order_by("period_to", "pk")
    return [_round_progress(reporting_round) for reporting_round in closed]


@dataclass
class Dashboard:
    """Everything the dashboard shows; ``internal`` adds who signed each latest update and the
    committees' progress notes (the public variant has neither)."""

    internal: bool
    statuses: list[tuple[str, str]]
    by_section: list[CountRow]
    by_committee: list[CountRow]
    total: CountRow
    overdue: list[Measure]
    stale: list[Measure]
    rounds: list[RoundProgress]
    section_chart: BarChart | None = None
    committee_chart: BarChart | None = None
    rounds_chart: SeriesChart | None = None


def _bars(rows: list[CountRow]) -> BarChart | None:
    return stacked_bar_chart(
        [(row.label, [(value, count) for value, _label, count in row.by_status]) for row in rows]
    )


def programme_dashboard(*, programme: Programme, internal: bool) -> Dashboard:
    """The follow-up dashboard of ``programme``: six queries whatever its size."""
    by_section = counts_by_section(programme=programme)
    by_committee = counts_by_committee(programme=programme)
    rounds = rounds_progress(programme=programme)
    return Dashboard(
        internal=internal,
        statuses=list(Status.choices),
        by_section=by_section,
        by_committee=by_committee,
        total=totals(by_section),
        overdue=overdue_measures(programme=programme, internal=internal),
        stale=stale_measures(programme=programme, internal=internal),
        rounds=rounds,
        section_chart=_bars(by_section),
        committee_chart=_bars(by_committee),
        rounds_chart=series_chart(
            [(r.name, r.average_progress) for r in rounds], high=Decimal(100)
        ),
    )
