"""The programme a page is about, or the 404/403 that hides or refuses it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from core.errors import ExplainedRefusal

from .models import Programme
from .permissions import can_edit_programme, edit_refusal_reason, programmes_visible_to


def programme_get_visible(*, user, pk: int) -> Programme:
    """The programme ``pk`` if ``user`` may read it; 404 otherwise, so a draft's existence is hidden."""
    queryset = Programme.objects.select_related("owning_committee", "based_on")
    return get_object_or_404(programmes_visible_to(user, queryset), pk=pk)


def editable_programme(request, pk: int) -> Programme:
    """The programme ``pk``: 404 if the user may not see it, 403 if they may not edit it."""
    programme = programme_get_visible(user=request.user, pk=pk)
    if not can_edit_programme(request.user, programme):
        refuse_edit(request.user, programme)
    return programme


def refuse_edit(user, programme: Programme):
    """Refuse an edit of ``programme``: with the reason when it is locked, else as a role refusal."""
    reason = edit_refusal_reason(user, programme)
    if reason:
        raise ExplainedRefusal(reason)
    raise PermissionDenied
