"""The programme list and the overview: what every reader of a programme opens first."""

from django.shortcuts import render
from django.urls import reverse

from measures.permissions import can_view_dashboard, can_view_rounds, has_dashboard
from programme.decisions.selectors import workflow_panel, workflow_record
from programme.documents.logo import municipality_logo_url
from programme.documents.selectors import programme_governing_facts, programme_pdf_panel
from programme.fragments import fragment_context, lazily
from programme.permissions import (
    can_create_programme,
    can_edit_programme,
    can_import_measures,
    reads_only_public,
)
from programme.shortcuts import programme_get_visible

from . import selectors
from .forms import OverviewFilterForm


def dashboard_url(user, programme) -> str:
    """Where ``user`` follows ``programme`` up: its dashboard, or the public variant; "" if none."""
    if can_view_dashboard(user, programme):
        return reverse("programme:dashboard", args=[programme.pk])
    if has_dashboard(programme):
        return reverse("programme:public_dashboard", args=[programme.pk])
    return ""


def programme_list(request):
    """All programmes the visitor may read, with counts per status."""
    programmes = list(selectors.programme_list(user=request.user))
    for programme in programmes:
        programme.dashboard_url = dashboard_url(request.user, programme)
    return render(
        request,
        "programme/programme_list.html",
        {
            "programmes": programmes,
            "status_counts": selectors.programme_status_counts(user=request.user),
            "can_create": can_create_programme(request.user),
            # Those who read only public programmes are sent to the public page (the text as adopted).
            "public_reader": reads_only_public(request.user),
        },
    )


def programme_detail(request, pk: int):
    """The overview: sections in order with goals and measures, filtered and searchable.

    The programme's row (with its ``content_generation``) is read first; the sections and measures
    are read only when their cached fragment is missing (``programme.fragments``). The PDF and
    decision panels hold this reader's forms, so those are rendered on every request; the decision
    panel's record (history, links) is a fragment of its own.
    """
    programme = programme_get_visible(user=request.user, pk=pk)

    def overview():
        form = OverviewFilterForm(request.GET or None, programme=programme)
        filters = form.filters()
        page = selectors.programme_overview(programme=programme, filters=filters)
        return {"overview": {"filter_form": form, "filters": filters, **page}}

    def record():
        return {"workflow_record": workflow_record(user=request.user, programme=programme)}

    return render(
        request,
        "programme/programme_detail.html",
        {
            "programme": programme,
            "can_edit": can_edit_programme(request.user, programme),
            "can_create": can_create_programme(request.user),
            "can_import": can_import_measures(request.user, programme),
            "can_view_rounds": can_view_rounds(request.user, programme),
            "dashboard_url": dashboard_url(request.user, programme),
            "workflow": workflow_panel(user=request.user, programme=programme),
            "pdf_panel": programme_pdf_panel(user=request.user, programme=programme),
            "governing_facts": programme_governing_facts(programme=programme),
            "municipality_logo_url": municipality_logo_url(),
            # The filters are in the query string: each combination is its own fragment.
            **fragment_context(
                request, programme.pk, programme.content_generation, sorted(request.GET.lists())
            ),
            **lazily(overview, "overview"),
            **lazily(record, "workflow_record"),
        },
    )
