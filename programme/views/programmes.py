"""The programme list, the overview, and creating, extending and editing a programme."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from handlingsprogram.pagecache import render_cached

from .. import document_selectors, page_heads, selectors, services, workflow_selectors
from ..forms import OverviewFilterForm, ProgrammeForm
from ..permissions import (
    can_create_programme,
    can_edit_programme,
    can_view_programme,
    programmes_visible_to,
)
from .common import editable_programme, save_or_rerender


def programme_list(request):
    """All programmes the visitor may read, with counts per status."""
    return render(
        request,
        "programme/programme_list.html",
        {
            "programmes": selectors.programme_list(user=request.user),
            "status_counts": selectors.programme_status_counts(user=request.user),
            "can_create": can_create_programme(request.user),
        },
    )


def programme_detail(request, pk: int):
    """The overview: sections in order with goals and measures, filtered and searchable."""
    head = page_heads.programme_head(request.user, pk)
    if head is None or not can_view_programme(request.user, head):
        raise Http404

    def context():
        programme = selectors.programme_get_visible(user=request.user, pk=pk)
        form = OverviewFilterForm(request.GET or None, programme=programme)
        filters = selectors.OverviewFilters()
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            filters = selectors.OverviewFilters(
                section=data["section"].pk if data["section"] else None,
                committee=data["committee"].pk if data["committee"] else None,
                status=data["status"],
                focus_area=data["focus_area"].pk if data["focus_area"] else None,
                overdue=data["overdue"],
                q=data["q"].strip(),
            )
        return {
            "programme": programme,
            "filter_form": form,
            "filters": filters,
            "can_edit": can_edit_programme(request.user, programme),
            "can_create": can_create_programme(request.user),
            "workflow": workflow_selectors.workflow_panel(user=request.user, programme=programme),
            "pdf_panel": document_selectors.programme_pdf_panel(
                user=request.user, programme=programme
            ),
            **selectors.programme_overview(programme=programme, filters=filters),
        }

    return render_cached(
        request,
        "programme/programme_detail.html",
        versions=(head.pk, head.content_version),
        context=context,
    )


@require_http_methods(["GET", "POST"])
def programme_create(request):
    """Start a new draft, from scratch or from an earlier programme (which it then extends)."""
    if not can_create_programme(request.user):
        raise PermissionDenied
    bases = programmes_visible_to(request.user).select_related("owning_committee")
    initial = {"municipality": settings.MUNICIPALITY_NAME}
    base = bases.filter(pk=request.GET.get("based_on") or 0).first()
    if base is not None:
        initial.update(
            based_on=base.pk,
            title=base.title,
            owning_committee=base.owning_committee_id,
            period_from=base.period_to + 1,
            period_to=base.period_to + 4,
        )
    form = ProgrammeForm(request.POST or None, initial=initial, bases=bases)
    context = {"base": base}
    if request.method == "GET":
        return render(request, "programme/programme_form.html", {**context, "form": form})

    created = {}

    def save(form):
        data = form.changes()
        if form.cleaned_data.get("based_on"):
            created["programme"] = services.programme_extend(
                actor=request.user, base=form.cleaned_data["based_on"], **data
            )
        else:
            created["programme"] = services.programme_create(actor=request.user, **data)

    return save_or_rerender(
        request,
        form,
        save,
        template="programme/programme_form.html",
        context=context,
        success_url=lambda: created["programme"].get_absolute_url(),
        message=_("The programme is created."),
    )


@require_http_methods(["GET", "POST"])
def programme_edit(request, pk: int):
    """Edit the programme's title, period, owning committee and introduction."""
    programme = editable_programme(request, pk)
    form = ProgrammeForm(request.POST or None, instance=programme)
    context = {"programme": programme}
    if request.method == "GET":
        return render(request, "programme/programme_form.html", {**context, "form": form})

    def save(form):
        services.programme_update(
            actor=request.user,
            programme=programme,
            lock_version=form.cleaned_data["lock_version"],
            **form.changes(),
        )

    return save_or_rerender(
        request,
        form,
        save,
        template="programme/programme_form.html",
        context=context,
        success_url=programme.get_absolute_url(),
        message=_("The programme is saved."),
    )
