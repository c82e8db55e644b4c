from django.shortcuts import render

from . import selectors
from .permissions import can_add_progress_note, can_update_follow_up


def measure_detail(request, pk: int):
    """One measure with every field."""
    measure = selectors.measure_get_visible(user=request.user, pk=pk)
    return render(
        request,
        "measures/measure_detail.html",
        {
            "measure": measure,
            "programme": measure.section.programme,
            # Permissions issue: whether to offer the follow-up form.
            "can_update_follow_up": can_update_follow_up(request.user, measure),
            "can_add_progress_note": can_add_progress_note(request.user, measure),
        },
    )
