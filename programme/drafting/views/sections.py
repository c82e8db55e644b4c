"""Adding, editing, moving and deleting sections."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.views import save_or_rerender
from programme.models import Section
from programme.shortcuts import editable_programme

from .. import services
from ..forms import PositionForm, SectionForm

TEMPLATE = "programme/section_form.html"


def editable_section(request, pk: int) -> Section:
    section = get_object_or_404(Section.objects.select_related("programme"), pk=pk)
    editable_programme(request, section.programme_id)
    return section


@require_http_methods(["GET", "POST"])
def section_create(request, pk: int):
    """Add a section at the end of the programme."""
    programme = editable_programme(request, pk)
    form = SectionForm(request.POST or None)
    context = {"programme": programme}
    if request.method == "GET":
        return render(request, TEMPLATE, {**context, "form": form})
    created = {}

    def save(form):
        created["section"] = services.section_create(
            actor=request.user, programme=programme, **form.changes()
        )

    return save_or_rerender(
        request,
        form,
        save,
        template=TEMPLATE,
        context=context,
        success_url=lambda: f"{programme.get_absolute_url()}#section-{created['section'].pk}",
        message=_("The section is added."),
    )


@require_http_methods(["GET", "POST"])
def section_edit(request, pk: int):
    """Edit a section's kind, title, introduction and goals."""
    section = editable_section(request, pk)
    form = SectionForm(request.POST or None, instance=section)
    context = {"programme": section.programme, "section": section}
    if request.method == "GET":
        return render(request, TEMPLATE, {**context, "form": form})

    def save(form):
        services.section_update(
            actor=request.user,
            section=section,
            edit_token=form.cleaned_data["edit_token"],
            **form.changes(),
        )

    return save_or_rerender(
        request,
        form,
        save,
        template=TEMPLATE,
        context=context,
        success_url=f"{section.programme.get_absolute_url()}#section-{section.pk}",
        message=_("The section is saved."),
    )


@require_POST
def section_move(request, pk: int):
    """Move a section to a position (the overview's up/down buttons post the neighbour's)."""
    section = editable_section(request, pk)
    form = PositionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new position as a number from 1."))
        return redirect(section.programme.get_absolute_url())
    services.section_move(
        actor=request.user, section=section, position=form.cleaned_data["position"]
    )
    messages.success(
        request,
        _("“%(title)s” is now section %(order)s.")
        % {"title": section.title, "order": section.order},
    )
    return redirect(f"{section.programme.get_absolute_url()}#section-{section.pk}")


@require_http_methods(["GET", "POST"])
def section_delete(request, pk: int):
    """Confirm, then delete a section with its measures (both can be restored)."""
    section = editable_section(request, pk)
    programme = section.programme
    if request.method == "POST":
        services.section_delete(actor=request.user, section=section)
        messages.success(
            request,
            _("The section “%(title)s” is deleted. You can restore it under Deleted items.")
            % {"title": section.title},
        )
        return redirect(programme.get_absolute_url())
    measures = section.measures.order_by("order")
    return render(
        request,
        "programme/section_confirm_delete.html",
        {"programme": programme, "section": section, "measures": measures},
    )
