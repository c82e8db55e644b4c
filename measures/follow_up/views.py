"""Follow-up pages: a committee's assignment ("Vårt uppdrag") and the follow-up form, where the
responsible committee updates the follow-up and co-responsible ones add notes."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from committees.models import Committee
from committees.permissions import can_manage_memberships, can_view_committee
from core.views import save_or_rerender
from measures import selectors as measure_selectors
from measures.permissions import can_add_progress_note, can_update_follow_up
from programme.fragments import fragment_context, lazily
from programme.models import Programme
from programme.permissions import programmes_visible_to

from . import round_selectors, selectors, services
from .forms import FollowUpForm, ProgressNoteForm

TEMPLATE = "measures/follow_up.html"


@login_required
def measure_follow_up(request, pk: int):
    """Record a progress update, or add a note (404 if its programme is hidden, 403 if neither)."""
    measure = measure_selectors.measure_get_visible(user=request.user, pk=pk)
    if can_update_follow_up(request.user, measure):
        full = True
    elif can_add_progress_note(request.user, measure):
        full = False
    else:
        raise PermissionDenied
    initial = {"edit_token": measure.edit_token}
    data = request.POST if request.method == "POST" else None
    form = (
        FollowUpForm(data, initial=initial, measure=measure)
        if full
        else ProgressNoteForm(data, initial=initial)
    )
    context = {
        "measure": measure,
        "programme": measure.section.programme,
        "full": full,
        "timeline": measure_selectors.measure_timeline(user=request.user, measure=measure),
    }
    if request.method != "POST":
        return render(request, TEMPLATE, {**context, "form": form})

    def save(form):
        values = dict(form.cleaned_data)
        if full:
            services.progress_update_create(actor=request.user, measure=measure, **values)
        else:
            services.progress_note_create(actor=request.user, measure=measure, **values)

    # The shared form mechanics: 400 with the input kept, 409 with what the other person changed.
    return save_or_rerender(
        request,
        form,
        save,
        template=TEMPLATE,
        context=context,
        success_url=measure.get_absolute_url(),
        message=_("The follow-up was saved."),
    )


@login_required
def committee_list(request):
    """The committees whose assignment the user may see."""
    return render(
        request,
        "committees/committee_list.html",
        {
            "committees": selectors.committee_list(user=request.user),
            "can_manage_memberships": can_manage_memberships(request.user),
        },
    )


@login_required
def committee_assignments(request, pk: int):
    """Vårt uppdrag: every measure the council gave this committee, across programmes."""
    committee = get_object_or_404(Committee, pk=pk)
    if not can_view_committee(request.user, pk):
        raise PermissionDenied
    # Every programme it may show: a change to any of them, or a committee renamed (which moves
    # them all), gives a new key.
    shown = tuple(
        programmes_visible_to(request.user, Programme.objects.order_by("pk")).values_list(
            "pk", "content_generation"
        )
    )

    def page():
        assignments = selectors.committee_assignments(user=request.user, committee=committee)
        overdue = sum(m.is_overdue for e in assignments for m in e.responsible)
        parts = round_selectors.committee_open_parts(user=request.user, committee=committee)
        return {
            "page": {"assignments": assignments, "overdue_count": overdue, "round_parts": parts}
        }

    return render(
        request,
        "committees/committee_assignments.html",
        {
            "committee": committee,
            "can_manage_memberships": can_manage_memberships(request.user),
            **fragment_context(request, pk, shown),
            **lazily(page, "page"),
        },
    )
