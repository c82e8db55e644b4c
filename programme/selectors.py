"""Reads that the programme pages need, with their related rows chosen once."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from handlingsprogram.richtext import sanitize_html
from measures.models import Measure

from .document import (
    AssignmentDoc,
    CommitteeDoc,
    Decision,
    DocumentKind,
    MeasureDoc,
    ProgrammeDocument,
    SectionDoc,
)
from .models import Programme, RenderJob, Section
from .permissions import PUBLIC_STATUSES, can_request_pdf, programmes_visible_to


def programme_list(*, user) -> QuerySet[Programme]:
    """The programmes ``user`` may read, with owning committee and measure counts."""
    queryset = Programme.objects.select_related("owning_committee", "based_on").annotate(
        measure_count=Count("sections__measures", distinct=True),
        section_count=Count("sections", distinct=True),
    )
    return programmes_visible_to(user, queryset)


def measures_for_display() -> QuerySet[Measure]:
    """Measures with everything a list of them shows, in two or three queries whatever their number."""
    return Measure.objects.select_related("section", "responsible_committee").prefetch_related(
        "co_responsible_committees", "partners", "focus_areas"
    )


def programme_get_visible(*, user, pk: int) -> Programme:
    """The programme ``pk`` if ``user`` may read it; 404 otherwise, so a draft's existence is hidden."""
    queryset = Programme.objects.select_related("owning_committee", "based_on")
    return get_object_or_404(programmes_visible_to(user, queryset), pk=pk)


def programme_sections(*, programme: Programme) -> list[Section]:
    """The programme's sections in order, each with its measures in order."""
    return list(
        programme.sections.order_by("order").prefetch_related(
            Prefetch("measures", queryset=measures_for_display().order_by("order"))
        )
    )


# The PDF is a Swedish document: its labels are Swedish whatever the visitor's language.
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
    """A decimal in Swedish notation without trailing zeros: 12.50 → "12,5"."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _measure_document(measure: Measure, section: Section) -> MeasureDoc:
    return MeasureDoc(
        identifier=f"{section.order}.{measure.order}",
        anchor=f"atgard-{section.order}-{measure.order}",
        title=measure.title,
        description=sanitize_html(measure.description),
        expected_outcome=sanitize_html(measure.expected_outcome),
        resources=sanitize_html(measure.resources),
        responsible_committee=measure.responsible_committee.name,
        co_responsible_committees=tuple(c.name for c in measure.co_responsible_committees.all()),
        partners=tuple(p.name for p in measure.partners.all()),
        focus_areas=tuple(str(area) for area in measure.focus_areas.all()),
        indicator=measure.indicator,
        indicator_target=_number(measure.indicator_target),
        indicator_unit=measure.indicator_unit,
        start_date=_date(measure.start_date),
        due_date=_date(measure.due_date),
        status=MEASURE_STATUS_SV.get(measure.status, measure.status),
        progress=measure.progress,
        progress_note=sanitize_html(measure.progress_note),
        indicator_value=_number(measure.indicator_value),
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
    """Everything the PDF of ``programme`` prints, as plain frozen data (see programme.document)."""
    sections = []
    for section in programme_sections(programme=programme):
        measures = tuple(_measure_document(m, section) for m in section.measures.all())
        sections.append(
            SectionDoc(
                number=section.order,
                anchor=f"avsnitt-{section.order}",
                title=section.title,
                introduction=sanitize_html(section.introduction),
                goals=sanitize_html(section.goals),
                measures=measures,
            )
        )
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
        version=programme.version,
        status=PROGRAMME_STATUS_SV.get(programme.status, programme.status),
        owning_committee=programme.owning_committee.name,
        introduction=sanitize_html(programme.introduction),
        decision=decision,
        sections=tuple(sections),
        committees=_committee_assignments(sections),
    )


@dataclass(frozen=True)
class PdfPanel:
    """What the PDF block on the programme page shows."""

    kind: str
    can_request: bool
    latest: RenderJob | None  # the newest job the visitor may follow (live status)
    download: RenderJob | None  # the newest finished file of this edition


def pdf_kind_for(programme: Programme) -> str:
    """The edition a programme's PDF is: adopted for public programmes, draft otherwise."""
    if programme.status in PUBLIC_STATUSES:
        return DocumentKind.ADOPTED.value
    return DocumentKind.DRAFT.value


def programme_pdf_panel(*, user, programme: Programme) -> PdfPanel:
    """The PDF state of ``programme`` for ``user``: may they ask for one, what is there to fetch."""
    kind = pdf_kind_for(programme)
    jobs = RenderJob.objects.filter(
        programme=programme, kind=kind, programme_version=programme.version
    )
    download = jobs.filter(status=RenderJob.Status.DONE).exclude(file="").first()
    latest = jobs.first() if user.is_authenticated else None
    return PdfPanel(
        kind=kind,
        can_request=can_request_pdf(user, programme),
        latest=latest,
        download=download,
    )
