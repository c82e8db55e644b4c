"""Reads for the programme list and the overview, with their related rows chosen once."""

from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, Q, QuerySet

from measures.models import Measure
from measures.selectors import measures_for_display, overdue_q
from programme.models import Programme
from programme.permissions import programmes_visible_to


def programme_list(*, user) -> QuerySet[Programme]:
    """The programmes ``user`` may read, with owning committee and measure counts."""
    queryset = Programme.objects.select_related("owning_committee", "based_on").annotate(
        measure_count=Count("sections__measures", distinct=True),
        section_count=Count("sections", distinct=True),
    )
    return programmes_visible_to(user, queryset)


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

    def as_query(self) -> str:
        """The filters as a query string (without "?") that the filter form reads back."""
        values = {name: value for name, value in asdict(self).items() if value}
        if self.overdue:
            values["overdue"] = "on"
        return urlencode(values)


def filtered_measures(programme: Programme, filters: OverviewFilters) -> QuerySet[Measure]:
    """The measures of ``programme`` that match ``filters``, unordered and without related rows."""
    return filter_measures(Measure.objects.filter(section__programme=programme), filters)


def filter_measures(measures: QuerySet[Measure], filters: OverviewFilters) -> QuerySet[Measure]:
    """``measures`` narrowed by ``filters``: the overview's filtering, shared with the API."""
    if filters.section:
        measures = measures.filter(section_id=filters.section)
    if filters.committee:
        measures = measures.filter(responsible_committee_id=filters.committee)
    if filters.status:
        measures = measures.filter(status=filters.status)
    if filters.focus_area:
        measures = measures.filter(focus_areas__id=filters.focus_area)
    if filters.overdue:
        measures = measures.filter(overdue_q())
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
    matching = filtered_measures(programme, filters).values("pk")
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
