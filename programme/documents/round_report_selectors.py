"""Reads for the follow-up report: a closed round's snapshot as a ``RoundReportDocument``.

Only the snapshot (written once by ``measures.follow_up.round_services.round_close``) and the
programme's and round's own rows are read, in a fixed number of queries whatever the number of
measures. Fixed texts are Swedish, as in the programme PDF (docs/pdf.md).
"""

from collections import defaultdict
from datetime import date

from django.utils import timezone

from measures.follow_up.chart import bar_chart_data_uri, stacked_bar_chart
from measures.models import Measure, ReportingRound
from measures.selectors import DONE_STATUSES

from .common import MEASURE_STATUS_SV, number_sv, programme_cover
from .document import Decision
from .round_report import (
    KIND,
    Chart,
    PartDoc,
    ReportedMeasureDoc,
    ReportSectionDoc,
    RoundReportDocument,
    StatusCount,
    SummaryRow,
)
from .round_report_content import round_report_hash

STATUS_ORDER = tuple(Measure.Status.values)


class RoundNotClosed(ValueError):
    """Only a closed round, frozen in its snapshot, has a follow-up report."""


def _section_of(row: dict) -> tuple[int, str]:
    # Snapshots written before the section was kept name it by its number alone.
    number = row.get("section_number") or int(row["identifier"].split(".")[0])
    return number, row.get("section_title") or f"Avsnitt {number}"


def _is_overdue(row: dict, closed: date) -> bool:
    """The follow-up's rule (``measures.selectors.overdue_q``), on the day the round closed."""
    due = row.get("due_date")
    return bool(due) and date.fromisoformat(due) < closed and row["status"] not in DONE_STATUSES


def _measure_doc(row: dict, closed: date) -> ReportedMeasureDoc:
    section, order = row["identifier"].split(".", 1)
    return ReportedMeasureDoc(
        identifier=row["identifier"],
        anchor=f"atgard-{section}-{order}",
        title=row["title"],
        committee=row["committee"],
        reported=bool(row["reported"]),
        status=MEASURE_STATUS_SV.get(row["status"], row["status"]),
        progress=row["progress"],
        indicator=row.get("indicator") or "",
        indicator_value=number_sv(row.get("indicator_value")),
        indicator_target=number_sv(row.get("indicator_target")),
        indicator_unit=row.get("indicator_unit") or "",
        indicator_date=row.get("indicator_date") or "",
        due_date=row.get("due_date") or "",
        overdue=_is_overdue(row, closed),
        note=row.get("note") or "",
        reported_at=(row.get("reported_at") or "")[:10],
        signed_by=row.get("signed_by") or "",
    )


def _summary_row(label: str, rows: list[dict], overdue: int) -> SummaryRow:
    """One section's or committee's measures counted by status."""
    counts = defaultdict(int)
    for row in rows:
        counts[row["status"]] += 1
    return SummaryRow(
        label=label,
        counts=tuple(
            StatusCount(code, MEASURE_STATUS_SV[code], counts[code]) for code in STATUS_ORDER
        ),
        overdue=overdue,
    )


def _chart(caption: str, rows: tuple[SummaryRow, ...], chart_id: str) -> Chart:
    """The rows as the dashboard's stacked bars (one engine and palette for page and PDF)."""
    description = "; ".join(
        f"{row.label}: "
        + ", ".join(f"{item.label.lower()} {item.count}" for item in row.counts if item.count)
        if row.total
        else f"{row.label}: 0"
        for row in rows
    )
    bars = stacked_bar_chart(
        [(row.label, [(item.status, item.count) for item in row.counts]) for row in rows]
    )
    return Chart(
        caption=caption,
        description=f"Stapeldiagram, {caption.lower()}. {description}.",
        svg=bar_chart_data_uri(bars, title=caption, chart_id=chart_id) if bars else "",
        rows=rows,
    )


