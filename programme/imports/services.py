"""Apply a previewed import: every row through the measure services, in one transaction."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.models import Committee, Partner
from core.editing import ConcurrentEditError
from measures.follow_up.services import progress_update_create
from measures.models import FocusArea, Measure
from measures.permissions import FOLLOW_UP_FIELDS
from measures.services import measure_create, measure_update
from programme.locks import programme_lock_for_text_change
from programme.models import Programme
from programme.permissions import can_import_measures

CHANGED_SINCE_PREVIEW = gettext_lazy(
    "The programme has changed since the preview. Upload the file again to see what the import "
    "would do now."
)


class ImportRefused(Exception):
    """The import wrote nothing: the message says why (with the row, when one row is the cause)."""


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def _objects(rows: list[dict]) -> dict:
    """The committees, partners and focus areas that the rows name, read once."""
    ids = {"committees": set(), "partners": set(), "focus_areas": set()}
    for row in rows:
        values = row["values"]
        if "responsible_committee" in values:
            ids["committees"].add(values["responsible_committee"])
        ids["committees"].update(values.get("co_responsible_committees", ()))
        ids["partners"].update(values.get("partners", ()))
        ids["focus_areas"].update(values.get("focus_areas", ()))
    return {
        "committees": Committee.objects.in_bulk(ids["committees"]),
        "partners": Partner.objects.in_bulk(ids["partners"]),
        "focus_areas": FocusArea.objects.in_bulk(ids["focus_areas"]),
    }


def _fields(values: dict, objects: dict) -> dict:
    """The stored values (JSON) as the measure services take them."""
    fields = dict(values)
    for name in ("start_date", "due_date"):
        if fields.get(name):
            fields[name] = date.fromisoformat(fields[name])
    if fields.get("indicator_target") is not None:
        fields["indicator_target"] = Decimal(fields["indicator_target"])
    if "responsible_committee" in fields:
        fields["responsible_committee"] = objects["committees"][fields["responsible_committee"]]
    for name, table in (
        ("co_responsible_committees", "committees"),
        ("partners", "partners"),
        ("focus_areas", "focus_areas"),
    ):
        if name in fields:
            fields[name] = [objects[table][pk] for pk in fields[name]]
    return fields


def _update(actor, measure: Measure, edit_token: int, fields: dict) -> None:
    """The text through ``measure_update``; a changed follow-up as one progress update on the
    measure's timeline (the only way its follow-up changes)."""
    follow_up = {name: fields.pop(name) for name in FOLLOW_UP_FIELDS if name in fields}
    if fields:
        measure = measure_update(actor=actor, measure=measure, edit_token=edit_token, **fields)
        edit_token = measure.edit_token
    if follow_up:
        progress_update_create(
            actor=actor,
            measure=measure,
            edit_token=edit_token,
            status=follow_up.get("status", measure.status),
            progress=follow_up.get("progress", measure.progress),
            note=follow_up.get("progress_note", measure.progress_note),
            indicator_value=follow_up.get("indicator_value", measure.indicator_value),
        )


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


@transaction.atomic
def measures_import(
    *, actor, programme: Programme, rows: list[dict], content_generation: int
) -> ImportResult:
    """Create and change the measures of a previewed import (``ImportPlan.stored()``), or
    nothing: refused if ``programme`` changed since the preview (``content_generation``)."""
    if not can_import_measures(actor, programme):
        raise PermissionDenied(_("You may not import measures into this programme."))
    locked = programme_lock_for_text_change(programme.pk)
    if locked.content_generation != content_generation:
        raise ImportRefused(CHANGED_SINCE_PREVIEW)
    objects = _objects(rows)
    sections = {section.pk: section for section in locked.sections.all()}
    created = updated = 0
    for row in rows:
        fields = _fields(row["values"], objects)
        try:
            if row["measure"] is None:
                measure_create(actor=actor, section=sections[row["section"]], **fields)
                created += 1
            else:
                measure = Measure.objects.get(pk=row["measure"], section__programme=locked)
                _update(actor, measure, row["edit_token"], fields)
                updated += 1
        except (ConcurrentEditError, Measure.DoesNotExist, KeyError) as error:
            # ConcurrentEditError is a ValidationError too: it must be caught first.
            raise ImportRefused(CHANGED_SINCE_PREVIEW) from error
        except ValidationError as error:
            raise ImportRefused(
                _("Row %(row)s: %(reason)s") % {"row": row["number"], "reason": _message(error)}
            ) from error
    return ImportResult(created=created, updated=updated)
