"""Writes to sections: create, edit, move, delete and bring back."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.editing import (
    apply_edit,
    clean_rich_text,
    renumber,
    save_validated,
    value_to_restore,
)
from measures.models import Measure
from measures.services import measure_restore
from programme.locks import assert_text_editable, programme_lock_for_text_change
from programme.models import Programme, Section

RICH_SECTION_FIELDS = ("introduction", "goals")
SECTION_EDIT_FIELDS = ("kind", "title", "introduction", "goals")


@transaction.atomic
def section_create(
    *,
    actor,
    programme: Programme,
    title: str,
    kind: str = Section.Kind.OTHER,
    introduction: str = "",
    goals: str = "",
) -> Section:
    """Append a section at the end of ``programme``."""
    texts = clean_rich_text({"introduction": introduction, "goals": goals}, RICH_SECTION_FIELDS)
    programme_lock_for_text_change(programme.pk)
    last = programme.sections.aggregate(last=Max("order"))["last"] or 0
    section = Section(programme=programme, title=title, kind=kind, order=last + 1, **texts)
    save_validated(section, actor=actor)
    return section


@transaction.atomic
def section_update(*, actor, section: Section, edit_token: int, **fields) -> Section:
    """Change a section's texts, refusing if someone else saved it in between."""
    assert_text_editable(section.programme)
    return apply_edit(
        section, actor=actor, edit_token=edit_token, fields=fields, rich=RICH_SECTION_FIELDS
    )


@transaction.atomic
def section_restore_value(
    *, actor, section: Section, record, field: str, edit_token: int
) -> Section:
    """Set ``field`` back to its value in the historical ``record``; itself a recorded change."""
    value = value_to_restore(record, section, field, SECTION_EDIT_FIELDS)
    return section_update(actor=actor, section=section, edit_token=edit_token, **{field: value})


@transaction.atomic
def section_move(*, actor, section: Section, position: int) -> Section:
    """Put ``section`` at ``position`` (1-based, clamped) and renumber the others."""
    programme_lock_for_text_change(section.programme_id)
    sections = list(
        Section.objects.select_for_update()
        .filter(programme_id=section.programme_id)
        .order_by("order")
    )
    moving = next(s for s in sections if s.pk == section.pk)
    sections.remove(moving)
    position = max(1, min(position, len(sections) + 1))
    sections.insert(position - 1, moving)
    renumber(sections, actor=actor)
    section.order = moving.order
    return moving


@transaction.atomic
def section_delete(*, actor, section: Section) -> None:
    """Delete ``section`` and its measures, each recorded in history; close the gap it leaves."""
    programme_lock_for_text_change(section.programme_id)
    for measure in Measure.objects.select_for_update().filter(section=section):
        measure._history_user = actor
        measure.delete()
    section._history_user = actor
    section.delete()
    rest = Section.objects.select_for_update().filter(programme_id=section.programme_id)
    renumber(list(rest.order_by("order")), actor=actor)


@transaction.atomic
def section_restore(*, actor, record) -> Section:
    """Bring back a deleted section from its deletion ``record``, at the end of its programme,
    with the measures that were deleted together with it."""
    if record.history_type != "-" or Section.objects.filter(pk=record.id).exists():
        raise ValidationError(_("This section is not deleted."), code="not_deleted")
    if not Programme.objects.filter(pk=record.programme_id).exists():
        raise ValidationError(_("The programme of this section no longer exists."), code="gone")
    programme_lock_for_text_change(record.programme_id)
    last = Section.objects.filter(programme_id=record.programme_id).aggregate(m=Max("order"))["m"]
    section = record.instance
    section.order = (last or 0) + 1
    section._history_user = actor
    section.save(force_insert=True)
    # The measures that section_delete removed in the same transaction, just before the section.
    deleted_with_it = (
        Measure.history.filter(
            section_id=record.id,
            history_type="-",
            history_date__gte=record.history_date - timedelta(minutes=1),
            history_date__lte=record.history_date,
        )
        .exclude(id__in=Measure.objects.values("id"))
        .order_by("order")
    )
    for measure_record in deleted_with_it:
        if not Measure.objects.filter(pk=measure_record.id).exists():
            measure_restore(actor=actor, record=measure_record)
    return section
