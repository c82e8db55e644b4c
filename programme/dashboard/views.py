"""The follow-up dashboard: for coordinators and council members, and its public variant.

Both read the programme's row first (404 for a programme the reader may not read or that has no
dashboard, such as a draft) and the dashboard itself only when its cached fragment is missing
(``programme.fragments``), as the overview and the public page do.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from measures.permissions import can_view_dashboard, has_dashboard
from programme.decisions.selectors import programme_get_public
from programme.fragments import fragment_context, lazily
from programme.models import Programme
from programme.shortcuts import programme_get_visible

from . import selectors


@require_safe
def dashboard(request, pk: int):
    """The dashboard with the committees' notes and who signed each latest update."""
    programme = programme_get_visible(user=request.user, pk=pk)
    if not has_dashboard(programme):
        raise Http404
    if not can_view_dashboard(request.user, programme):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return _render(request, programme, "programme/dashboard/dashboard.html", internal=True)


@require_safe
def public_dashboard(request, pk: int):
    """The public variant: counts, lists and rounds without notes or names, for anyone."""
    programme = programme_get_public(
        pk=pk,
        queryset=Programme.objects.only(
            "title", "period_from", "period_to", "status", "content_generation"
        ),
    )
    return _render(request, programme, "programme/dashboard/public.html", internal=False)


def _render(request, programme: Programme, template: str, *, internal: bool):
    def page():
        return {"dashboard": selectors.programme_dashboard(programme=programme, internal=internal)}

    return render(
        request,
        template,
        {
            "programme": programme,
            **fragment_context(request, programme.pk, programme.content_generation),
            **lazily(page, "dashboard"),
        },
    )
