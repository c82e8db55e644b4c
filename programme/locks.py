"""The one rule for locking: the programme's row first, then the writer's own rows.

Every writer keeps this order, so the cache-generation bump at the end of a change never waits
in a cycle (a follow-up save holding a measure while a text edit holding the programme waits for
that measure). Services whose first lock would otherwise be a measure, an invitation or a render
job call :func:`programmes_lock` at their start.

What freezes the text: a programme's metadata, sections and measures can be changed only while
it is a **draft**. In consultation the committees comment on a fixed text; submitted, adopted,
superseded and withdrawn programmes are records. Follow-up fields of measures stay changeable in
every status: they are not part of the adopted text.
"""

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Programme
from .permissions import EDITABLE_STATUSES

TEXT_EDITABLE_STATUSES = frozenset(EDITABLE_STATUSES)


def programmes_lock(condition: Q) -> None:
    """Lock the programmes that ``condition`` selects (inside the caller's transaction)."""
    rows = Programme.objects.select_for_update(of=("self",)).filter(condition)
    list(rows.values_list("pk", flat=True))


def programme_lock(pk: int) -> Programme:
    """Lock and return the programme ``pk`` (inside the caller's transaction)."""
    return Programme.objects.select_for_update().get(pk=pk)


def status_label(status: str) -> str:
    try:
        return str(Programme.Status(status).label).lower()
    except ValueError:
        return str(status)


def assert_text_editable(programme: Programme) -> None:
    """Refuse a change to the text of ``programme`` unless it is a draft.

    Inside a transaction it reads the status from the locked row, so a change cannot slip in
    while a transition is being applied.
    """
    rows = Programme.objects.filter(pk=programme.pk)
    if connection.in_atomic_block:
        rows = rows.select_for_update()
    status = rows.values_list("status", flat=True).first() or programme.status
    if status not in TEXT_EDITABLE_STATUSES:
        raise ValidationError(
            _(
                "The text of a programme that is %(status)s cannot be changed. "
                "Only a draft can be edited."
            )
            % {"status": status_label(status)},
            code="text_frozen",
        )


def programme_lock_for_text_change(programme_id: int) -> Programme:
    """Hold the programme row (one writer of its structure at a time) and refuse unless its text
    may change. Services that add, move, delete or restore sections and measures call it."""
    programme = programme_lock(programme_id)
    assert_text_editable(programme)
    return programme
