"""The follow-up form: the responsible committee updates the follow-up, co-responsible ones add notes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from handlingsprogram.editing import ConcurrentEditError
from programme.views.common import CONFLICT, conflict_context

from . import selectors, services
from .followup_forms import FollowUpForm, ProgressNoteForm
from .permissions import FOLLOW_UP_FIELDS, can_add_progress_note, can_update_follow_up


@login_required
def measure_follow_up(request, pk: int):
    """Update a measure's follow-up (404 if its programme is hidden, 403 if not the user's to change)."""
    measure = selectors.measure_get_visible(user=request.user, pk=pk)
    if can_update_follow_up(request.user, measure):
        form_class, full = FollowUpForm, True
    elif can_add_progress_note(request.user, measure):
        form_class, full = ProgressNoteForm, False
    else:
        raise PermissionDenied
    initial = {"lock_version": measure.lock_version}
    status, conflict = 200, {}
    if request.method == "POST":
        form = form_class(request.POST, instance=measure) if full else form_class(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            lock_version = data.pop("lock_version")
            try:
                if full:
                    services.measure_update_follow_up(
                        actor=request.user,
                        measure=measure,
                        lock_version=lock_version,
                        **{name: data[name] for name in FOLLOW_UP_FIELDS},
                    )
                else:
                    services.measure_add_progress_note(
                        actor=request.user, measure=measure, lock_version=lock_version, **data
                    )
            except ConcurrentEditError as error:
                # Someone saved in between: say so with 409, keep the input, allow a deliberate save.
                form.add_error(None, error)
                status, conflict = CONFLICT, conflict_context(error, form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The follow-up was saved."))
                return redirect(measure)
    else:
        form = (
            form_class(instance=measure, initial=initial) if full else form_class(initial=initial)
        )
    return render(
        request,
        "measures/follow_up.html",
        {
            "measure": measure,
            "programme": measure.section.programme,
            "form": form,
            "full": full,
            **conflict,
        },
        status=status,
    )
