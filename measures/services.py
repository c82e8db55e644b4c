"""Writes to measures. Each takes the acting user and owns its transaction."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from committees import roles
from committees.models import Committee, Partner
from committees.services import committee_grant_measure, committee_revoke_measure
from handlingsprogram.editing import save_locked, save_validated
from handlingsprogram.richtext import sanitize_html
from programme.models import Programme, Section

from .models import FocusArea, Measure
from .permissions import FOLLOW_UP_FIELDS, can_add_progress_note, can_update_follow_up

RICH_MEASURE_FIELDS = ("description", "expected_outcome", "resources", "progress_note")


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
) -> Measure:
    """Append a measure at the end of ``section``, with its committees, partners and focus areas."""
    co_responsible_committees = list(co_responsible_committees)
    _check_committees_active(co_responsible_committees)
    Programme.objects.select_for_update().filter(pk=section.programme_id).first()
    last = section.measures.aggregate(last=Max("order"))["last"] or 0
    measure = Measure(
        section=section,
        order=last + 1,
        title=title,
        responsible_committee=responsible_committee,
        description=sanitize_html(description),
        expected_outcome=sanitize_html(expected_outcome),
        indicator=indicator,
        indicator_target=indicator_target,
        indicator_unit=indicator_unit,
        start_date=start_date,
        due_date=due_date,
        resources=sanitize_html(resources),
        status=status,
        progress=progress,
    )
    save_validated(measure, actor=actor)
    measure.co_responsible_committees.set(co_responsible_committees)
    measure.partners.set(partners)
    measure.focus_areas.set(focus_areas)
    # Permissions issue: the responsible committee's group may update the follow-up.
    committee_grant_measure(committee=responsible_committee, measure=measure)
    return measure


@transaction.atomic
def measure_update(*, actor, measure: Measure, lock_version: int, **fields) -> Measure:
    """Change a measure's fields (and its many-to-many links), refusing a stale ``lock_version``."""
    m2m = {
        name: list(fields.pop(name))
        for name in ("co_responsible_committees", "partners", "focus_areas")
        if name in fields
    }
    if "co_responsible_committees" in m2m:
        _check_committees_active(m2m["co_responsible_committees"])
    previous_committee_id = Measure.objects.values_list("responsible_committee_id", flat=True).get(
        pk=measure.pk
    )
    for name, value in fields.items():
        setattr(measure, name, sanitize_html(value) if name in RICH_MEASURE_FIELDS else value)
    save_locked(measure, actor=actor, lock_version=lock_version)
    for name, values in m2m.items():
        getattr(measure, name).set(values)
    # Permissions issue: the follow-up right moves with the assignment, in this transaction.
    if measure.responsible_committee_id != previous_committee_id:
        previous = Committee.objects.get(pk=previous_committee_id)
        committee_revoke_measure(committee=previous, measure=measure)
        committee_grant_measure(committee=measure.responsible_committee, measure=measure)
    return measure


@transaction.atomic
def measure_update_follow_up(*, actor, measure: Measure, lock_version: int, **fields) -> Measure:
    """Change only the follow-up fields (status, progress, note, indicator value), if ``actor`` may."""
    not_follow_up = sorted(set(fields) - set(FOLLOW_UP_FIELDS))
    if not_follow_up:
        raise PermissionDenied(
            _("Only the follow-up can be changed here, not: %(fields)s.")
            % {"fields": ", ".join(not_follow_up)}
        )
    if not can_update_follow_up(actor, measure):
        raise PermissionDenied(_("You may not update the follow-up of this measure."))
    for name, value in fields.items():
        setattr(measure, name, sanitize_html(value) if name in RICH_MEASURE_FIELDS else value)
    save_locked(measure, actor=actor, lock_version=lock_version)
    return measure


def _note_committee(actor, measure: Measure) -> Committee | None:
    """The committee a note is signed for: the actor's co-responsible seat, else the responsible one."""
    seats = roles.committee_ids(actor)
    for committee in measure.co_responsible_committees.all():
        if committee.pk in seats:
            return committee
    return measure.responsible_committee if measure.responsible_committee_id in seats else None


@transaction.atomic
def measure_add_progress_note(*, actor, measure: Measure, lock_version: int, note: str) -> Measure:
    """Append ``note``, signed with the actor's committee and today's date, to the progress note.

    For co-responsible committees: what others wrote, the status and the progress stay as they were.
    """
    if not can_add_progress_note(actor, measure):
        raise PermissionDenied(_("You may not add a progress note to this measure."))
    if not note.strip():
        raise ValidationError({"note": _("Write the note.")}, code="required")
    committee = _note_committee(actor, measure)
    signature = _("%(who)s, %(date)s:") % {
        "who": committee.name if committee else actor.get_full_name() or actor.get_username(),
        "date": timezone.localdate().isoformat(),
    }
    addition = f"<p><strong>{escape(signature)}</strong></p>{sanitize_html(note)}"
    measure.progress_note = sanitize_html(f"{measure.progress_note}{addition}")
    save_locked(measure, actor=actor, lock_version=lock_version)
    return measure
