"""History pages with restore of earlier values, and the bin of deleted sections and measures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.bidi import isolate
from core.history import history_entries
from core.views import restore_value
from measures.forms import RestoreMeasureForm
from programme.models import Section
from programme.permissions import can_edit_programme, can_view_edit_history
from programme.shortcuts import editable_programme, programme_get_visible

from .. import selectors, services
from ..services.programmes import PROGRAMME_EDIT_FIELDS
from ..services.sections import SECTION_EDIT_FIELDS

HISTORY_TEMPLATE = "programme/history.html"


def render_history(request, *, obj, programme, title, restorable, can_edit, back_url):
    if not can_view_edit_history(request.user, programme):
        raise PermissionDenied
    return render(
        request,
        HISTORY_TEMPLATE,
        {
            "object": obj,
            "programme": programme,
            "title": title,
            "entries": history_entries(obj=obj),
            "restorable": restorable if can_edit else (),
            "back_url": back_url,
        },
    )


@login_required
def programme_history(request, pk: int):
    """Who changed what in the programme's own fields, and when; POST restores a value."""
    programme = programme_get_visible(user=request.user, pk=pk)
    url = reverse("programme:history", args=[pk])
    if request.method == "POST":
        editable_programme(request, pk)
        return restore_value(
            request,
            obj=programme,
            fields=PROGRAMME_EDIT_FIELDS,
            redirect_to=url,
            restore=lambda **kw: services.programme_restore_value(
                actor=request.user, programme=programme, **kw
            ),
        )
    return render_history(
        request,
        obj=programme,
        programme=programme,
        title=str(programme),
        restorable=PROGRAMME_EDIT_FIELDS,
        can_edit=can_edit_programme(request.user, programme),
        back_url=programme.get_absolute_url(),
    )


@login_required
def section_history(request, pk: int):
    """Who changed what in a section, and when; POST restores a value."""
    section = get_object_or_404(Section.objects.select_related("programme"), pk=pk)
    programme = programme_get_visible(user=request.user, pk=section.programme_id)
    url = reverse("programme:section_history", args=[pk])
    if request.method == "POST":
        editable_programme(request, programme.pk)
        return restore_value(
            request,
            obj=section,
            fields=SECTION_EDIT_FIELDS,
            redirect_to=url,
            restore=lambda **kw: services.section_restore_value(
                actor=request.user, section=section, **kw
            ),
        )
    return render_history(
        request,
        obj=section,
        programme=programme,
        title=str(section),
        restorable=SECTION_EDIT_FIELDS,
        can_edit=can_edit_programme(request.user, programme),
        back_url=f"{programme.get_absolute_url()}#section-{section.pk}",
    )


@login_required
def deleted_items(request, pk: int):
    """The programme's deleted sections and measures, each with a way back."""
    programme = editable_programme(request, pk)
    deleted = selectors.deleted_in_programme(programme=programme)
    live_sections = set(programme.sections.values_list("pk", flat=True))
    return render(
        request,
        "programme/deleted_items.html",
        {
            "programme": programme,
            "deleted_sections": deleted["sections"],
            "deleted_measures": deleted["measures"],
            "live_sections": live_sections,
            "section_form": RestoreMeasureForm(programme=programme),
        },
    )


@require_POST
def section_restore(request, pk: int, history_id: int):
    """Bring back a deleted section of programme ``pk`` with the measures deleted with it."""
    programme = editable_programme(request, pk)
    record = get_object_or_404(
        Section.history, history_id=history_id, programme_id=programme.pk, history_type="-"
    )
    try:
        section = services.section_restore(actor=request.user, record=record)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("programme:deleted", pk=programme.pk)
    messages.success(
        request, _("The section “%(title)s” is restored.") % {"title": isolate(section.title)}
    )
    return redirect(f"{programme.get_absolute_url()}#section-{section.pk}")
