"""Writes to programmes and sections. Each takes the acting user and owns its transaction."""

from django.db import transaction
from django.db.models import Max

from committees.models import Committee
from handlingsprogram.editing import save_locked, save_validated
from handlingsprogram.richtext import sanitize_html

from .models import Programme, Section
from .workflow import assert_text_editable

RICH_PROGRAMME_FIELDS = ("introduction",)
RICH_SECTION_FIELDS = ("introduction", "goals")


@transaction.atomic
def programme_create(
    *,
    actor,
    title: str,
    municipality: str,
    period_from: int,
    period_to: int,
    owning_committee: Committee,
    introduction: str = "",
    based_on: Programme | None = None,
) -> Programme:
    """Create a draft programme."""
    programme = Programme(
        title=title,
        municipality=municipality,
        period_from=period_from,
        period_to=period_to,
        owning_committee=owning_committee,
        introduction=sanitize_html(introduction),
        based_on=based_on,
    )
    save_validated(programme, actor=actor)
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, lock_version: int, **fields) -> Programme:
    """Change a programme's metadata, refusing if someone else saved it in between."""
    assert_text_editable(programme)
    for name, value in fields.items():
        setattr(programme, name, sanitize_html(value) if name in RICH_PROGRAMME_FIELDS else value)
    save_locked(programme, actor=actor, lock_version=lock_version)
    return programme


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
    assert_text_editable(programme)
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    last = programme.sections.aggregate(last=Max("order"))["last"] or 0
    section = Section(
        programme=programme,
        title=title,
        kind=kind,
        introduction=sanitize_html(introduction),
        goals=sanitize_html(goals),
        order=last + 1,
    )
    save_validated(section, actor=actor)
    return section


@transaction.atomic
def section_update(*, actor, section: Section, lock_version: int, **fields) -> Section:
    """Change a section's texts, refusing if someone else saved it in between."""
    assert_text_editable(section.programme)
    for name, value in fields.items():
        setattr(section, name, sanitize_html(value) if name in RICH_SECTION_FIELDS else value)
    save_locked(section, actor=actor, lock_version=lock_version)
    return section
