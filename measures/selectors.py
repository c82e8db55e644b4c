"""Reads that the measure pages need."""

from django.shortcuts import get_object_or_404

from programme.permissions import programmes_visible_to
from programme.selectors import measures_for_display

from .models import Measure


def measure_get_visible(*, user, pk: int) -> Measure:
    """The measure ``pk`` if ``user`` may read its programme; 404 otherwise."""
    queryset = measures_for_display().select_related(
        "section__programme", "section__programme__owning_committee"
    )
    visible = queryset.filter(section__programme__in=programmes_visible_to(user))
    return get_object_or_404(visible, pk=pk)
