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
    CONSULTATION = "consultation"  # the text as sent on remiss
    SUBMISSION = "submission"  # the text submitted to the council (förslag till kommunfullmäktige)
    ADOPTED = "adopted"
    FOLLOW_UP = "follow_up"


# What each edition says on its cover and, for those not adopted, in the top margin of every
# page, so that a printed page can never pass for another edition. Swedish: the file is.
COVER_KIND_SV = {
    DocumentKind.DRAFT: "Utkast",
    DocumentKind.CONSULTATION: "Remissversion",
    DocumentKind.SUBMISSION: "Förslag till kommunfullmäktige",
    DocumentKind.ADOPTED: "Handlingsprogram",
    DocumentKind.FOLLOW_UP: "Uppföljning",
}
STAMP_SV = {
    DocumentKind.DRAFT: "UTKAST",
    DocumentKind.CONSULTATION: "REMISSVERSION",
    DocumentKind.SUBMISSION: "FÖRSLAG TILL KOMMUNFULLMÄKTIGE",
}


class PrintedDocument:
    """What the programme PDF's document and the follow-up report's share: sections of measures,
    and the canonical JSON their content hashes are taken over (``content``,
    ``round_report_content``)."""

    sections: tuple  # of sections, each with its ``measures``

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


@dataclass(frozen=True)
class Decision:
    date: str
    paragraph: str
    case_number: str


@dataclass(frozen=True)
class ProgrammeCover:
    """The programme as a document's cover names it: one definition for the programme PDF and
    the follow-up report, so the two covers name a programme alike."""

    municipality: str
    title: str
    period: str
    edition: int
    owning_committee: str
    decision: Decision | None  # the council's, where the document prints it


@dataclass(frozen=True)
class GoverningFacts:
    """The document block a Swedish municipal governing document (styrdokument) carries.

    The PDF's cover and the programme page show it; dates are ISO, as on the pages. The period of
    validity is whole years, and the programme is to be revised by the end of its period (there
    is no field for an earlier date).
    """

    decided: bool  # False until the council has decided it (then "to be decided by")
    decision_date: str
    decision_paragraph: str
    case_number: str
    valid_from: str
    valid_to: str
    owner: str  # the coordinating committee, which owns and revises the programme
    revise_by: str


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
class ProgrammeDocument(PrintedDocument):
    kind: str
    programme: ProgrammeCover  # the decision only on the adopted editions
    status: str
    introduction: str
    sections: tuple[SectionDoc, ...]
    committees: tuple[CommitteeDoc, ...]
    facts: GoverningFacts | None = None

    @property
    def is_draft(self) -> bool:
        return self.kind == DocumentKind.DRAFT

    @property
    def cover_kind(self) -> str:
        return COVER_KIND_SV[DocumentKind(self.kind)]

    @property
    def stamp(self) -> str:
        """The mark in the top margin of every page ("" for the adopted editions)."""
        return STAMP_SV.get(DocumentKind(self.kind), "")

    @property
    def is_follow_up(self) -> bool:
        return self.kind == DocumentKind.FOLLOW_UP
