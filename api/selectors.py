"""The API's reads, each choosing its related rows once so that a list page's query count does not
grow with its rows. What a caller may read is asked of ``programme.permissions`` (as the pages do);
the measures are narrowed by the overview's own filters (``programme.overview.selectors``)."""

from datetime import datetime

from django.db.models import Max, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from committees.models import Committee
from measures.follow_up.round_selectors import round_rows
from measures.models import FocusArea, Measure, ProgressUpdate, ReportingRound, RoundPart
from measures.permissions import can_view_follow_up_details, rounds_visible_to
from measures.selectors import measure_timeline, measures_for_display
from programme.decisions.selectors import adopted_editions
from programme.models import AdoptedEdition, Programme, Section
from programme.overview.selectors import OverviewFilters, filter_measures
from programme.permissions import PUBLIC_STATUSES, programmes_visible_to, visible_statuses


def programmes_for(*, user) -> QuerySet[Programme]:
    """The programmes ``user`` may read, with their adopted edition and base in the same query."""
    queryset = Programme.objects.select_related("adopted_edition", "based_on").order_by("pk")
    return programmes_visible_to(user, queryset)


def programme_editions(*, programme: Programme) -> list[AdoptedEdition]:
    """The adopted editions of ``programme``'s chain of revisions, newest first.

    Public records: each is the text a council decision adopted."""
    return adopted_editions(programme=programme)


def public_programme_changed(*, user, pk: int) -> tuple[str, datetime] | None:
    """(ETag, Last-Modified) of an adopted or superseded programme ``user`` may read, else None.

    The ETag follows ``content_generation``, which moves with anything shown about the programme
    (programme.cache_generation), and the statuses the caller reads (what ``based_on`` shows);
    Last-Modified is the latest of the programme's own change and its editions' adoption.
    """
    programme = (
        programmes_visible_to(user, Programme.objects.filter(status__in=PUBLIC_STATUSES))
        .filter(pk=pk)
        .values("content_generation", "updated_at", "based_on_id")
        .first()
    )
    if programme is None:
        return None

    statuses = visible_statuses(user)
    audience = "all" if statuses is None else ".".join(sorted(statuses))
    etag = f'"programme-{pk}-{programme["content_generation"]}-{audience}"'
    chain = [pk, programme["based_on_id"]]
    adopted_at = AdoptedEdition.objects.filter(programme_id__in=chain).aggregate(
        latest=Max("adopted_at")
    )["latest"]
    modified = max(filter(None, (programme["updated_at"], adopted_at)))
    return etag, modified


def sections_for(*, user, programme_id: int | None = None) -> QuerySet[Section]:
    """The sections of the programmes ``user`` may read, in programme and reading order."""
    sections = Section.objects.filter(programme__in=programmes_visible_to(user))
    if programme_id is not None:
        sections = sections.filter(programme_id=programme_id)
    return sections.order_by("programme_id", "order")


def measures_for(
    *, user, filters: OverviewFilters, programme_id: int | None = None
) -> QuerySet[Measure]:
    """The measures ``user`` may read, narrowed as the overview narrows them, with their
    committees, partners and focus areas in a fixed number of queries."""
    measures = Measure.objects.filter(section__programme__in=programmes_visible_to(user))
    if programme_id is not None:
        measures = measures.filter(section__programme_id=programme_id)
    matching = filter_measures(measures, filters).values("pk")
    return (
        measures_for_display()
        .filter(pk__in=matching)
        .order_by("section__programme_id", "section__order", "order")
    )


def measure_get(*, user, pk: int) -> Measure:
    """One measure ``user`` may read; 404 otherwise (a draft's measure is not revealed)."""
    return get_object_or_404(measures_for(user=user, filters=OverviewFilters()), pk=pk)


def timeline_of(*, user, measure: Measure) -> list[ProgressUpdate]:
    """The entries of ``measure``'s timeline that ``user`` may read, as its page shows them."""
    return measure_timeline(user=user, measure=measure)


def rounds_for(
    *, user, programme_id: int | None = None, state: str | None = None, with_reports: bool = False
) -> QuerySet[ReportingRound]:
    """The reporting rounds ``user`` may read (``measures.permissions.rounds_visible_to``), each
    with its parts and their committees, in two queries whatever their number. The frozen
    reports (``snapshot``) are read only ``with_reports``: a list does not show them."""
    parts = RoundPart.objects.select_related("committee").order_by("committee__name", "pk")
    rounds = rounds_visible_to(user).prefetch_related(Prefetch("parts", queryset=parts))
    if not with_reports:
        rounds = rounds.defer("snapshot")
    if programme_id is not None:
        rounds = rounds.filter(programme_id=programme_id)
    if state:
        rounds = rounds.filter(state=state)
    return rounds.order_by("programme_id", "-period_to", "-pk")


def round_reports(*, reporting_round: ReportingRound) -> list[dict]:
    """Each measure as reported in the round: the frozen snapshot once closed, else live (the
    round page's own rows)."""
    return round_rows(reporting_round)


def reads_signatures(*, user) -> bool:
    """Does ``user`` read who signed the reports (not the public)?"""
    return can_view_follow_up_details(user)


def committees_all() -> QuerySet[Committee]:
    """Every committee: committees are not secret, every public programme names them."""
    return Committee.objects.order_by("name", "pk")


def focus_areas_all() -> QuerySet[FocusArea]:
    """The national focus areas, in their numbering."""
    return FocusArea.objects.order_by("number")
