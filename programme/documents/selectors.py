"""Reads for the PDF: the document's data (plain values, built in one place) and the PDF panel."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from committees.models import Committee
from core.numbers import plain_number
from measures.models import Measure
from programme.models import Programme, RenderJob
from programme.permissions import can_request_pdf, is_public, render_jobs_visible_to

from .document import (
    AssignmentDoc,
    CommitteeDoc,
    Decision,
    DocumentKind,
    MeasureDoc,
    ProgrammeDocument,
    SectionDoc,
)

PROGRAMME_STATUS_SV = {
    Programme.Status.DRAFT: "Utkast",
    Programme.Status.CONSULTATION: "På remiss",
    Programme.Status.SUBMITTED: "Överlämnat till kommunfullmäktige",
    Programme.Status.ADOPTED: "Antaget",
    Programme.Status.SUPERSEDED: "Ersatt",
    Programme.Status.WITHDRAWN: "Återkallat",
}
MEASURE_STATUS_SV = {
    Measure.Status.PLANNED: "Planerad",
    Measure.Status.ONGOING: "Pågår",
    Measure.Status.COMPLETED: "Genomförd",
    Measure.Status.DELAYED: "Försenad",
    Measure.Status.CANCELLED: "Avbruten",
}


def _number(value: Decimal | None) -> str:
    """A decimal in Swedish notation without trailing zeros: 12.50 → "12,5" (as on the pages)."""
    return plain_number(value, decimal_separator=",")


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


MEASURE_FIELDS = (
    "id",
    "section_id",
    "order",
    "title",
    "description",
    "expected_outcome",
    "resources",
    "responsible_committee__name",
    "indicator",
    "indicator_target",
    "indicator_unit",
    "start_date",
    "due_date",
    "status",
    "progress",
    "progress_note",
    "indicator_value",
)


def _names_by_measure(through, name: str, *, programme: Programme) -> dict[int, tuple[str, ...]]:
    """Names linked to each measure of ``programme`` through a many-to-many table, in display order."""
    rows = (
        through.objects.filter(measure__section__programme=programme)
        .order_by(name)
        .values_list("measure_id", name)
    )
    names: dict[int, list[str]] = defaultdict(list)
    for measure_id, value in rows:
        names[measure_id].append(value)
    return {measure_id: tuple(values) for measure_id, values in names.items()}


def _measure_document(row: dict, section_order: int, links: dict) -> MeasureDoc:
    # Rich text is stored sanitised (services) and sanitised again by the template's filter.
    identifier = f"{section_order}.{row['order']}"
    return MeasureDoc(
        identifier=identifier,
        anchor=f"atgard-{section_order}-{row['order']}",
        title=row["title"],
        description=row["description"],
        expected_outcome=row["expected_outcome"],
        resources=row["resources"],
        responsible_committee=row["responsible_committee__name"],
        co_responsible_committees=links["co"].get(row["id"], ()),
        partners=links["partners"].get(row["id"], ()),
        focus_areas=links["areas"].get(row["id"], ()),
        indicator=row["indicator"],
        indicator_target=_number(row["indicator_target"]),
        indicator_unit=row["indicator_unit"],
        start_date=_date(row["start_date"]),
        due_date=_date(row["due_date"]),
        status=MEASURE_STATUS_SV.get(row["status"], row["status"]),
        progress=row["progress"],
        progress_note=row["progress_note"],
        indicator_value=_number(row["indicator_value"]),
    )


def _committee_assignments(sections: list[SectionDoc]) -> tuple[CommitteeDoc, ...]:
    assignments: dict[str, list[AssignmentDoc]] = defaultdict(list)
    for section in sections:
        for measure in section.measures:
            committees = [(measure.responsible_committee, True)]
            committees += [(name, False) for name in measure.co_responsible_committees]
            for name, responsible in committees:
                assignments[name].append(
                    AssignmentDoc(measure.identifier, measure.anchor, measure.title, responsible)
                )
    return tuple(
        CommitteeDoc(name=name, assignments=tuple(assignments[name]))
        for name in sorted(assignments, key=str.casefold)
    )


def programme_document_context(*, programme: Programme, kind: str) -> ProgrammeDocument:
    """Everything the PDF of ``programme`` prints, as plain frozen data (see programme.documents.document).

    Reads plain values in six queries whatever the size, so that asking again for an unchanged
    programme (a cache hit on the content hash) stays fast.
    """
    through = Measure.co_responsible_committees.through, Measure.partners.through
    links = {
        "co": _names_by_measure(through[0], "committee__name", programme=programme),
        "partners": _names_by_measure(through[1], "partner__name", programme=programme),
        "areas": _focus_areas_by_measure(programme),
    }
    measures: dict[int, list[dict]] = defaultdict(list)
    rows = (
        Measure.objects.filter(section__programme=programme)
        .order_by("order")
        .values(*MEASURE_FIELDS)
    )
    for row in rows:
        measures[row["section_id"]].append(row)
    sections = [
        SectionDoc(
            number=section["order"],
            anchor=f"avsnitt-{section['order']}",
            title=section["title"],
            introduction=section["introduction"],
            goals=section["goals"],
            measures=tuple(
                _measure_document(row, section["order"], links) for row in measures[section["id"]]
            ),
        )
        for section in programme.sections.order_by("order").values(
            "id", "order", "title", "introduction", "goals"
        )
    ]
    decision = None
    if kind != DocumentKind.DRAFT and programme.decision_date:
        decision = Decision(
            date=_date(programme.decision_date),
            paragraph=programme.decision_paragraph,
            case_number=programme.case_number,
        )
    return ProgrammeDocument(
        kind=str(DocumentKind(kind)),
        title=programme.title,
        municipality=programme.municipality,
        period=programme.period,
        edition=programme.edition,
        status=PROGRAMME_STATUS_SV.get(programme.status, programme.status),
        owning_committee=Committee.objects.get(pk=programme.owning_committee_id).name,
        introduction=programme.introduction,
        decision=decision,
        sections=tuple(sections),
        committees=_committee_assignments(sections),
    )


def _focus_areas_by_measure(programme: Programme) -> dict[int, tuple[str, ...]]:
    rows = (
        Measure.focus_areas.through.objects.filter(measure__section__programme=programme)
        .order_by("focusarea__number")
        .values_list("measure_id", "focusarea__number", "focusarea__name")
    )
    areas: dict[int, list[str]] = defaultdict(list)
    for measure_id, number, name in rows:
        areas[measure_id].append(f"{number}. {name}")
    return {measure_id: tuple(values) for measure_id, values in areas.items()}


@dataclass(frozen=True)
class PdfPanel:
    """What the PDF block on the programme page shows."""

    kind: str
    can_request: bool
    latest: RenderJob | None  # the newest job the visitor may follow (live status)
    download: RenderJob | None  # the newest finished file of this kind


def pdf_kind_for(programme: Programme) -> str:
    """The kind of PDF a programme has: adopted for public programmes, draft otherwise."""
    if is_public(programme):
        return DocumentKind.ADOPTED.value
    return DocumentKind.DRAFT.value


def programme_pdf_panel(*, user, programme: Programme) -> PdfPanel:
    """The PDF state of ``programme`` for ``user``: may they ask for one, what is there to fetch."""
    kind = pdf_kind_for(programme)
    jobs = render_jobs_visible_to(
        user,
        RenderJob.objects.filter(
            programme=programme, kind=kind, programme_edition=programme.edition
        ),
    )
    download = jobs.filter(status=RenderJob.Status.DONE).exclude(file="").first()
    latest = jobs.first() if user.is_authenticated else None
    return PdfPanel(
        kind=kind,
        can_request=can_request_pdf(user, programme),
        latest=latest,
        download=download,
    )
