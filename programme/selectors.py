"""Reads that the programme pages need, with their related rows chosen once."""

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from measures.models import Measure

from .models import Programme, Section
from .permissions import programmes_visible_to


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
