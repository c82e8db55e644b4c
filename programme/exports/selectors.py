"""The rows of a measure export: one per measure, in the programme's order, in a fixed number of
queries whatever the number of measures."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.richtext import rich_text_as_plain
from measures.models import Measure
from measures.selectors import measures_for_display
from programme.models import Programme
from programme.overview.selectors import OverviewFilters, filtered_measures

# Between the names of a list in one cell; names may hold commas ("Polisen, region Nord").
LIST_SEPARATOR = "; "

# What a cell may hold: the format writers keep numbers as numbers and dates as dates.
Cell = str | int | Decimal | date | None


@dataclass(frozen=True)
class Column:
    key: str  # the measure's field, or what the import reads the cell as
    label: Promise
    width: int  # in characters, for the XLSX
    long_text: bool = False  # wrapped in the XLSX


COLUMNS = (
    Column("section", _("Section"), 30),
    Column("identifier", _("Identifier"), 10),
    Column("title", _("Title"), 45, long_text=True),
    Column("description", _("Description"), 60, long_text=True),
    Column("responsible_code", _("Responsible committee (code)"), 14),
    Column("responsible_name", _("Responsible committee"), 30),
    Column("co_responsible_codes", _("Co-responsible committees (codes)"), 16),
    Column("co_responsible_names", _("Co-responsible committees"), 40, long_text=True),
    Column("partners", _("Partners"), 40, long_text=True),
    Column("focus_areas", _("National focus areas"), 40, long_text=True),
    Column("expected_outcome", _("Expected outcome"), 60, long_text=True),
    Column("indicator", _("Indicator"), 30, long_text=True),
    Column("indicator_target", _("Target value"), 12),
    Column("indicator_unit", _("Unit"), 12),
    Column("start_date", _("Start date"), 12),
    Column("due_date", _("Due date"), 12),
    Column("status", _("Status"), 14),
    Column("progress", _("Progress (%)"), 12),
    Column("progress_note", _("Progress note"), 60, long_text=True),
)


def _joined(values) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values)


def _row(measure: Measure) -> tuple[Cell, ...]:
    co_responsible = list(measure.co_responsible_committees.all())
    return (
        measure.section.title,
        measure.identifier,
        measure.title,
        rich_text_as_plain(measure.description),
        measure.responsible_committee.code,
        measure.responsible_committee.name,
        _joined(committee.code for committee in co_responsible),
        _joined(committee.name for committee in co_responsible),
        _joined(partner.name for partner in measure.partners.all()),
        _joined(measure.focus_areas.all()),
        rich_text_as_plain(measure.expected_outcome),
        measure.indicator,
        measure.indicator_target,
        measure.indicator_unit,
        measure.start_date,
        measure.due_date,
        measure.get_status_display(),
        measure.progress,
        rich_text_as_plain(measure.progress_note),
    )


def measure_export_rows(
    *, programme: Programme, filters: OverviewFilters
) -> list[tuple[Cell, ...]]:
    """The measures of ``programme`` that match ``filters``, one row each, cells as ``COLUMNS``."""
    matching = filtered_measures(programme, filters).values("pk")
    measures = measures_for_display().filter(pk__in=matching).order_by("section__order", "order")
    return [_row(measure) for measure in measures]
