"""Shared helpers for the PDF tests: a Swedish programme document and PDF inspection."""

import io
import re
import zlib
from dataclasses import fields as dataclass_fields

from pypdf import PdfReader

from programme.documents.document import (
    AssignmentDoc,
    CommitteeDoc,
    Decision,
    DocumentKind,
    GoverningFacts,
    MeasureDoc,
    ProgrammeCover,
    ProgrammeDocument,
    SectionDoc,
)

SECTION_TITLES = ("Prostitution", "Människohandel", "Köp av sexuella tjänster")


def measure_doc(section: int, order: int, **overrides) -> MeasureDoc:
    fields = {
        "identifier": f"{section}.{order}",
        "anchor": f"atgard-{section}-{order}",
        "title": f"Samverkansrutiner för åtgärd {section}.{order} – särskilt stöd",
        "description": "<p>Socialtjänsten och Polisen tar fram gemensamma rutiner.</p>",
        "expected_outcome": "<ul><li>Fler får stöd i tid.</li></ul>",
        "resources": "<p>Ryms inom befintlig budget.</p>",
        "responsible_committee": "Socialnämnden",
        "co_responsible_committees": ("Kommunstyrelsen",),
        "partners": ("Polisen", "Region Västerbotten"),
        "focus_areas": ("3. Förbättrad förmåga att upptäcka prostitution och människohandel",),
        "indicator": "Andel utbildad personal",
        "indicator_target": "80,5",
        "indicator_unit": "%",
        "start_date": "2026-01-01",
        "due_date": "2027-06-30",
        "status": "Pågår",
        "progress": 40,
        "progress_note": "<p>Utbildningen är halvvägs genomförd.</p>",
        "indicator_value": "42",
    }
    fields.update(overrides)
    return MeasureDoc(**fields)


COVER_FIELDS = frozenset(field.name for field in dataclass_fields(ProgrammeCover))


def programme_doc(kind: str = DocumentKind.DRAFT, *, measures_per_section: int = 2, **overrides):
    """A Skellefteå programme as ``kind``; ``overrides`` name fields of the document or of its
    cover (``title``, ``edition``, …)."""
    decided = kind in (DocumentKind.ADOPTED, DocumentKind.FOLLOW_UP)
    sections = tuple(
        SectionDoc(
            number=number,
            anchor=f"avsnitt-{number}",
            title=title,
            introduction="<p>Läget i Skellefteå: många nya invånare och företag.</p>",
            goals="<ul><li>Minskad efterfrågan på sexuella tjänster.</li></ul>",
            measures=tuple(
                measure_doc(number, order) for order in range(1, measures_per_section + 1)
            ),
        )
        for number, title in enumerate(SECTION_TITLES, start=1)
    )
    cover = {
        "municipality": "Skellefteå kommun",
        "title": "Handlingsprogram mot prostitution, människohandel och köp av sexuella tjänster",
        "period": "2020–2023",
        "edition": 2,
        "owning_committee": "Socialnämnden",
        "decision": Decision("2020-02-25", "KF § 123", "KS 2019-000123") if decided else None,
    }
    fields = {
        "kind": str(kind),
        "status": "Antaget" if kind == DocumentKind.ADOPTED else "Utkast",
        "introduction": "<p>Programmet utvidgar åtgärdsplanen från 2019.</p>",
        "sections": sections,
        "facts": GoverningFacts(
            decided=decided,
            decision_date="2020-02-25" if decided else "",
            decision_paragraph="KF § 123" if decided else "",
            case_number="KS 2019-000123" if decided else "",
            valid_from="2020-01-01",
            valid_to="2023-12-31",
            owner="Socialnämnden",
            revise_by="2023-12-31",
        ),
        "committees": (
            CommitteeDoc(
                "Kommunstyrelsen",
                (AssignmentDoc("1.1", "atgard-1-1", sections[0].measures[0].title, False),),
            ),
            CommitteeDoc(
                "Socialnämnden",
                (AssignmentDoc("1.1", "atgard-1-1", sections[0].measures[0].title, True),),
            ),
        ),
    }
    for name, value in overrides.items():
        (cover if name in COVER_FIELDS else fields)[name] = value
    return ProgrammeDocument(programme=ProgrammeCover(**cover), **fields)


def reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def page_texts(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader(content).pages]


def xmp(content: bytes) -> str:
    root = reader(content).trailer["/Root"]
    return root["/Metadata"].get_object().get_data().decode("utf-8")


def raw_streams(content: bytes) -> bytes:
    """The file with every Flate stream inflated, to search for bytes that must not be there."""
    chunks = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.DOTALL):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(chunks)
