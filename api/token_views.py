"""The settings page where a user creates and revokes their personal API tokens (/konto/api-nycklar/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.bidi import isolate
from core.views import INVALID, apply_service_errors

from .forms import TokenCreateForm
from .permissions import tokens_of
from .services import token_create, token_revoke

TEMPLATE = "api/tokens.html"


def _page(request, form, *, created=None, status=200):
    context = {
        "form": form,
        "tokens": tokens_of(request.user),
        "created": created,
        "docs_url": reverse("api:docs"),
    }
    return render(request, TEMPLATE, context, status=status)


@never_cache  # the answer to a creation holds the raw token: no cache may keep it
@login_required
def token_list(request):
    """The user's tokens; a POST creates one and shows its value, this once only."""
    if request.method != "POST":
        return _page(request, TokenCreateForm())
    form = TokenCreateForm(request.POST)
    if form.is_valid():
        try:
            token, raw = token_create(actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            # Rendered, not redirected: the value is in this answer only and stored nowhere.
            return _page(request, TokenCreateForm(), created={"token": token, "raw": raw})
    return _page(request, form, status=INVALID)


@login_required
@require_POST
def token_revoke_view(request, pk: int):
    """Revoke one of the user's tokens; another user's token is a 404."""
    token = get_object_or_404(tokens_of(request.user), pk=pk)
    token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": isolate(token.name)})
    return redirect("api_tokens:list")
