"""The follow-up form: the responsible committee updates the follow-up, co-responsible ones add notes."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from programme.views.common import save_or_rerender

from . import selectors, services
from .followup_forms import FollowUpForm, ProgressNoteForm
from .permissions import FOLLOW_UP_FIELDS, can_add_progress_note, can_update_follow_up

TEMPLATE = "measures/follow_up.html"


@login_required
def measure_follow_up(request, pk: int):
    """Update a measure's follow-up (404 if its programme is hidden, 403 if not the user's to change)."""
    measure = selectors.measure_get_visible(user=request.user, pk=pk)
    if can_update_follow_up(request.user, measure):
        full = True
    elif can_add_progress_note(request.user, measure):
        full = False
    else:
        raise PermissionDenied
    initial = {"lock_version": measure.lock_version}
    data = request.POST if request.method == "POST" else None
    form = (
        FollowUpForm(data, instance=measure, initial=initial)
        if full
        else ProgressNoteForm(data, initial=initial)
    )
    context = {"measure": measure, "programme": measure.section.programme, "full": full}
    if request.method != "POST":
        return render(request, TEMPLATE, {**context, "form": form})

    def save(form):
        values = dict(form.cleaned_data)
        lock_version = values.pop("lock_version")
        if full:
            services.measure_update_follow_up(
                actor=request.user,
                measure=measure,
                lock_version=lock_version,
                **{name: values[name] for name in FOLLOW_UP_FIELDS},
            )
        else:
            services.measure_add_progress_note(
                actor=request.user, measure=measure, lock_version=lock_version, **values
            )

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
