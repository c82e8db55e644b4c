"""Upload a spreadsheet, see what it would do, confirm: coordinators, draft programmes."""

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from programme.models import Programme
from programme.permissions import can_import_measures
from programme.shortcuts import programme_get_visible

from .forms import ImportUploadForm
from .plan import import_plan
from .services import ImportRefused, measures_import

# The previewed rows wait here for the confirmation; the preview page carries the token.
SESSION_KEY = "measure_import"
TEMPLATE = "programme/imports/measures_import.html"


def _importable(request, pk: int) -> Programme:
    programme = programme_get_visible(user=request.user, pk=pk)
    if not can_import_measures(request.user, programme):
        raise PermissionDenied
    return programme


@require_http_methods(["GET", "POST"])
def measures_import_upload(request, pk: int):
    """The upload form; a posted file answers with its preview, or every row error."""
    programme = _importable(request, pk)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context = {"programme": programme, "form": form}
    if not form.is_bound:
        return render(request, TEMPLATE, context)
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    plan = import_plan(programme=programme, rows=form.rows)
    context["plan"] = plan
    if plan.errors:
        return render(request, TEMPLATE, {**context, "form": ImportUploadForm()}, status=400)
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "programme": programme.pk,
        "content_generation": programme.content_generation,
        "token": token,
        "rows": plan.stored(),
    }
    return render(request, TEMPLATE, {**context, "form": None, "token": token})


@require_POST
def measures_import_confirm(request, pk: int):
    """Apply the preview this session saw, all of it or nothing."""
    programme = _importable(request, pk)
    stored = request.session.get(SESSION_KEY) or {}
    if stored.get("programme") != programme.pk or stored.get("token") != request.POST.get("token"):
        messages.error(request, _("That preview is no longer at hand. Upload the file again."))
        return redirect(reverse("programme:measures_import", args=[programme.pk]))
    try:
        result = measures_import(
            actor=request.user,
            programme=programme,
            rows=stored["rows"],
            content_generation=stored["content_generation"],
        )
    except ImportRefused as refused:
        request.session.pop(SESSION_KEY, None)
        context = {"programme": programme, "form": ImportUploadForm(), "refused": str(refused)}
        return render(request, TEMPLATE, context, status=409)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("Imported: %(created)s new measures, %(updated)s changed.")
        % {"created": result.created, "updated": result.updated},
    )
    return redirect(programme.get_absolute_url())
