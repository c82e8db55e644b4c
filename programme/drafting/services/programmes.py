"""Writes to a programme's own fields, and the extension of an earlier plan into a new one."""

from django.db import transaction

from committees.models import Committee
from core.editing import (
    apply_edit,
    clean_rich_text,
    save_validated,
    value_to_restore,
)
from programme.locks import assert_text_editable
from programme.models import Programme

from .copying import live_contents, programme_copy_contents

RICH_PROGRAMME_FIELDS = ("introduction",)
# What a coordinator edits and may restore from history; status and decision belong to the workflow.
PROGRAMME_EDIT_FIELDS = (
    "title",
    "municipality",
    "period_from",
    "period_to",
    "owning_committee",
    "introduction",
)


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
    texts = clean_rich_text({"introduction": introduction}, RICH_PROGRAMME_FIELDS)
    programme = Programme(
        title=title,
        municipality=municipality,
        period_from=period_from,
        period_to=period_to,
        owning_committee=owning_committee,
        introduction=texts["introduction"],
        based_on=based_on,
    )
    save_validated(programme, actor=actor)
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, edit_token: int, **fields) -> Programme:
    """Change a programme's metadata, refusing if someone else saved it in between."""
    assert_text_editable(programme)
    return apply_edit(
        programme, actor=actor, edit_token=edit_token, fields=fields, rich=RICH_PROGRAMME_FIELDS
    )


@transaction.atomic
def programme_restore_value(
    *, actor, programme: Programme, record, field: str, edit_token: int
) -> Programme:
    """Set ``field`` back to its value in the historical ``record``; itself a recorded change."""
    value = value_to_restore(record, programme, field, PROGRAMME_EDIT_FIELDS)
    return programme_update(
        actor=actor, programme=programme, edit_token=edit_token, **{field: value}
    )


@transaction.atomic
def programme_extend(
    *,
    actor,
    base: Programme,
    title: str,
    period_from: int,
    period_to: int,
    owning_committee: Committee,
    municipality: str | None = None,
    introduction: str | None = None,
) -> Programme:
    """Start a new draft from ``base``: copy its sections and measures and record ``based_on``.

    Measures keep their plan (texts, committees, partners, focus areas, indicator, dates) and
    start their follow-up afresh; the copying is ``copying.programme_copy_contents``, shared with
    revisions. The base programme is not changed.
    """
    programme = programme_create(
        actor=actor,
        title=title,
        municipality=municipality or base.municipality,
        period_from=period_from,
        period_to=period_to,
        owning_committee=owning_committee,
        introduction=base.introduction if introduction is None else introduction,
        based_on=base,
    )
    programme_copy_contents(actor=actor, programme=programme, sections=live_contents(base))
    return programme
