"""What an import would do: each row creates a measure or changes one (old → new per field), or
is refused with its row number and reason. Reads only; a fixed number of queries."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from committees.models import Committee, Partner
from core.richtext import plain_as_rich_text, rich_text_as_plain
from measures.models import FocusArea, Measure
from measures.selectors import measures_for_display
from programme.exports.selectors import COLUMNS, LIST_SEPARATOR
from programme.models import Programme

from .reading import SourceRow

LABELS = {column.key: column.label for column in COLUMNS}
RICH_FIELDS = ("description", "expected_outcome", "progress_note")
TEXT_FIELDS = {"title": 250, "indicator": 250, "indicator_unit": 50}
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
    lock_version: int | None = None
    values: dict = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)

    def stored(self) -> dict:
        return {
            "number": self.number,
            "section": self.section_id,
            "measure": self.measure_id,
            "lock_version": self.lock_version,
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


class _Refused(Exception):
    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key, self.message = key, message


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _items(value) -> list[str]:
    return [item.strip() for item in re.split(r"[;\n]", _text(value)) if item.strip()]


class _Lookups:
    """Everything a row is checked against, read once for the whole file."""

    def __init__(self, programme: Programme):
        self.sections = {s.title.strip().lower(): s for s in programme.sections.all()}
        self.measures = {
            m.identifier: m for m in measures_for_display().filter(section__programme=programme)
        }
        committees = list(Committee.objects.all())
        self.committee_codes = {c.code.lower(): c for c in committees}
        self.committee_names = {c.name.lower(): c for c in committees}
        self.partners = {p.name.lower(): p for p in Partner.objects.all()}
        areas = list(FocusArea.objects.all())
        self.focus_numbers = {a.number: a for a in areas}
        self.focus_names = {a.name.lower(): a for a in areas}
        self.statuses = {}
        for language in ("en", "sv"):
            with translation.override(language):
                self.statuses.update({str(label).lower(): v for v, label in Measure.Status.choices})
        self.statuses.update({value: value for value in Measure.Status.values})


def _committee(lookups: _Lookups, key: str, name: str) -> Committee:
    table = (
        lookups.committee_codes if key.endswith(("code", "codes")) else (lookups.committee_names)
    )
    committee = table.get(name.lower())
    if committee is None:
        raise _Refused(key, _("There is no committee “%(name)s”.") % {"name": name})
    if not committee.active:
        raise _Refused(
            key, _("%(committee)s is not an active committee.") % {"committee": committee}
        )
    return committee


def _responsible(cells: dict, lookups: _Lookups) -> Committee | None:
    for key in ("responsible_code", "responsible_name"):
        if _text(cells.get(key)):
            return _committee(lookups, key, _text(cells[key]))
    if "responsible_code" in cells or "responsible_name" in cells:
        raise _Refused("responsible_name", _("Every measure needs a responsible committee."))
    return None


def _co_responsible(cells: dict, lookups: _Lookups) -> list[Committee] | None:
    for key in ("co_responsible_codes", "co_responsible_names"):
        if key in cells:
            items = _items(cells[key])
            if key == "co_responsible_codes":
                items = [part.strip() for item in items for part in item.split(",") if part.strip()]
            return [_committee(lookups, key, item) for item in items]
    return None


def _partners(value, lookups: _Lookups) -> list[Partner]:
    partners = []
    for name in _items(value):
        partner = lookups.partners.get(name.lower())
        if partner is None:
            raise _Refused("partners", _("There is no partner “%(name)s”.") % {"name": name})
        partners.append(partner)
    return partners


def _focus_areas(value, lookups: _Lookups) -> list[FocusArea]:
    areas = []
    for item in _items(value):
        number = re.match(r"^(\d+)\.?(\s|$)", item)
        area = (
            lookups.focus_numbers.get(int(number.group(1)))
            if number
            else lookups.focus_names.get(item.lower())
        )
        if area is None:
            raise _Refused(
                "focus_areas", _("There is no national focus area “%(name)s”.") % {"name": item}
            )
        areas.append(area)
    return areas


def _decimal(value) -> Decimal | None:
    if value is None or _text(value) == "":
        return None
    try:
        if isinstance(value, int | float):
            number = Decimal(str(value))
        else:
            number = Decimal(_text(value).replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) >= 10**10:
        raise _Refused("indicator_target", _("“%(value)s” is not a number.") % {"value": value})
    if number != number.quantize(Decimal("0.01")):
        raise _Refused("indicator_target", _("The target value may have at most two decimals."))
    return number.quantize(Decimal("0.01"))


def _date(key: str, value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}( 00:00(:00)?)?", text):
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise _Refused(key, _("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": text})


def _progress(value) -> int:
    text = _text(value).removesuffix("%").strip() or "0"
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or number != number.to_integral_value() or not 0 <= number <= 100:
        raise _Refused(
            "progress",
            _("Progress must be a whole number from 0 to 100, not “%(value)s”.")
            % {"value": _text(value)},
        )
    return int(number)


def _status(value, lookups: _Lookups) -> str:
    text = _text(value)
    status = lookups.statuses.get(text.lower()) if text else Measure.Status.PLANNED
    if status is None:
        raise _Refused(
            "status",
            _("“%(value)s” is not a status; use one of: %(choices)s.")
            % {
                "value": text,
                "choices": ", ".join(str(label) for _v, label in Measure.Status.choices),
            },
        )
    return status


def _values(cells: dict, lookups: _Lookups) -> dict:
    """The measure's fields that the file's columns give, as model values."""
    values = {}
    title = _text(cells.get("title"))
    if not title:
        raise _Refused("title", _("Every measure needs a title."))
    values["title"] = title
    for name, limit in TEXT_FIELDS.items():
        if name in cells:
            values[name] = _text(cells[name])
            if len(values[name]) > limit:
                raise _Refused(
                    name,
                    _("At most %(limit)s characters, not %(length)s.")
                    % {"limit": limit, "length": len(values[name])},
                )
    for name in RICH_FIELDS:
        if name in cells:
            values[name] = plain_as_rich_text(_text(cells[name]))
    responsible = _responsible(cells, lookups)
    if responsible is not None:
        values["responsible_committee"] = responsible
    co_responsible = _co_responsible(cells, lookups)
    if co_responsible is not None:
        values["co_responsible_committees"] = co_responsible
    if "partners" in cells:
        values["partners"] = _partners(cells["partners"], lookups)
    if "focus_areas" in cells:
        values["focus_areas"] = _focus_areas(cells["focus_areas"], lookups)
    if "indicator_target" in cells:
        values["indicator_target"] = _decimal(cells["indicator_target"])
    for name in ("start_date", "due_date"):
        if name in cells:
            values[name] = _date(name, cells[name])
    start, due = values.get("start_date"), values.get("due_date")
    if start and due and due < start:
        raise _Refused("due_date", _("The due date must not be before the start date."))
    if "status" in cells:
        values["status"] = _status(cells["status"], lookups)
    if "progress" in cells:
        values["progress"] = _progress(cells["progress"])
    return values


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
    lookups = _Lookups(programme)
    planned, errors, claimed = [], [], {}
    for row in rows:
        cells = row.cells
        try:
            section_title = _text(cells.get("section"))
            section = lookups.sections.get(section_title.lower())
            if section is None:
                raise _Refused(
                    "section",
                    _("There is no section “%(title)s” in this programme.")
                    % {"title": section_title},
                )
            values = _values(cells, lookups)
            identifier = _text(cells.get("identifier"))
            measure = lookups.measures.get(identifier) if identifier else None
            if measure is not None and measure.section_id != section.pk:
                raise _Refused(
                    "section",
                    _("Measure %(identifier)s is in section “%(section)s”; move it on its page.")
                    % {"identifier": identifier, "section": measure.section.title},
                )
            if measure is not None and measure.pk in claimed:
                raise _Refused(
                    "identifier",
                    _("Row %(row)s already changes measure %(identifier)s.")
                    % {"row": claimed[measure.pk], "identifier": identifier},
                )
            if measure is None and "responsible_committee" not in values:
                raise _Refused(
                    "responsible_name", _("Every measure needs a responsible committee.")
                )
        except _Refused as refused:
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
            entry.lock_version = measure.lock_version
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
