"""Writes to the yearly reporting rounds (årlig uppföljning). Each takes the acting user, owns its
transaction and locks the programme row first (``programme.locks``), then its own rows.

A round's life, and each asked committee's part of it, are the transitions below (data, as the
programme's pipeline in ``programme.decisions.transitions``)::

    round:  open ──close──▶ closed              (freezes the snapshot; nothing changes after)
    part:   open ──mark_ready──▶ ready ──reopen──▶ open   (a ready part is locked)

The committees' reports themselves are progress updates marked with the round
(``services.progress_update_create`` with ``reporting_round``).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.models import Committee
from measures.models import Measure, ProgressUpdate, ReportingRound, RoundPart
from measures.permissions import (
    can_close_round,
    can_manage_rounds,
    can_reopen_round_part,
    can_report_round_part,
)
from programme import locks
from programme.models import Programme

from . import round_selectors, services

Part = RoundPart.State
Round = ReportingRound.State


@dataclass(frozen=True)
class RoundTransition:
    name: str
    label: str
    permission: Callable  # (user, part or round) -> bool


PART_TRANSITIONS: dict[tuple[str, str], RoundTransition] = {
    (Part.OPEN, Part.READY): RoundTransition(
        "mark_ready", gettext_lazy("Mark our part ready"), can_report_round_part
    ),
    (Part.READY, Part.OPEN): RoundTransition(
        "reopen", gettext_lazy("Reopen the part"), can_reopen_round_part
    ),
}
ROUND_TRANSITIONS: dict[tuple[str, str], RoundTransition] = {
    (Round.OPEN, Round.CLOSED): RoundTransition(
        "close", gettext_lazy("Close the round"), can_close_round
    ),
}


def _allowed(table: dict, current: str, target: str, actor, row) -> None:
    transition = table.get((current, target))
    if transition is None or not transition.permission(actor, row):
        raise PermissionDenied(_("This step is not open to you now."))


def _locked_part(part: RoundPart) -> RoundPart:
    locks.programme_lock(part.round.programme_id)
    return (
        RoundPart.objects.select_for_update(of=("self",))
        .select_related("round__programme", "committee")
        .get(pk=part.pk)
    )


@transaction.atomic
def round_open(
    *,
    actor,
    programme: Programme,
    name: str,
    period_from: date,
    period_to: date,
    deadline: date,
    committees: Iterable[Committee] | None = None,
) -> ReportingRound:
    """Open a round of ``programme`` asking ``committees`` (by default every committee
    responsible for one of its measures) to report on their measures by ``deadline``."""
    programme = locks.programme_lock(programme.pk)
    if not can_manage_rounds(actor, programme):
        raise PermissionDenied(_("You may not open a follow-up round of this programme."))
    responsible = set(
        Measure.objects.filter(section__programme=programme).values_list(
            "responsible_committee_id", flat=True
        )
    )
    asked = responsible if committees is None else {committee.pk for committee in committees}
    if not asked:
        raise ValidationError(
            {"committees": _("Choose at least one committee.")}, code="no_committees"
        )
    if asked - responsible:
        raise ValidationError(
            {"committees": _("Ask only committees responsible for a measure in this programme.")},
            code="not_responsible",
        )
    reporting_round = ReportingRound(
        programme=programme,
        name=name,
        period_from=period_from,
        period_to=period_to,
        deadline=deadline,
        opened_by=actor,
    )
    reporting_round.full_clean(exclude=["opened_by", "closed_by"])
    reporting_round.save()
    RoundPart.objects.bulk_create(
        RoundPart(round=reporting_round, committee_id=pk) for pk in sorted(asked)
    )
    # bulk_create sends no signals: the pages cached under the programme must still move.
    reporting_round.save(update_fields=["name"])
    return reporting_round


@transaction.atomic
def round_part_save(*, actor, part: RoundPart, entries: list[dict]) -> list[ProgressUpdate]:
    """Add the committee's reports for this round: one progress update per entry (``measure``,
    ``edit_token``, ``status``, ``progress``, ``note``, ``indicator_value``,
    ``indicator_date``), each marked with the round. Refused as a whole unless the part is open
    to the actor and every measure is one its committee is responsible for."""
    part = _locked_part(part)
    if not can_report_round_part(actor, part):
        raise PermissionDenied(_("This part of the round is not open to your report."))
    own = set(round_selectors.part_measures(part).values_list("pk", flat=True))
    if any(entry["measure"].pk not in own for entry in entries):
        raise PermissionDenied(_("Report only on your committee's measures."))
    return [
        services.progress_update_create(actor=actor, reporting_round=part.round, **entry)
        for entry in entries
    ]


@transaction.atomic
def round_part_mark_ready(
    *,
    actor,
    part: RoundPart,
    decision_date: date | None = None,
    decision_paragraph: str = "",
    case_number: str = "",
) -> RoundPart:
    """Mark the committee's part ready (klar), with its own decision if it took one; the part is
    then locked until the coordinator reopens it."""
    part = _locked_part(part)
    _allowed(PART_TRANSITIONS, part.state, Part.READY, actor, part)
    part.state = Part.READY
    part.ready_at = timezone.now()
    part.ready_by = actor
    part.decision_date = decision_date
    part.decision_paragraph = decision_paragraph.strip()
    part.case_number = case_number.strip()
    part.full_clean(exclude=["round", "committee", "ready_by"])
    part.save()
    return part


@transaction.atomic
def round_part_reopen(*, actor, part: RoundPart) -> RoundPart:
    """Unlock a ready part so its committee can report again (the coordinator only)."""
    part = _locked_part(part)
    _allowed(PART_TRANSITIONS, part.state, Part.OPEN, actor, part)
    part.state = Part.OPEN
    part.ready_at = None
    part.ready_by = None
    part.save()
    return part


def _json(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


@transaction.atomic
def round_close(*, actor, reporting_round: ReportingRound) -> ReportingRound:
    """Close the round and freeze every measure's follow-up as reported in it (its latest update
    in the round, else the measure's follow-up at closing, marked as not reported)."""
    locks.programme_lock(reporting_round.programme_id)
    reporting_round = (
        ReportingRound.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=reporting_round.pk)
    )
    _allowed(ROUND_TRANSITIONS, reporting_round.state, Round.CLOSED, actor, reporting_round)
    measures = [
        {key: _json(value) for key, value in row.items()}
        for row in round_selectors.round_rows_live(reporting_round)
    ]
    parts = [
        {
            "committee_id": part.committee_id,
            "committee": part.committee.name,
            "ready": part.is_ready,
            "ready_at": part.ready_at.isoformat() if part.ready_at else None,
            "decision_date": _json(part.decision_date),
            "decision_paragraph": part.decision_paragraph,
            "case_number": part.case_number,
        }
        for part in reporting_round.parts.select_related("committee")
    ]
    reporting_round.state = Round.CLOSED
    reporting_round.closed_at = timezone.now()
    reporting_round.closed_by = actor
    reporting_round.snapshot = {"measures": measures, "parts": parts}
    reporting_round.save()
    return reporting_round
