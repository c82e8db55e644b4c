"""Copying a programme's sections and measures into another draft: the one way both "extend into a
new programme" and "revise" (``programme.decisions.revisions``) fill their new draft.

The caller says *what* to copy (``SectionCopy``/``MeasureCopy``, read from live rows or from an
adopted snapshot); ``programme_copy_contents`` creates every section through ``section_create``
and every measure through ``measures.services.measure_create``, so a copied measure gets what any
new measure gets: validation, history attributed to the actor, and the follow-up permission of its
responsible committee.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from committees.models import Committee, Partner
from measures.follow_up.services import progress_timeline_copy
from measures.models import FocusArea, Measure
from measures.services import measure_create
from programme.models import MeasureLineage, Programme

from .sections import section_create

# The measure's own fields that a copy carries as they are (the services validate them again).
COPIED_FIELDS = (
    "description",
    "expected_outcome",
    "indicator",
    "indicator_target",
    "indicator_unit",
    "start_date",
    "due_date",
    "resources",
)


@dataclass(frozen=True)
class MeasureCopy:
    """One measure to copy: its plan, and optionally its follow-up and lineage key."""

    identifier: str  # the source's number ("2.3"), for messages
    title: str
    responsible_committee: Committee | None  # None: the committee no longer exists
    co_responsible_committees: list[Committee] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    focus_areas: list[FocusArea] = field(default_factory=list)
    description: str = ""
    expected_outcome: str = ""
    indicator: str = ""
    indicator_target: Decimal | None = None
    indicator_unit: str = ""
    start_date: date | None = None
    due_date: date | None = None
    resources: str = ""
    # The follow-up carried over (status, progress, progress_note, indicator_value); empty: afresh.
    follow_up: dict = field(default_factory=dict)
    # Set by a revision, so that versions can be compared measure by measure.
    lineage_key: str | None = None
    # Set by a revision: the measure whose follow-up timeline the copy carries on.
    timeline_from: Measure | None = None


@dataclass(frozen=True)
class SectionCopy:
    kind: str
    title: str
    introduction: str
    goals: str
    measures: list[MeasureCopy]


def live_contents(programme: Programme) -> list[SectionCopy]:
    """What ``programme``'s rows hold now, as copies: the plan of each measure, no follow-up."""
    measures = list(
        Measure.objects.filter(section__programme=programme)
        .select_related("section", "responsible_committee")
        .prefetch_related("co_responsible_committees", "partners", "focus_areas")
        .order_by("section__order", "order")
    )
    return [
        SectionCopy(
            kind=section.kind,
            title=section.title,
            introduction=section.introduction,
            goals=section.goals,
            measures=[
                MeasureCopy(
                    identifier=m.identifier,
                    title=m.title,
                    responsible_committee=m.responsible_committee,
                    co_responsible_committees=list(m.co_responsible_committees.all()),
                    partners=list(m.partners.all()),
                    focus_areas=list(m.focus_areas.all()),
                    **{name: getattr(m, name) for name in COPIED_FIELDS},
                )
                for m in measures
                if m.section_id == section.pk
            ],
        )
        for section in programme.sections.order_by("order")
    ]


def _check_responsible_committees(sections: list[SectionCopy]) -> None:
    """Refuse the whole copy, naming each measure, when a responsible committee is gone."""
    errors = []
    for measure in (m for s in sections for m in s.measures):
        committee = measure.responsible_committee
        if committee is None:
            errors.append(
                ValidationError(
                    _("The responsible committee of measure %(identifier)s no longer exists."),
                    code="committee_gone",
                    params={"identifier": measure.identifier},
                )
            )
        elif not committee.active:
            errors.append(
                ValidationError(
                    _(
                        "The responsible committee of measure %(identifier)s, %(committee)s, "
                        "is no longer active."
                    ),
                    code="inactive_committee",
                    params={"identifier": measure.identifier, "committee": committee},
                )
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def programme_copy_contents(
    *, actor, programme: Programme, sections: Iterable[SectionCopy]
) -> None:
    """Append ``sections`` and their measures to the draft ``programme``, in order.

    Co-responsible committees that are no longer active are left out (a new plan cannot assign
    them); a measure whose responsible committee is gone or inactive refuses the whole copy.
    """
    sections = list(sections)
    _check_responsible_committees(sections)
    for source in sections:
        section = section_create(
            actor=actor,
            programme=programme,
            title=source.title,
            kind=source.kind,
            introduction=source.introduction,
            goals=source.goals,
        )
        for m in source.measures:
            measure = measure_create(
                actor=actor,
                section=section,
                title=m.title,
                responsible_committee=m.responsible_committee,
                co_responsible_committees=[c for c in m.co_responsible_committees if c.active],
                partners=m.partners,
                focus_areas=m.focus_areas,
                **{name: getattr(m, name) for name in COPIED_FIELDS},
                **m.follow_up,
                notify=False,  # the committee had the measure already: no news
            )
            if m.lineage_key is not None:
                MeasureLineage.objects.create(measure=measure, key=m.lineage_key)
            if m.timeline_from is not None:
                progress_timeline_copy(actor=actor, source=m.timeline_from, target=measure)
