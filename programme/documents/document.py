"""The PDF's input: a plain, frozen data structure built in one place.

The template reads only these dataclasses, never model rows, so a frozen adopted snapshot can
feed the same template later, and the content hash is taken over exactly what is printed.
"""

import json
from dataclasses import dataclass
from enum import StrEnum


class DocumentKind(StrEnum):
    """Which document a PDF prints: the draft, the adopted text, or its follow-up (every field)."""

    DRAFT = "draft"
    ADOPTED = "adopted"
    FOLLOW_UP = "follow_up"


@dataclass(frozen=True)
class Decision:
    date: str
    paragraph: str
    case_number: str


@dataclass(frozen=True)
class MeasureDoc:
    identifier: str
    anchor: str
    title: str
    description: str
    expected_outcome: str
    resources: str
    responsible_committee: str
    co_responsible_committees: tuple[str, ...]
    partners: tuple[str, ...]
    focus_areas: tuple[str, ...]
    indicator: str
    indicator_target: str
    indicator_unit: str
    start_date: str
    due_date: str
    status: str
    progress: int
    progress_note: str
    indicator_value: str


@dataclass(frozen=True)
class SectionDoc:
    number: int
    anchor: str
    title: str
    introduction: str
    goals: str
    measures: tuple[MeasureDoc, ...]


@dataclass(frozen=True)
class AssignmentDoc:
    """One line of the appendix: a measure a committee is responsible for or takes part in."""

    identifier: str
    anchor: str
    title: str
    responsible: bool


@dataclass(frozen=True)
class CommitteeDoc:
    name: str
    assignments: tuple[AssignmentDoc, ...]

    @property
    def responsible_for(self) -> tuple[AssignmentDoc, ...]:
        return tuple(item for item in self.assignments if item.responsible)

    @property
    def takes_part_in(self) -> tuple[AssignmentDoc, ...]:
        return tuple(item for item in self.assignments if not item.responsible)


@dataclass(frozen=True)
class ProgrammeDocument:
    kind: str
    title: str
    municipality: str
    period: str
    edition: int
    status: str
    owning_committee: str
    introduction: str
    decision: Decision | None
    sections: tuple[SectionDoc, ...]
    committees: tuple[CommitteeDoc, ...]

    @property
    def is_draft(self) -> bool:
        return self.kind == DocumentKind.DRAFT

    @property
    def is_follow_up(self) -> bool:
        return self.kind == DocumentKind.FOLLOW_UP

    @property
    def measure_count(self) -> int:
        return sum(len(section.measures) for section in self.sections)

    def canonical_json(self) -> str:
        """The document as canonical JSON: the same content always gives the same string."""
        # Frozen dataclasses all the way down: their __dict__ is their data (faster than asdict),
        # with the keys in the order the fields are declared, which is fixed, so sorting them is
        # not needed. Plain UTF-8 instead of \u escapes, and no cycle check (dataclasses of
        # strings and tuples cannot refer to themselves). Together a third of the time, and a
        # cache hit spends most of its time here and in the queries.
        return json.dumps(
            self,
            default=vars,
            separators=(",", ":"),
            ensure_ascii=False,
            check_circular=False,
        )
