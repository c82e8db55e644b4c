"""The measure pages: read, add, edit, move, delete, history and restore."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.bidi import isolate
from core.history import history_entries
from core.views import restore_value, save_or_rerender
from programme.fragments import fragment_context, lazily
from programme.models import Section
from programme.permissions import can_view_edit_history
from programme.shortcuts import editable_programme, refuse_edit

from . import selectors, services
from .follow_up.chart import indicator_chart
from .forms import MeasureForm, MoveMeasureForm, RestoreMeasureForm
from .models import Measure
from .permissions import can_add_progress_note, can_edit_measure, can_update_follow_up

FORM_TEMPLATE = "measures/measure_form.html"


def measure_detail(request, pk: int):
    """One measure with every field, its follow-up timeline and its indicator's values; these are read only when their fragment is not cached."""
    head = selectors.measure_get_visible_head(user=request.user, pk=pk)
    programme = head.section.programme

    def page():
        measure = selectors.measure_get_visible(user=request.user, pk=pk)
        programme = measure.section.programme
        timeline = selectors.measure_timeline(user=request.user, measure=measure)
        return {
            "page": {
                "measure": measure,
                "timeline": timeline,
                "chart": indicator_chart(measure, timeline),
                "programme": programme,
                "can_edit": can_edit_measure(request.user, measure),
                "can_update_follow_up": can_update_follow_up(request.user, measure),
                "can_add_progress_note": can_add_progress_note(request.user, measure),
                "can_view_history": can_view_edit_history(request.user, programme),
            }
        }

    return render(
        request,
        "measures/measure_detail.html",
        {
            "head": head,
            **fragment_context(request, programme.pk, programme.content_generation),
            **lazily(page, "page"),
        },
    )


def editable_measure(request, pk: int) -> Measure:
    """The measure ``pk``: 404 if the user may not see it, 403 if they may not edit it."""
    measure = selectors.measure_get_visible(user=request.user, pk=pk)
    if not can_edit_measure(request.user, measure):
        refuse_edit(request.user, measure.section.programme)
    return measure


def _section_url(section: Section) -> str:
    return f"{section.programme.get_absolute_url()}#section-{section.pk}"


@require_http_methods(["GET", "POST"])
def measure_create(request, section_pk: int):
    """Add a measure at the end of a section."""
    section = get_object_or_404(Section.objects.select_related("programme"), pk=section_pk)
    programme = editable_programme(request, section.programme_id)
    form = MeasureForm(request.POST or None)
    context = {"programme": programme, "section": section}
    if request.method == "GET":
        return render(request, FORM_TEMPLATE, {**context, "form": form})
    created = {}

    def save(form):
        created["measure"] = services.measure_create(
            actor=request.user, section=section, **form.changes()
        )

    return save_or_rerender(
        request,
        form,
        save,
        template=FORM_TEMPLATE,
        context=context,
        success_url=lambda: created["measure"].get_absolute_url(),
        message=_("The measure is added."),
    )


@require_http_methods(["GET", "POST"])
def measure_edit(request, pk: int):
    """Edit everything about a measure except its position (which has its own page)."""
    measure = editable_measure(request, pk)
    form = MeasureForm(request.POST or None, instance=measure)
    context = {
        "programme": measure.section.programme,
        "section": measure.section,
        "measure": measure,
    }
    if request.method == "GET":
        return render(request, FORM_TEMPLATE, {**context, "form": form})

    def save(form):
        services.measure_update(
            actor=request.user,
            measure=measure,
            edit_token=form.cleaned_data["edit_token"],
            **form.changes(),
        )

    return save_or_rerender(
        request,
        form,
        save,
        template=FORM_TEMPLATE,
        context=context,
        success_url=measure.get_absolute_url(),
        message=_("The measure is saved."),
    )


@require_http_methods(["GET", "POST"])
def measure_move(request, pk: int):
    """Move a measure to another position or section; the overview's up/down buttons post here."""
    measure = editable_measure(request, pk)
    form = MoveMeasureForm(request.POST or None, measure=measure)
    context = {"programme": measure.section.programme, "measure": measure}
    if request.method == "GET":
        return render(request, "measures/measure_move.html", {**context, "form": form})

    def save(form):
        services.measure_move(actor=request.user, measure=measure, **form.cleaned_data)

    return save_or_rerender(
        request,
        form,
        save,
        template="measures/measure_move.html",
        context=context,
        # Back to the moved row, where static/js/messages.js shows the message and focuses it.
        success_url=lambda: f"{measure.section.programme.get_absolute_url()}#measure-{measure.pk}",
        message=lambda: (
            _("“%(title)s” is now measure %(identifier)s.")
            % {"title": isolate(measure.title), "identifier": measure.identifier}
        ),
        message_for=f"measure-{measure.pk}",
    )


@require_http_methods(["GET", "POST"])
def measure_delete(request, pk: int):
    """Confirm, then delete a measure (it can be restored from Deleted items)."""
    measure = editable_measure(request, pk)
    section = measure.section
    if request.method == "POST":
        title = measure.title
        services.measure_delete(actor=request.user, measure=measure)
        messages.success(
            request,
            _("The measure “%(title)s” is deleted. You can restore it under Deleted items.")
            % {"title": isolate(title)},
        )
        return redirect(_section_url(section))
    return render(
        request,
        "measures/measure_confirm_delete.html",
        {"programme": section.programme, "measure": measure},
    )


@login_required
def measure_history(request, pk: int):
    """Who changed what in a measure, and when; POST restores an earlier value."""
    measure = selectors.measure_get_visible(user=request.user, pk=pk)
    if not can_view_edit_history(request.user, measure.section.programme):
        raise PermissionDenied
    can_edit = can_edit_measure(request.user, measure)
    url = reverse("measures:history", args=[pk])
    if request.method == "POST":
        measure = editable_measure(request, pk)
        return restore_value(
            request,
            obj=measure,
            fields=services.MEASURE_EDIT_FIELDS,
            redirect_to=url,
            restore=lambda **kw: services.measure_restore_value(
                actor=request.user, measure=measure, **kw
            ),
        )
    return render(
        request,
        "programme/history.html",
        {
            "object": measure,
            "programme": measure.section.programme,
            "title": str(measure),
            "entries": history_entries(obj=measure),
            "restorable": services.MEASURE_EDIT_FIELDS if can_edit else (),
            "back_url": measure.get_absolute_url(),
        },
    )


@require_POST
def measure_restore(request, history_id: int):
    """Bring back a deleted measure, into its own section or (if that is gone) a chosen one."""
    record = get_object_or_404(Measure.history, history_id=history_id, history_type="-")
    section = Section.objects.filter(pk=record.section_id).select_related("programme").first()
    if section is not None:
        programme = editable_programme(request, section.programme_id)
        target = None
    else:
        deleted_section = get_object_or_404(Section.history, id=record.section_id, history_type="-")
        programme = editable_programme(request, deleted_section.programme_id)
        form = RestoreMeasureForm(request.POST, programme=programme)
        if not form.is_valid():
            messages.error(request, _("Choose the section the measure goes back to."))
            return redirect("programme:deleted", pk=programme.pk)
        target = form.cleaned_data["section"]
    try:
        measure = services.measure_restore(actor=request.user, record=record, section=target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("programme:deleted", pk=programme.pk)
    messages.success(
        request,
        _("The measure “%(title)s” is restored as %(identifier)s.")
        % {"title": isolate(measure.title), "identifier": measure.identifier},
    )
    return redirect(measure.get_absolute_url())
