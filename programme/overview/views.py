"""The programme list and the overview: what every reader of a programme opens first."""

from django.http import Http404
from django.shortcuts import render

from programme import page_heads
from programme.decisions.selectors import workflow_panel
from programme.documents.selectors import programme_pdf_panel
from programme.pagecache import render_cached
from programme.permissions import (
    can_create_programme,
    can_edit_programme,
    can_import_measures,
    can_view_programme,
    reads_only_public,
)
from programme.shortcuts import programme_get_visible

from . import selectors
from .forms import OverviewFilterForm


def programme_list(request):
    """All programmes the visitor may read, with counts per status."""
    return render(
        request,
        "programme/programme_list.html",
        {
            "programmes": selectors.programme_list(user=request.user),
            "status_counts": selectors.programme_status_counts(user=request.user),
            "can_create": can_create_programme(request.user),
            # Those who read only public programmes are sent to the public page (the text as adopted).
            "public_reader": reads_only_public(request.user),
        },
    )


def programme_detail(request, pk: int):
    """The overview: sections in order with goals and measures, filtered and searchable."""
    head = page_heads.programme_head(request.user, pk)
    if head is None or not can_view_programme(request.user, head):
        raise Http404

    def context():
        programme = programme_get_visible(user=request.user, pk=pk)
        form = OverviewFilterForm(request.GET or None, programme=programme)
        filters = form.filters()
        return {
            "programme": programme,
            "filter_form": form,
            "filters": filters,
            "can_edit": can_edit_programme(request.user, programme),
            "can_create": can_create_programme(request.user),
            "can_import": can_import_measures(request.user, programme),
            "workflow": workflow_panel(user=request.user, programme=programme),
            "pdf_panel": programme_pdf_panel(user=request.user, programme=programme),
            **selectors.programme_overview(programme=programme, filters=filters),
        }

    return render_cached(
        request,
        "programme/programme_detail.html",
        versions=(head.pk, head.content_version),
        context=context,
    )