def _summaries(rows: list[dict], closed: date) -> tuple[Chart, Chart, Chart]:
    overdue_ids = {row["id"] for row in rows if _is_overdue(row, closed)}
    overall = tuple(
        SummaryRow(
            label=MEASURE_STATUS_SV[code],
            counts=(
                StatusCount(
                    code,
                    MEASURE_STATUS_SV[code],
                    sum(1 for row in rows if row["status"] == code),
                ),
            ),
            overdue=sum(1 for row in rows if row["status"] == code and row["id"] in overdue_ids),
        )
        for code in STATUS_ORDER
    )
    by_section: dict[tuple[int, str], list[dict]] = defaultdict(list)
    by_committee: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_section[_section_of(row)].append(row)
        by_committee[row["committee"]].append(row)

    def overdue(group: list[dict]) -> int:
        return sum(1 for row in group if row["id"] in overdue_ids)

    sections = tuple(
        _summary_row(f"{number}. {title}", group, overdue(group))
        for (number, title), group in sorted(by_section.items())
    )
    committees = tuple(
        _summary_row(name, by_committee[name], overdue(by_committee[name]))
        for name in sorted(by_committee, key=str.casefold)
    )
    return (
        _chart("Åtgärdernas status", overall, "status"),
        _chart("Status per avsnitt", sections, "avsnitt"),
        _chart("Status per nämnd", committees, "namnd"),
    )


def _parts(parts: list[dict]) -> tuple[PartDoc, ...]:
    documents = []
    for part in sorted(parts, key=lambda part: part["committee"].casefold()):
        has_decision = part["decision_date"] or part["decision_paragraph"] or part["case_number"]
        documents.append(
            PartDoc(
                committee=part["committee"],
                ready=bool(part["ready"]),
                ready_date=(part.get("ready_at") or "")[:10],
                decision=Decision(
                    date=part["decision_date"] or "",
                    paragraph=part["decision_paragraph"],
                    case_number=part["case_number"],
                )
                if has_decision
                else None,
            )
        )
    return tuple(documents)


def round_report_document(*, reporting_round: ReportingRound) -> RoundReportDocument:
    """Everything the follow-up report of a closed round prints, from its snapshot (no query with
    :func:`round_report_round`'s round, else one for the programme's owner)."""
    if reporting_round.snapshot is None or reporting_round.closed_at is None:
        raise RoundNotClosed(reporting_round.pk)
    closed = timezone.localdate(reporting_round.closed_at)
    rows = list(reporting_round.snapshot["measures"])
    measures = [_measure_doc(row, closed) for row in rows]
    grouped: dict[tuple[int, str], list[ReportedMeasureDoc]] = defaultdict(list)
    for row, measure in zip(rows, measures, strict=True):
        grouped[_section_of(row)].append(measure)
    sections = tuple(
        ReportSectionDoc(
            number=number, anchor=f"avsnitt-{number}", title=title, measures=tuple(group)
        )
        for (number, title), group in sorted(grouped.items())
    )
    overall, by_section, by_committee = _summaries(rows, closed)
    return RoundReportDocument(
        kind=KIND,
        round_name=reporting_round.name,
        period_from=reporting_round.period_from.isoformat(),
        period_to=reporting_round.period_to.isoformat(),
        deadline=reporting_round.deadline.isoformat(),
        closed=closed.isoformat(),
        programme=programme_cover(programme=reporting_round.programme, with_decision=True),
        status_order=STATUS_ORDER,
        overall=overall,
        by_section=by_section,
        by_committee=by_committee,
        overdue=tuple(measure for measure in measures if measure.overdue),
        sections=sections,
        parts=_parts(reporting_round.snapshot.get("parts", [])),
    )


def round_report_round(*, pk: int) -> ReportingRound:
    """The round ``pk`` with its programme and the programme's owner (one query), as the report
    and its pages need it."""
    return ReportingRound.objects.select_related("programme__owning_committee").get(pk=pk)


def round_report_is_current(job) -> bool:
    """Does the follow-up report ``job`` still print its round as it is now? A closed round is
    frozen, so only a new layout (template, stylesheet, fonts, engine) makes it outdated."""
    reporting_round = round_report_round(pk=job.reporting_round_id)
    return job.content_hash == round_report_hash(
        round_report_document(reporting_round=reporting_round)
    )
