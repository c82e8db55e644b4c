from django.shortcuts import render

from . import selectors


def programme_list(request):
    """All programmes the visitor may read."""
    programmes = selectors.programme_list(user=request.user)
    return render(request, "programme/programme_list.html", {"programmes": programmes})


def programme_detail(request, pk: int):
    """One programme: its sections in order, each with its measures."""
    programme = selectors.programme_get_visible(user=request.user, pk=pk)
    sections = selectors.programme_sections(programme=programme)
    pdf_panel = selectors.programme_pdf_panel(user=request.user, programme=programme)
    return render(
        request,
        "programme/programme_detail.html",
        {"programme": programme, "sections": sections, "pdf_panel": pdf_panel},
    )
