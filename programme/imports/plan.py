"""What an import would do: each row creates a measure or changes one (old → new per field), or
is refused with its row number and reason. Reads only; a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from core.richtext import rich_text_as_plain
from measures.models import Measure
from programme.exports.selectors import COLUMNS, LIST_SEPARATOR
from programme.models import Programme

from .reading import SourceRow
from .values import RICH_FIELDS, Lookups, Refused, cell_text, row_values

LABELS = {column.key: column.label for column in COLUMNS}
M2M_FIELDS = ("co_responsible_committees", "partners", "focus_areas")
# Field → the column whose label names it in a change or an error.
FIELD_COLUMNS = {
    "responsible_committee": "responsible_name",
    "co_responsible_committees": "co_responsible_names",
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class PlannedRow:
    """One row that passed: its target and the values to write, as JSON can hold them."""

    number: int
    section_id: int
    section_title: str
    title: str
    measure_id: int | None = None  # None: a new measure
    identifier: str = ""
    edit_token: int | None = None
    values: dict = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)

    def stored(self) -> dict:
        return {
            "number": self.number,
            "section": self.section_id,
            "measure": self.measure_id,
            "edit_token": self.edit_token,
            "values": self.values,
        }


@dataclass
class ImportPlan:
    rows: list[PlannedRow]
    errors: list[RowError]

    @property
    def creates(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.measure_id is None]

    @property
    def updates(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.measure_id is not None and row.changes]

    @property
    def unchanged(self) -> int:
        return sum(1 for row in self.rows if row.measure_id is not None and not row.changes)

    def stored(self) -> list[dict]:
        """What the confirmation applies: the rows that write something."""
        return [row.stored() for row in self.creates + self.updates]


def _shown(name: str, value) -> str:
    """A value as the preview shows it."""
    if value is None:
        return ""
    if name in RICH_FIELDS:
        return rich_text_as_plain(value)
    if name in M2M_FIELDS:
        return LIST_SEPARATOR.join(str(item) for item in value)
    if name == "status":
        return str(Measure.Status(value).label)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _current(measure: Measure, name: str):
    if name in M2M_FIELDS:
        return list(getattr(measure, name).all())
    return getattr(measure, name)


def _same(name: str, old, new) -> bool:
    if name in RICH_FIELDS:
        # Plain text cannot carry bold or italics: the same words are no change, and the
        # measure keeps its formatting.
        return rich_text_as_plain(old or "") == rich_text_as_plain(new or "")
    if name in M2M_FIELDS:
        return sorted(item.pk for item in old) == sorted(item.pk for item in new)
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return (old is None and new is None) or (
            old is not None and new is not None and Decimal(old) == Decimal(new)
        )
    return old == new


def _label(name: str) -> str:
    return str(LABELS.get(FIELD_COLUMNS.get(name, name), name))


def _stored(name: str, value):
    """A value as JSON holds it between the preview and the confirmation."""
    if name in M2M_FIELDS:
        return sorted(item.pk for item in value)
    if name == "responsible_committee":
        return value.pk
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def import_plan(*, programme: Programme, rows: list[SourceRow]) -> ImportPlan:
    """What importing ``rows`` into ``programme`` would create and change, and every row error."""
    lookups = Lookups(programme)
    planned, errors, claimed = [], [], {}
    for row in rows:
        cells = row.cells
        try:
            section_title = cell_text(cells.get("section"))
            section = lookups.sections.get(section_title.lower())
            if section is None:
                raise Refused(
                    "section",
                    _("There is no section “%(title)s” in this programme.")
                    % {"title": section_title},
                )
            values = row_values(cells, lookups)
            identifier = cell_text(cells.get("identifier"))
            measure = lookups.measures.get(identifier) if identifier else None
            if measure is not None and measure.section_id != section.pk:
                raise Refused(
                    "section",
                    _("Measure %(identifier)s is in section “%(section)s”; move it on its page.")
                    % {"identifier": identifier, "section": measure.section.title},
                )
            if measure is not None and measure.pk in claimed:
                raise Refused(
                    "identifier",
                    _("Row %(row)s already changes measure %(identifier)s.")
                    % {"row": claimed[measure.pk], "identifier": identifier},
                )
            if measure is None and "responsible_committee" not in values:
                raise Refused("responsible_name", _("Every measure needs a responsible committee."))
        except Refused as refused:
            errors.append(RowError(row.number, str(LABELS[refused.key]), refused.message))
            continue
        entry = PlannedRow(
            number=row.number,
            section_id=section.pk,
            section_title=section.title,
            title=values["title"],
        )
        if measure is not None:
            # Only what differs is written: an unchanged export changes nothing.
            claimed[measure.pk] = row.number
            entry.measure_id, entry.identifier = measure.pk, identifier
            entry.edit_token = measure.edit_token
            values = {
                name: value
                for name, value in values.items()
                if not _same(name, _current(measure, name), value)
            }
            entry.changes = [
                Change(_label(name), _shown(name, _current(measure, name)), _shown(name, value))
                for name, value in values.items()
            ]
        entry.values = {name: _stored(name, value) for name, value in values.items()}
        planned.append(entry)
    return ImportPlan(rows=planned, errors=errors)
