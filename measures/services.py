"""Writes to measures. Each takes the acting user and owns its transaction."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from committees.models import Committee, Partner
from committees.services import committee_grant_measure, committee_revoke_measure
from core.editing import (
    apply_edit,
    clean_rich_text,
    historical_value,
    renumber,
    save_validated,
    value_to_restore,
)
from programme import locks
from programme.locks import assert_text_editable, programme_lock_for_text_change
from programme.models import Section

from .models import FocusArea, Measure
from .permissions import FOLLOW_UP_FIELDS

# progress_note is written by the follow-up timeline (measures.follow_up.services), sanitised there.
RICH_MEASURE_FIELDS = ("description", "expected_outcome", "resources", "progress_note")
M2M_FIELDS = ("co_responsible_committees", "partners", "focus_areas")
# What may be restored from history: every field a person edits; the position has its own moves.
# Not the follow-up: its current values are the timeline's latest update, which only grows.
MEASURE_EDIT_FIELDS = (
    "title",
    "description",
    "responsible_committee",
    *M2M_FIELDS,
    "expected_outcome",
    "indicator",
    "indicator_target",
    "indicator_unit",
    "start_date",
    "due_date",
    "resources",
)


def _check_committees_active(committees: Iterable[Committee]) -> None:
    inactive = [str(c) for c in committees if not c.active]
    if inactive:
        raise ValidationError(
            {
                "co_responsible_committees": _("Not active committees: %(names)s.")
                % {"names": ", ".join(inactive)}
            },
            code="inactive_committee",
        )


@transaction.atomic
def measure_create(
    *,
    actor,
    section: Section,
    title: str,
    responsible_committee: Committee,
    co_responsible_committees: Iterable[Committee] = (),
    partners: Iterable[Partner] = (),
    focus_areas: Iterable[FocusArea] = (),
    description: str = "",
    expected_outcome: str = "",
    indicator: str = "",
    indicator_target: Decimal | None = None,
    indicator_unit: str = "",
    start_date: date | None = None,
    due_date: date | None = None,
    resources: str = "",
    status: str = Measure.Status.PLANNED,
    progress: int = 0,
    progress_note: str = "",
    indicator_value: Decimal | None = None,
) -> Measure:
    """Append a measure at the end of ``section``, with its committees, partners and focus areas.

    ``status`` to ``indicator_value`` are the follow-up it starts from (a copied measure, in a
    revision or an extension, carries its predecessor's over); from then on only progress updates change them.
    """
    co_responsible_committees = list(co_responsible_committees)
    _check_committees_active(co_responsible_committees)
    texts = clean_rich_text(
        {
            "description": description,
            "expected_outcome": expected_outcome,
            "resources": resources,
            "progress_note": progress_note,
        },
        RICH_MEASURE_FIELDS,
    )
    programme_lock_for_text_change(section.programme_id)
    last = section.measures.aggregate(last=Max("order"))["last"] or 0
    measure = Measure(
        section=section,
        order=last + 1,
        title=title,
        responsible_committee=responsible_committee,
        description=texts["description"],
        expected_outcome=texts["expected_outcome"],
        indicator=indicator,
        indicator_target=indicator_target,
        indicator_unit=indicator_unit,
        start_date=start_date,
        due_date=due_date,
        resources=texts["resources"],
        status=status,
        progress=progress,
        progress_note=texts["progress_note"],
        indicator_value=indicator_value,
    )
    save_validated(measure, actor=actor)
    measure.co_responsible_committees.set(co_responsible_committees)
    measure.partners.set(partners)
    measure.focus_areas.set(focus_areas)
    # Permissions issue: the responsible committee's group may update the follow-up.
    committee_grant_measure(committee=responsible_committee, measure=measure)
    return measure


@transaction.atomic
def measure_update(*, actor, measure: Measure, edit_token: int, **fields) -> Measure:
    """Change a measure's plan (fields and many-to-many links), refusing a stale ``edit_token``.

    Not its follow-up: that changes only as a progress update on its timeline
    (``measures.follow_up.services``), so that no report is overwritten.
    """
    follow_up = sorted(set(fields) & set(FOLLOW_UP_FIELDS))
    if follow_up:
        raise ValueError(
            f"{', '.join(follow_up)}: the follow-up changes through a progress update "
            "(measures.follow_up.services.progress_update_create), not measure_update."
        )
    locks.programmes_lock(Q(sections__measures__id=measure.pk))
    assert_text_editable(measure.section.programme)
    m2m = {name: list(fields.pop(name)) for name in M2M_FIELDS if name in fields}
    if "co_responsible_committees" in m2m:
        _check_committees_active(m2m["co_responsible_committees"])
    previous_committee_id = Measure.objects.values_list("responsible_committee_id", flat=True).get(
        pk=measure.pk
    )
    apply_edit(measure, actor=actor, edit_token=edit_token, fields=fields, rich=RICH_MEASURE_FIELDS)
    for name, values in m2m.items():
        getattr(measure, name).set(values)
    # Permissions issue: the follow-up right moves with the assignment, in this transaction.
    if measure.responsible_committee_id != previous_committee_id:
        previous = Committee.objects.get(pk=previous_committee_id)
        committee_revoke_measure(committee=previous, measure=measure)
        committee_grant_measure(committee=measure.responsible_committee, measure=measure)
    return measure


@transaction.atomic
def measure_restore_value(
    *, actor, measure: Measure, record, field: str, edit_token: int
) -> Measure:
    """Set ``field`` back to its value in the historical ``record``; itself a recorded change."""
    value = value_to_restore(record, measure, field, MEASURE_EDIT_FIELDS)
    return measure_update(actor=actor, measure=measure, edit_token=edit_token, **{field: value})


@transaction.atomic
def measure_move(*, actor, measure: Measure, section: Section, position: int) -> Measure:
    """Put ``measure`` at ``position`` (1-based, clamped) in ``section``, which may be another
    section of the same programme; both sections are renumbered so identifiers stay dense."""
    if section.programme_id != measure.section.programme_id:
        raise ValidationError(
            {"section": _("A measure can only move within its own programme.")},
            code="other_programme",
        )
    programme_lock_for_text_change(section.programme_id)
    moving = Measure.objects.select_for_update().get(pk=measure.pk)
    source_id = moving.section_id
    target = list(
        Measure.objects.select_for_update()
        .filter(section=section)
        .exclude(pk=moving.pk)
        .order_by("order")
    )
    position = max(1, min(position, len(target) + 1))
    moving.section = section
    target.insert(position - 1, moving)
    if source_id != section.pk:
        left_behind = (
            Measure.objects.select_for_update().filter(section_id=source_id).exclude(pk=moving.pk)
        )
        left = list(left_behind.order_by("order"))
        # Park the mover outside both sections' numbering before either is renumbered.
        renumber(target, actor=actor, arrived=moving, fields=["section"])
        renumber(left, actor=actor)
    else:
        renumber(target, actor=actor)
    measure.section, measure.order = moving.section, moving.order
    return moving


@transaction.atomic
def measure_reorder(*, actor, section: Section, measure_ids: list[int]) -> None:
    """Put the measures of ``section`` in the order of ``measure_ids`` (all of them, once each)."""
    programme_lock_for_text_change(section.programme_id)
    rows = {m.pk: m for m in Measure.objects.select_for_update().filter(section=section)}
    if sorted(rows) != sorted(measure_ids):
        raise ValidationError(
            _("The new order must list every measure of the section once."), code="bad_order"
        )
    renumber([rows[pk] for pk in measure_ids], actor=actor)


@transaction.atomic
def measure_delete(*, actor, measure: Measure) -> None:
    """Delete ``measure`` (recorded in history, restorable) and close the gap in its section."""
    programme_lock_for_text_change(measure.section.programme_id)
    section_id = measure.section_id
    measure._history_user = actor
    measure.delete()
    rest = Measure.objects.select_for_update().filter(section_id=section_id).order_by("order")
    renumber(list(rest), actor=actor)


@transaction.atomic
def measure_restore(*, actor, record, section: Section | None = None) -> Measure:
    """Bring back a deleted measure from its deletion ``record``, at the end of its section (or
    of ``section`` when its own is gone), with its committees, partners and focus areas."""
    if record.history_type != "-" or Measure.objects.filter(pk=record.id).exists():
        raise ValidationError(_("This measure is not deleted."), code="not_deleted")
    if section is None:
        section = Section.objects.filter(pk=record.section_id).first()
    if section is None:
        raise ValidationError(
            {"section": _("Its section was deleted too; choose where the measure goes.")},
            code="section_gone",
        )
    programme_lock_for_text_change(section.programme_id)
    # The deletion row is written after the link rows are gone: take the links from the row before.
    linked = record.prev_record or record
    links = {name: historical_value(linked, name) for name in M2M_FIELDS}
    measure = record.instance
    measure.section = section
    measure.order = (section.measures.aggregate(last=Max("order"))["last"] or 0) + 1
    measure._history_user = actor
    measure.save(force_insert=True)
    for name, values in links.items():
        getattr(measure, name).set(values)
    return measure
