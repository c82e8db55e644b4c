"""Reads that the programme pages need, with their related rows chosen once."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from handlingsprogram.editing import history_m2m_prefetches, record_changes
from measures.models import Measure

from .models import Programme, Section
from .permissions import programmes_visible_to

# A measure past its due date in one of these is overdue.
OPEN_MEASURE_STATUSES = (Measure.Status.PLANNED, Measure.Status.ONGOING, Measure.Status.DELAYED)


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


def programme_status_counts(*, user) -> list[tuple[str, str, int]]:
    """(status, label, number) for every programme status, over the programmes ``user`` may read."""
    counts = dict(
        programmes_visible_to(user).order_by().values_list("status").annotate(n=Count("pk"))
    )
    return [(value, label, counts.get(value, 0)) for value, label in Programme.Status.choices]


@dataclass(frozen=True)
class OverviewFilters:
    """What the overview is narrowed to; every part is optional."""

    section: int | None = None
    committee: int | None = None
    status: str = ""
    focus_area: int | None = None
    overdue: bool = False
    q: str = ""

    @property
    def active(self) -> bool:
        return any(
            (self.section, self.committee, self.status, self.focus_area, self.overdue, self.q)
        )


def _filtered_measures(programme: Programme, filters: OverviewFilters) -> QuerySet[Measure]:
    measures = Measure.objects.filter(section__programme=programme)
    if filters.section:
        measures = measures.filter(section_id=filters.section)
    if filters.committee:
        measures = measures.filter(responsible_committee_id=filters.committee)
    if filters.status:
        measures = measures.filter(status=filters.status)
    if filters.focus_area:
        measures = measures.filter(focus_areas__id=filters.focus_area)
    if filters.overdue:
        measures = measures.filter(
            due_date__lt=timezone.localdate(), status__in=OPEN_MEASURE_STATUSES
        )
    if filters.q:
        measures = measures.filter(
            Q(title__icontains=filters.q)
            | Q(description__icontains=filters.q)
            | Q(expected_outcome__icontains=filters.q)
            | Q(section__title__icontains=filters.q)
        )
    return measures


def programme_overview(*, programme: Programme, filters: OverviewFilters) -> dict:
    """Sections in order with their matching measures, and counts per measure status.

    A fixed number of queries whatever the number of sections or measures.
    """
    matching = _filtered_measures(programme, filters).values("pk")
    shown = measures_for_display().filter(pk__in=matching).order_by("order")
    sections = programme.sections.order_by("order").prefetch_related(
        Prefetch("measures", queryset=shown, to_attr="shown_measures")
    )
    if filters.section:
        sections = sections.filter(pk=filters.section)
    sections = list(sections)
    counts = dict(
        Measure.objects.filter(section__programme=programme)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    status_counts = [
        (value, label, counts.get(value, 0)) for value, label in Measure.Status.choices
    ]
    return {
        "sections": sections,
        "status_counts": status_counts,
        "measure_total": sum(counts.values()),
        "matching_total": sum(len(s.shown_measures) for s in sections),
    }


def history_entries(*, obj) -> list[dict]:
    """The object's history, newest first: who, when, what kind, and the field-by-field changes."""
    records = list(
        obj.history.select_related("history_user")
        .prefetch_related(*history_m2m_prefetches(type(obj)))
        .order_by("-history_id")
    )
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        entries.append(
            {
                "record": record,
                "user": record.history_user,
                "changes": record_changes(record, previous),
            }
        )
    return entries


def deleted_in_programme(*, programme: Programme) -> dict:
    """The deleted sections and measures of ``programme`` that can be brought back."""
    deleted_sections = _latest_deletions(
        Section.history.filter(programme_id=programme.pk, history_type="-").exclude(
            id__in=Section.objects.values("id")
        )
    )
    section_ids = [*programme.sections.values_list("pk", flat=True)]
    section_ids += [r.id for r in deleted_sections]
    deleted_measures = _latest_deletions(
        Measure.history.filter(section_id__in=section_ids, history_type="-")
        .exclude(id__in=Measure.objects.values("id"))
        .select_related("history_user")
    )
    return {"sections": deleted_sections, "measures": deleted_measures}


def _latest_deletions(records) -> list:
    # An object deleted, restored and deleted again has two deletion rows: show the last.
    latest = {}
    for record in records.select_related("history_user").order_by("history_date"):
        latest[record.id] = record
    return sorted(latest.values(), key=lambda r: r.history_date, reverse=True)
