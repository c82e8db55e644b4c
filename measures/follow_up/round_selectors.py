"""Reads for the reporting rounds' pages, each in a fixed number of queries whatever the number
of measures, committees or rounds.

A round's rows (one per measure of the programme, as reported in the round) come from the live
tables while the round is open and from its frozen ``snapshot`` once it is closed, in the same
shape, so the pages do not care which.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from committees.models import Committee
from measures.models import Measure, ProgressUpdate, ReportingRound, RoundPart
from programme.models import Programme
from programme.permissions import programmes_visible_to


def status_label(code: str) -> str:
    try:
        return str(Measure.Status(code).label)
    except ValueError:
        return code


def part_measures(part: RoundPart) -> QuerySet[Measure]:
    """The measures ``part``'s committee reports on: those it is responsible for."""
    return (
        Measure.objects.filter(
            section__programme_id=part.round.programme_id,
            responsible_committee_id=part.committee_id,
        )
        .select_related("section")
        .order_by("section__order", "order")
    )


def round_updated_ids(reporting_round: ReportingRound) -> set[int]:
    return set(
        ProgressUpdate.objects.filter(round=reporting_round).values_list("measure_id", flat=True)
    )


def round_rows_live(reporting_round: ReportingRound) -> list[dict]:
    """Every measure of the round's programme with its latest update in the round (two queries)."""
    latest: dict[int, ProgressUpdate] = {}
    updates = ProgressUpdate.objects.filter(
        round=reporting_round, kind=ProgressUpdate.Kind.UPDATE
    ).order_by("created_at", "pk")
    for update in updates:
        latest[update.measure_id] = update
    measures = (
        Measure.objects.filter(section__programme_id=reporting_round.programme_id)
        .select_related("section", "responsible_committee")
        .order_by("section__order", "order")
    )
    rows = []
    for measure in measures:
        update = latest.get(measure.pk)
        source = update or measure
        rows.append(
            {
                "id": measure.pk,
                "identifier": measure.identifier,
                "title": measure.title,
                # Kept so that a closed round's report stands on its snapshot alone.
                "section_number": measure.section.order,
                "section_title": measure.section.title,
                "due_date": measure.due_date,
                "indicator_target": measure.indicator_target,
                "committee_id": measure.responsible_committee_id,
                "committee": measure.responsible_committee.name,
                "reported": update is not None,
                "status": source.status,
                "progress": source.progress,
                "note": update.note if update else measure.progress_note,
                "indicator": measure.indicator,
                "indicator_unit": measure.indicator_unit,
                "indicator_value": source.indicator_value,
                "indicator_date": update.indicator_date if update else None,
                "reported_at": update.created_at.isoformat() if update else None,
                "signed_by": update.signed_by if update else "",
            }
        )
    return rows


def round_rows(reporting_round: ReportingRound) -> list[dict]:
    """The round's rows as reported: frozen once closed, live while open; with status labels."""
    if reporting_round.snapshot is not None:
        rows = [dict(row) for row in reporting_round.snapshot["measures"]]
    else:
        rows = round_rows_live(reporting_round)
    for row in rows:
        row["status_label"] = status_label(row["status"])
    return rows


@dataclass
class PartSummary:
    part: RoundPart
    measures: list[dict] = field(default_factory=list)

    @property
    def updated_count(self) -> int:
        return sum(1 for row in self.measures if row["reported"])

    @property
    def missing(self) -> list[dict]:
        return [row for row in self.measures if not row["reported"]]


def round_get(*, pk: int) -> ReportingRound:
    return ReportingRound.objects.select_related("programme").get(pk=pk)


def round_overview(reporting_round: ReportingRound) -> list[PartSummary]:
    """Per asked committee: its part, and its measures as reported in the round."""
    summaries = {
        part.committee_id: PartSummary(part)
        for part in reporting_round.parts.select_related("committee", "ready_by")
    }
    for row in round_rows(reporting_round):
        if row["committee_id"] in summaries:
            summaries[row["committee_id"]].measures.append(row)
    return list(summaries.values())


def part_get(*, pk: int) -> RoundPart:
    return RoundPart.objects.select_related("round__programme", "committee", "ready_by").get(pk=pk)


def programme_rounds(programme: Programme) -> list[ReportingRound]:
    return list(
        ReportingRound.objects.filter(programme=programme)
        .select_related("programme")
        .order_by("-period_to", "-pk")
    )


@dataclass
class ComparisonRow:
    identifier: str
    title: str
    cells: list[str | None]


def round_comparison(rounds: list[ReportingRound]) -> list[ComparisonRow]:
    """Each measure's status per closed round (oldest round first), from the snapshots alone."""
    closed = [r for r in rounds if r.snapshot is not None]
    rows: dict[int, ComparisonRow] = {}
    for index, reporting_round in enumerate(closed):
        for measure in reporting_round.snapshot["measures"]:
            row = rows.setdefault(
                measure["id"],
                ComparisonRow(measure["identifier"], measure["title"], [None] * len(closed)),
            )
            # The newest round's number and title stand for the measure.
            row.identifier, row.title = measure["identifier"], measure["title"]
            row.cells[index] = status_label(measure["status"])
    return sorted(rows.values(), key=lambda row: [int(n) for n in row.identifier.split(".")])


def committee_open_parts(*, user, committee: Committee) -> list[RoundPart]:
    """The parts ``committee`` is asked for in open rounds of programmes ``user`` may read."""
    return list(
        RoundPart.objects.filter(
            committee=committee,
            round__state=ReportingRound.State.OPEN,
            round__programme__in=programmes_visible_to(user),
        )
        .select_related("round__programme")
        .order_by("round__deadline", "pk")
    )
