"""Reads for the PDF: the document's data (plain values, built in one place) and the PDF panel."""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import caches

from measures.models import Measure, ReportingRound
from measures.permissions import ROUND_STATUSES, can_download_round_report
from programme.models import Programme, RenderJob
from programme.permissions import can_request_pdf, is_public, render_jobs_visible_to

from . import content
from .common import MEASURE_STATUS_SV, PROGRAMME_STATUS_SV, number_sv, programme_cover
from .document import (
    AssignmentDoc,
    CommitteeDoc,
    DocumentKind,
    GoverningFacts,
    MeasureDoc,
    ProgrammeDocument,
    SectionDoc,
)
from .round_report_selectors import round_report_is_current

logger = logging.getLogger(__name__)


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
        indicator_target=number_sv(row["indicator_target"]),
        indicator_unit=row["indicator_unit"],
        start_date=_date(row["start_date"]),
        due_date=_date(row["due_date"]),
        status=MEASURE_STATUS_SV.get(row["status"], row["status"]),
        progress=row["progress"],
        progress_note=row["progress_note"],
        indicator_value=number_sv(row["indicator_value"]),
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


def governing_facts(*, programme: Programme, owner: str, decided: bool) -> GoverningFacts:
    """The governing-document block of ``programme`` (decision fields only once ``decided``).

    An adopted programme may lack the decision's details (one adopted before this system kept
    them, as the demo's 2019 plan): it is still decided by the council, with the details empty.
    """
    decision = (
        (_date(programme.decision_date), programme.decision_paragraph, programme.case_number)
        if decided and programme.decision_date
        else ("", "", "")
    )
    return GoverningFacts(
        decided=decided,
        decision_date=decision[0],
        decision_paragraph=decision[1],
        case_number=decision[2],
        valid_from=f"{programme.period_from}-01-01",
        valid_to=f"{programme.period_to}-12-31",
        owner=owner,
        revise_by=f"{programme.period_to}-12-31",
    )


