"""Reads that the measure pages need."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from programme.permissions import programmes_visible_to

from .models import Measure


def measures_for_display() -> QuerySet[Measure]:
    """Measures with everything a list of them shows, in two or three queries whatever their number."""
    return Measure.objects.select_related("section", "responsible_committee").prefetch_related(
        "co_responsible_committees", "partners", "focus_areas"
    )


def measure_get_visible_head(*, user, pk: int) -> Measure:
    """The measure ``pk`` with only what its page shows outside the cached fragment (number and
    title) and its programme's status and ``content_version``, in one query; 404 as
    :func:`measure_get_visible`."""
    queryset = Measure.objects.select_related("section__programme").only(
        "title",
        "order",
        "section",
        "section__order",
        "section__programme",
        "section__programme__status",
        "section__programme__content_version",
    )
    visible = queryset.filter(section__programme__in=programmes_visible_to(user))
    return get_object_or_404(visible, pk=pk)


def measure_get_visible(*, user, pk: int) -> Measure:
    """The measure ``pk`` if ``user`` may read its programme; 404 otherwise."""
    queryset = measures_for_display().select_related(
        "section__programme", "section__programme__owning_committee"
    )
    visible = queryset.filter(section__programme__in=programmes_visible_to(user))
    return get_object_or_404(visible, pk=pk)
