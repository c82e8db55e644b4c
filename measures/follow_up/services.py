"""Writes to a measure's follow-up timeline: the responsible committee's progress updates and
other committees' signed notes. Each takes the acting user and owns its transaction.

Entries are only ever added. The measure's current follow-up (status, progress, note, indicator
value) is the latest update's, written to the measure in the same transaction
(``measures.models.ProgressUpdate`` says why it is stored).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from committees import roles
from committees.models import Committee
from core.editing import ConcurrentEditError, clean_rich_text, save_locked
from measures.models import Measure, ProgressUpdate, ReportingRound
from measures.permissions import (
    can_add_progress_note,
    can_edit_measure,
    can_report_round_part,
    can_update_follow_up,
)
from programme import cache_generation, locks


def _signature(actor) -> str:
    return actor.get_full_name() or actor.get_username()


def _latest_indicator(measure: Measure, candidate: ProgressUpdate) -> Decimal | None:
    """The value that refers to the latest date; a later report about an earlier date (a
    correction of last year's figure) does not replace this year's."""
    latest = (
        ProgressUpdate.objects.filter(measure=measure, indicator_value__isnull=False)
        .exclude(pk=candidate.pk)
        .order_by("-indicator_date", "-created_at", "-pk")
        .values_list("indicator_value", "indicator_date")
        .first()
    )
    if latest is None or candidate.indicator_date >= latest[1]:
        return candidate.indicator_value
    return latest[0]


@transaction.atomic
def progress_update_create(
    *,
    actor,
    measure: Measure,
    edit_token: int,
    status: str,
    progress: int,
    note: str = "",
    indicator_value: Decimal | None = None,
    indicator_date: date | None = None,
    reporting_round: ReportingRound | None = None,
) -> ProgressUpdate:
    """Record the responsible committee's update of ``measure`` and make it the current follow-up.

    Refused unless ``can_update_follow_up``; a stale ``edit_token`` raises ``ConcurrentEditError``.
    An indicator value without a date refers to today. Given a ``reporting_round``, the update is
    that round's report, refused unless the responsible committee's part of it is open to the actor
    (``can_report_round_part``: the round open, the part not ready).
    """
    locks.programmes_lock(Q(sections__measures__id=measure.pk))
    if not can_update_follow_up(actor, measure):
        raise PermissionDenied(_("You may not update the follow-up of this measure."))
    if reporting_round is not None:
        part = (
            reporting_round.parts.select_for_update(of=("self",))
            .select_related("round__programme")
            .filter(committee_id=measure.responsible_committee_id)
            .first()
        )
        if (
            part is None
            or part.round.programme_id != measure.section.programme_id
            or not can_report_round_part(actor, part)
        ):
            raise PermissionDenied(_("This part of the round is not open to your report."))
    note = clean_rich_text({"note": note}, ["note"])["note"]
    if indicator_value is not None and not measure.indicator:
        raise ValidationError(
            {"indicator_value": _("This measure has no indicator to report a value for.")},
            code="no_indicator",
        )
    if indicator_value is None and indicator_date is not None:
        raise ValidationError(
            {"indicator_value": _("Give the value that the date refers to.")},
            code="date_without_value",
        )
    if indicator_value is not None and indicator_date is None:
        indicator_date = timezone.localdate()
    update = ProgressUpdate(
        measure=measure,
        kind=ProgressUpdate.Kind.UPDATE,
        status=status,
        progress=progress,
        note=note,
        indicator_value=indicator_value,
        indicator_date=indicator_date,
        author=actor,
        signed_by=_signature(actor),
        committee=measure.responsible_committee,
        round=reporting_round,
    )
    update.full_clean(exclude=["measure", "author", "committee", "round"])
    fields = {"status": status, "progress": progress, "progress_note": note}
    if indicator_value is not None:
        fields["indicator_value"] = _latest_indicator(measure, update)
    for name, value in fields.items():
        setattr(measure, name, value)
    # The measure row first (it holds the edit token), then the entry it now reflects.
    save_locked(measure, actor=actor, edit_token=edit_token, fields=list(fields))
    update.save()
    return update


def _note_committee(actor, measure: Measure) -> Committee | None:
    """The committee a note is signed for: the actor's co-responsible seat, else the responsible one."""
    seats = roles.committee_ids(actor)
    for committee in measure.co_responsible_committees.all():
        if committee.pk in seats:
            return committee
    return measure.responsible_committee if measure.responsible_committee_id in seats else None


@transaction.atomic
def progress_note_create(*, actor, measure: Measure, edit_token: int, note: str) -> ProgressUpdate:
    """Add ``note`` to the timeline, signed with the actor and their committee; the status, the
    progress and what others wrote stay as they were (for co-responsible committees)."""
    locks.programmes_lock(Q(sections__measures__id=measure.pk))
    if not can_add_progress_note(actor, measure):
        raise PermissionDenied(_("You may not add a progress note to this measure."))
    note = clean_rich_text({"note": note}, ["note"])["note"]
    if not strip_tags(note).strip():
        raise ValidationError({"note": _("Write the note.")}, code="required")
    # As before the timeline, a note written against an older edit token of the measure is refused,
    # so its author sees the update they missed. The note changes no column of the measure, so
    # the token stays: officers working on the update are not interrupted by notes.
    current = Measure.objects.select_for_update().get(pk=measure.pk)
    if current.edit_token != edit_token:
        raise ConcurrentEditError(current)
    return ProgressUpdate.objects.create(
        measure=measure,
        kind=ProgressUpdate.Kind.NOTE,
        note=note,
        author=actor,
        signed_by=_signature(actor),
        committee=_note_committee(actor, measure),
    )


@transaction.atomic
def progress_timeline_copy(*, actor, source: Measure, target: Measure) -> int:
    """Carry ``source``'s timeline over to ``target``, its copy in a new edition (a revision):
    every entry as it was, signed and dated as it was. Refused unless the actor may edit the
    target's draft. Returns the number of entries copied.

    The copies belong to no round: a round is of the edition it asked, and that edition keeps
    its own entries (and, once closed, its snapshot).
    """
    if not can_edit_measure(actor, target):
        raise PermissionDenied(_("You may not change this measure."))
    fields = [
        "kind",
        "status",
        "progress",
        "note",
        "indicator_value",
        "indicator_date",
        "author_id",
        "signed_by",
        "committee_id",
        "created_at",
    ]
    entries = ProgressUpdate.objects.filter(measure=source).order_by("created_at", "pk")
    copies = ProgressUpdate.objects.bulk_create(
        ProgressUpdate(measure=target, **row) for row in entries.values(*fields)
    )
    # bulk_create sends no signals: move the pages cached under the programme ourselves.
    cache_generation.bump(Q(sections__measures__id=target.pk), document=False)
    return len(copies)
