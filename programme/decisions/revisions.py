"""Revising an adopted programme: a new draft, edition + 1, copied from the adopted snapshot.

The adopted programme stays adopted (and its follow-up continues) until the council adopts the
revision; then the workflow marks it superseded. The copying itself is
``programme.drafting.services.copying``, shared with extending a programme. Each copied measure inherits its predecessor's
lineage key, so the comparison can tell changed measures from added and removed ones. The
measures' current follow-up (status, progress, note, indicator value) and their whole follow-up
timeline are carried over (issue 13, item 5): the new edition's measure goes on where the adopted
one stands.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from committees.models import Committee, Partner
from core.editing import save_validated
from measures.models import FocusArea, Measure
from measures.permissions import FOLLOW_UP_FIELDS
from programme.drafting.services.copying import MeasureCopy, SectionCopy, programme_copy_contents
from programme.locks import programme_lock
from programme.models import AdoptedEdition, Programme, StatusChange
from programme.permissions import can_run_workflow

from .snapshots import programme_snapshot


def _resolve(model, refs: list[dict]) -> list:
    """Rows for snapshot references: by id, else by name; references to deleted rows are dropped."""
    ids = [r["id"] for r in refs]
    by_id = model.objects.in_bulk(ids)
    by_name = {o.name: o for o in model.objects.filter(name__in=[r["name"] for r in refs])}
    found = []
    for ref in refs:
        row = by_id.get(ref["id"]) or by_name.get(ref["name"])
        if row is not None:
            found.append(row)
    return found


def revision_in_progress(programme: Programme) -> Programme | None:
    """The draft (or submitted) revision of ``programme`` being prepared, if any."""
    return (
        programme.extensions.filter(edition=programme.edition + 1)
        .exclude(status=Programme.Status.WITHDRAWN)
        .first()
    )


@transaction.atomic
def programme_revise(*, actor, programme: Programme) -> Programme:
    """Start a revision of the adopted ``programme``: a draft copy of its adopted text."""
    programme = programme_lock(programme.pk)
    if not can_run_workflow(actor, programme):
        raise PermissionDenied(_("You may not do this."))
    if programme.status != Programme.Status.ADOPTED:
        raise ValidationError(_("Only an adopted programme can be revised."), code="not_adopted")
    existing = revision_in_progress(programme)
    if existing is not None:
        raise ValidationError(
            _("A revision (version %(version)s) is already in progress.")
            % {"version": existing.edition},
            code="revision_exists",
        )
    adopted = AdoptedEdition.objects.filter(programme=programme).first()
    # A programme adopted before editions were recorded: its frozen live text is the adopted text.
    snapshot = adopted.snapshot if adopted else programme_snapshot(programme=programme)
    revision = Programme(
        title=snapshot["title"],
        municipality=snapshot["municipality"],
        period_from=snapshot["period_from"],
        period_to=snapshot["period_to"],
        owning_committee=programme.owning_committee,
        introduction=snapshot["introduction"],
        based_on=programme,
        edition=programme.edition + 1,
    )
    save_validated(revision, actor=actor)
    StatusChange.objects.create(
        programme=revision,
        from_status="",
        to_status=Programme.Status.DRAFT,
        actor=actor,
        comment=_("Revision of version %(version)s.") % {"version": programme.edition},
    )
    live = Measure.objects.in_bulk([m["id"] for s in snapshot["sections"] for m in s["measures"]])
    programme_copy_contents(
        actor=actor,
        programme=revision,
        sections=[
            SectionCopy(
                kind=s["kind"],
                title=s["title"],
                introduction=s["introduction"],
                goals=s["goals"],
                measures=[_measure_copy(m, live.get(m["id"])) for m in s["measures"]],
            )
            for s in snapshot["sections"]
        ],
    )
    return revision


def _measure_copy(data: dict, live: Measure | None) -> MeasureCopy:
    """A snapshot's measure as a copy: its adopted plan, its live follow-up and timeline, its
    lineage key."""
    responsible = _resolve(Committee, [data["responsible_committee"]])
    target = data["indicator_target"]
    follow_up = {}
    if live is not None:
        follow_up = {name: getattr(live, name) for name in FOLLOW_UP_FIELDS}
    return MeasureCopy(
        identifier=data["identifier"],
        title=data["title"],
        responsible_committee=responsible[0] if responsible else None,
        co_responsible_committees=_resolve(Committee, data["co_responsible_committees"]),
        partners=_resolve(Partner, data["partners"]),
        focus_areas=_resolve(FocusArea, data["focus_areas"]),
        description=data["description"],
        expected_outcome=data["expected_outcome"],
        indicator=data["indicator"],
        indicator_target=None if target is None else Decimal(target),
        indicator_unit=data["indicator_unit"],
        start_date=parse_date(data["start_date"]) if data["start_date"] else None,
        due_date=parse_date(data["due_date"]) if data["due_date"] else None,
        resources=data["resources"],
        follow_up=follow_up,
        lineage_key=data["key"],
        timeline_from=live,
    )
