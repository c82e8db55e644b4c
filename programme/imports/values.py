"""A row's cells as a measure's values: every reference looked up (never created), every
date, number, status and progress checked; the first problem refuses the row."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from committees.models import Committee, Partner
from core.richtext import plain_as_rich_text
from measures.models import FocusArea, Measure
from measures.selectors import measures_for_display
from programme.models import Programme

RICH_FIELDS = ("description", "expected_outcome", "progress_note")
TEXT_FIELDS = {"title": 250, "indicator": 250, "indicator_unit": 50}


class Refused(Exception):
    """A cell that cannot be imported: the column's key and the reason."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key, self.message = key, message


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _items(value) -> list[str]:
    return [item.strip() for item in re.split(r"[;\n]", cell_text(value)) if item.strip()]


class Lookups:
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


def _committee(lookups: Lookups, key: str, name: str) -> Committee:
    table = (
        lookups.committee_codes if key.endswith(("code", "codes")) else (lookups.committee_names)
    )
    committee = table.get(name.lower())
    if committee is None:
        raise Refused(key, _("There is no committee “%(name)s”.") % {"name": name})
    if not committee.active:
        raise Refused(
            key, _("%(committee)s is not an active committee.") % {"committee": committee}
        )
    return committee


def _responsible(cells: dict, lookups: Lookups) -> Committee | None:
    for key in ("responsible_code", "responsible_name"):
        if cell_text(cells.get(key)):
            return _committee(lookups, key, cell_text(cells[key]))
    if "responsible_code" in cells or "responsible_name" in cells:
        raise Refused("responsible_name", _("Every measure needs a responsible committee."))
    return None


def _co_responsible(cells: dict, lookups: Lookups) -> list[Committee] | None:
    for key in ("co_responsible_codes", "co_responsible_names"):
        if key in cells:
            items = _items(cells[key])
            if key == "co_responsible_codes":
                items = [part.strip() for item in items for part in item.split(",") if part.strip()]
            return [_committee(lookups, key, item) for item in items]
    return None


def _partners(value, lookups: Lookups) -> list[Partner]:
    partners = []
    for name in _items(value):
        partner = lookups.partners.get(name.lower())
        if partner is None:
            raise Refused("partners", _("There is no partner “%(name)s”.") % {"name": name})
        partners.append(partner)
    return partners


def _focus_areas(value, lookups: Lookups) -> list[FocusArea]:
    areas = []
    for item in _items(value):
        number = re.match(r"^(\d+)\.?(\s|$)", item)
        area = (
            lookups.focus_numbers.get(int(number.group(1)))
            if number
            else lookups.focus_names.get(item.lower())
        )
        if area is None:
            raise Refused(
                "focus_areas", _("There is no national focus area “%(name)s”.") % {"name": item}
            )
        areas.append(area)
    return areas


def _decimal(value) -> Decimal | None:
    if value is None or cell_text(value) == "":
        return None
    try:
        if isinstance(value, int | float):
            number = Decimal(str(value))
        else:
            number = Decimal(
                cell_text(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
            )
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) >= 10**10:
        raise Refused("indicator_target", _("“%(value)s” is not a number.") % {"value": value})
    if number != number.quantize(Decimal("0.01")):
        raise Refused("indicator_target", _("The target value may have at most two decimals."))
    return number.quantize(Decimal("0.01"))


def _date(key: str, value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}( 00:00(:00)?)?", text):
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise Refused(key, _("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": text})


def _progress(value) -> int:
    text = cell_text(value).removesuffix("%").strip() or "0"
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or number != number.to_integral_value() or not 0 <= number <= 100:
        raise Refused(
            "progress",
            _("Progress must be a whole number from 0 to 100, not “%(value)s”.")
            % {"value": cell_text(value)},
        )
    return int(number)


def _status(value, lookups: Lookups) -> str:
    text = cell_text(value)
    status = lookups.statuses.get(text.lower()) if text else Measure.Status.PLANNED
    if status is None:
        raise Refused(
            "status",
            _("“%(value)s” is not a status; use one of: %(choices)s.")
            % {
                "value": text,
                "choices": ", ".join(str(label) for _v, label in Measure.Status.choices),
            },
        )
    return status


def row_values(cells: dict, lookups: Lookups) -> dict:
    """The measure's fields that the file's columns give, as model values."""
    values = {}
    title = cell_text(cells.get("title"))
    if not title:
        raise Refused("title", _("Every measure needs a title."))
    values["title"] = title
    for name, limit in TEXT_FIELDS.items():
        if name in cells:
            values[name] = cell_text(cells[name])
            if len(values[name]) > limit:
                raise Refused(
                    name,
                    _("At most %(limit)s characters, not %(length)s.")
                    % {"limit": limit, "length": len(values[name])},
                )
    for name in RICH_FIELDS:
        if name in cells:
            values[name] = plain_as_rich_text(cell_text(cells[name]))
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
        raise Refused("due_date", _("The due date must not be before the start date."))
    if "status" in cells:
        values["status"] = _status(cells["status"], lookups)
    if "progress" in cells:
        values["progress"] = _progress(cells["progress"])
    return values
