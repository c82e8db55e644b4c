"""Writes to measures. Each takes the acting user and owns its transaction."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from committees.models import Committee, Partner
from handlingsprogram.editing import save_locked, save_validated
from handlingsprogram.richtext import sanitize_html
from programme.models import Programme, Section
from programme.workflow import assert_text_editable

from .models import FocusArea, Measure
from .permissions import FOLLOW_UP_FIELDS

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
    assert_text_editable(section.programme)
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
    return measure


@transaction.atomic
def measure_update(*, actor, measure: Measure, lock_version: int, **fields) -> Measure:
    """Change a measure's fields (and its many-to-many links), refusing a stale ``lock_version``."""
    if set(fields) - set(FOLLOW_UP_FIELDS):
        assert_text_editable(measure.section.programme)
    m2m = {
        name: list(fields.pop(name))
        for name in ("co_responsible_committees", "partners", "focus_areas")
        if name in fields
    }
    if "co_responsible_committees" in m2m:
        _check_committees_active(m2m["co_responsible_committees"])
    for name, value in fields.items():
        setattr(measure, name, sanitize_html(value) if name in RICH_MEASURE_FIELDS else value)
    save_locked(measure, actor=actor, lock_version=lock_version)
    for name, values in m2m.items():
        getattr(measure, name).set(values)
    return measure
