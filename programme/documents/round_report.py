"""The follow-up report's input: a reporting round as plain, frozen data.

Built in one place (``round_report_selectors.round_report_document``) from the closed round's
snapshot, never from the live tables, so the report says what the committees reported when the
round closed; the content hash is taken over exactly what is printed, as for the programme PDF.
"""

from dataclasses import dataclass

from .document import Decision, PrintedDocument, ProgrammeCover

KIND = "round_report"


@dataclass(frozen=True)
class StatusCount:
    status: str  # the measure status code, which the chart's colours follow
    label: str
    count: int


@dataclass(frozen=True)
class SummaryRow:
    """One bar of a chart and one row of the table beside it: a section or a committee."""

    label: str
    counts: tuple[StatusCount, ...]
    overdue: int

    @property
    def total(self) -> int:
        return sum(item.count for item in self.counts)


@dataclass(frozen=True)
class Chart:
    """A summary drawn as SVG and the same numbers as rows. ``svg`` is a ``data:`` URI of the
    dashboard's stacked bars (``measures.follow_up.chart``), empty without rows."""

    caption: str
    description: str  # the chart's text alternative in the tagged PDF
    svg: str
    rows: tuple[SummaryRow, ...]


@dataclass(frozen=True)
class ReportedMeasureDoc:
    identifier: str
    anchor: str
    title: str
    committee: str
    reported: bool
    status: str
    progress: int
    indicator: str
    indicator_value: str
    indicator_target: str
    indicator_unit: str
    indicator_date: str
    due_date: str
    overdue: bool
    note: str
    reported_at: str
    signed_by: str


@dataclass(frozen=True)
class ReportSectionDoc:
    number: int
    anchor: str
    title: str
    measures: tuple[ReportedMeasureDoc, ...]


@dataclass(frozen=True)
class PartDoc:
    """One asked committee's part of the round: when it reported, under which decision."""

    committee: str
    ready: bool
    ready_date: str
    decision: Decision | None


@dataclass(frozen=True)
class RoundReportDocument(PrintedDocument):
    kind: str
    round_name: str
    period_from: str
    period_to: str
    deadline: str
    closed: str  # the closing date: what "overdue" is measured against
    programme: ProgrammeCover
    status_order: tuple[str, ...]  # the status codes in legend order (the charts' colours)
    overall: Chart
    by_section: Chart
    by_committee: Chart
    overdue: tuple[ReportedMeasureDoc, ...]
    sections: tuple[ReportSectionDoc, ...]
    parts: tuple[PartDoc, ...]

    @property
    def reported_count(self) -> int:
        return sum(m.reported for section in self.sections for m in section.measures)
