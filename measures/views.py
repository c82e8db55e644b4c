from django.shortcuts import render

from . import selectors


def measure_detail(request, pk: int):
    """One measure with every field."""
    measure = selectors.measure_get_visible(user=request.user, pk=pk)
    return render(
        request,
        "measures/measure_detail.html",
        {"measure": measure, "programme": measure.section.programme},
    )
