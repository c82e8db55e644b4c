from django.shortcuts import render

from . import selectors, workflow_selectors


def programme_list(request):
    """All programmes the visitor may read."""
    programmes = selectors.programme_list(user=request.user)
    return render(request, "programme/programme_list.html", {"programmes": programmes})


def programme_detail(request, pk: int):
    """One programme: its sections in order, each with its measures."""
    programme = selectors.programme_get_visible(user=request.user, pk=pk)
    sections = selectors.programme_sections(programme=programme)
    return render(
        request,
        "programme/programme_detail.html",
        {
            "programme": programme,
            "sections": sections,
            "workflow": workflow_selectors.workflow_panel(user=request.user, programme=programme),
        },
    )