def programme_governing_facts(*, programme: Programme) -> GoverningFacts:
    """The block for the programme page: the decision once the council has taken it."""
    return governing_facts(
        programme=programme,
        owner=programme.owning_committee.name,
        decided=is_public(programme),
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
    # Only the adopted editions print the decision: a proposal or a remiss version has none yet.
    decided = kind in (DocumentKind.ADOPTED, DocumentKind.FOLLOW_UP)
    cover = programme_cover(programme=programme, with_decision=decided)
    return ProgrammeDocument(
        kind=str(DocumentKind(kind)),
        programme=cover,
        status=PROGRAMME_STATUS_SV.get(programme.status, programme.status),
        introduction=programme.introduction,
        sections=tuple(sections),
        committees=_committee_assignments(sections),
        facts=governing_facts(programme=programme, owner=cover.owning_committee, decided=decided),
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


def programme_content_hash(*, programme: Programme, kind: str) -> tuple[str, str]:
    """The content hash and download name of ``programme``'s document as ``kind``, as it is now.

    Remembered under the programme's ``document_generation``, read before the document is built
    (so what is remembered is never older than its key; see ``programme.cache_generation``), and
    the layout fingerprint: asking again for an unchanged programme builds no document.
    """
    generation = Programme.objects.values_list("document_generation", flat=True).get(
        pk=programme.pk
    )
    key = (
        f"pdf-hash:{programme.pk}:{DocumentKind(kind).value}:{generation}:"
        f"{content.layout_fingerprint()}"
    )
    cache = caches[settings.PAGE_CACHE_ALIAS]
    try:
        remembered = cache.get(key)
    except Exception:  # a cache that fails costs the document build, nothing else
        logger.warning("cache unavailable for the PDF content hash", exc_info=True)
        remembered = None
    if remembered is not None:
        return remembered
    document = programme_document_context(programme=programme, kind=kind)
    remembered = (content.content_hash(document), content.document_filename(document))
    try:
        cache.set(key, remembered, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("cache unavailable for the PDF content hash", exc_info=True)
    return remembered


@dataclass(frozen=True)
class RoundReportEntry:
    """A closed round's follow-up report, as the programme page offers it."""

    round: ReportingRound
    latest: RenderJob | None  # the newest job the visitor may follow (live status)
    download: RenderJob | None  # the newest finished file


@dataclass(frozen=True)
class PdfPanel:
    """What the PDF block on the programme page shows."""

    kind: str
    can_request: bool
    latest: RenderJob | None  # the newest job the visitor may follow (live status)
    download: RenderJob | None  # the newest finished file of this kind whose content is current
    # The newest finished file made before the programme last changed, shown (marked as
    # outdated) only to those who can ask for a new one; readers are never offered it.
    outdated: RenderJob | None = None
    round_reports: tuple[RoundReportEntry, ...] = ()

    @property
    def rendered_by_the_system(self) -> bool:
        """Is this kind rendered without anyone asking (so a download link can ask for it)?"""
        return self.kind in SYSTEM_KINDS


# Rendered by the system when the programme reaches the status (or on the first download):
# readers of these kinds never depend on a coordinator asking for a PDF.
SYSTEM_KINDS = (
    DocumentKind.CONSULTATION.value,
    DocumentKind.SUBMISSION.value,
    DocumentKind.ADOPTED.value,
)


def pdf_kind_for(programme: Programme) -> str:
    """The edition a programme's PDF is now: adopted for public programmes, the remiss version
    in consultation, the proposal to the council once submitted, a draft otherwise."""
    if is_public(programme):
        return DocumentKind.ADOPTED.value
    if programme.status == Programme.Status.SUBMITTED:
        return DocumentKind.SUBMISSION.value
    if programme.status == Programme.Status.CONSULTATION:
        return DocumentKind.CONSULTATION.value
    return DocumentKind.DRAFT.value


def render_job_is_current(*, job: RenderJob) -> bool:
    """Does ``job``'s file, of any kind, still print what it is of as it is now (same content,
    same layout)? A programme PDF compares with the programme, a follow-up report with its round."""
    if job.kind == RenderJob.Kind.ROUND_REPORT:
        return round_report_is_current(job)
    current, _name = programme_content_hash(programme=job.programme, kind=job.kind)
    return job.content_hash == current


def programme_pdf_panel(*, user, programme: Programme) -> PdfPanel:
    """The PDF state of ``programme`` for ``user``: may they ask for one, what is there to fetch.

    A finished file whose content no longer matches the programme (a measure was deleted
    after it was made, the layout changed) is never the one offered for download.

    The overview asks this on every request, so the usual cases cost one query of jobs: no job
    yet, or a newest job that is a finished, current file (it is then also the newest file and
    the download). Older jobs are read only when the newest one is not that.
    """
    kind = pdf_kind_for(programme)
    jobs = render_jobs_visible_to(
        user,
        RenderJob.objects.filter(
            programme=programme, kind=kind, programme_edition=programme.edition
        ),
    )
    finished = jobs.filter(status=RenderJob.Status.DONE).exclude(file="")
    if user.is_authenticated:
        latest = jobs.first()
        newest = latest if latest is None or latest.has_file else finished.first()
    else:  # the public follows no job, it fetches the file
        latest = None
        newest = finished.first()
    download = outdated = None
    if newest is not None:
        current, _name = programme_content_hash(programme=programme, kind=kind)
        if newest.content_hash == current:
            download = newest
        else:
            download = finished.filter(content_hash=current).first()
        if newest != download and can_request_pdf(user, programme):
            outdated = newest
    return PdfPanel(
        kind=kind,
        can_request=can_request_pdf(user, programme),
        latest=latest,
        download=download,
        outdated=outdated,
        round_reports=round_report_entries(user=user, programme=programme),
    )


def round_report_entries(*, user, programme: Programme) -> tuple[RoundReportEntry, ...]:
    """The closed rounds of ``programme`` whose follow-up report ``user`` may download, newest
    first, each with its newest job and file (two queries whatever the number of rounds)."""
    if programme.status not in ROUND_STATUSES:
        return ()  # only a programme in force (or superseded) has rounds: no query for drafts
    rounds = []
    closed = ReportingRound.objects.filter(
        programme=programme, state=ReportingRound.State.CLOSED
    ).defer("snapshot")  # the snapshot is the report's content, not the page's
    for reporting_round in closed.order_by("-period_to", "-pk"):
        reporting_round.programme = programme
        if can_download_round_report(user, reporting_round):
            rounds.append(reporting_round)
    if not rounds:
        return ()
    jobs = render_jobs_visible_to(
        user,
        RenderJob.objects.filter(
            programme=programme, kind=RenderJob.Kind.ROUND_REPORT, reporting_round__in=rounds
        ),
    )
    latest: dict[int, RenderJob] = {}
    download: dict[int, RenderJob] = {}
    for job in jobs.order_by("-requested_at", "-pk"):
        latest.setdefault(job.reporting_round_id, job)
        if job.has_file:
            download.setdefault(job.reporting_round_id, job)
    return tuple(
        RoundReportEntry(
            round=reporting_round,
            latest=latest.get(reporting_round.pk) if user.is_authenticated else None,
            download=download.get(reporting_round.pk),
        )
        for reporting_round in rounds
    )


def consultation_round_pdf(*, consultation) -> RenderJob | None:
    """The finished remiss version of ``consultation`` (a ``ConsultationRound``), if there is one.

    The text cannot change while a round is open, so any remiss-version file asked for between
    its sending and its closing prints the text it sent.
    """
    jobs = RenderJob.objects.filter(
        programme_id=consultation.programme_id,
        kind=DocumentKind.CONSULTATION,
        status=RenderJob.Status.DONE,
        requested_at__gte=consultation.sent_at,
    ).exclude(file="")
    if consultation.closed_at is not None:
        jobs = jobs.filter(requested_at__lte=consultation.closed_at)
    return jobs.order_by("requested_at", "pk").first()
