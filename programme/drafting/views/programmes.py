"""Creating, extending and editing a programme."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.views import save_or_rerender
from programme.permissions import can_create_programme, programmes_visible_to
from programme.shortcuts import editable_programme

from .. import services
from ..forms import ProgrammeForm


@require_http_methods(["GET", "POST"])
def programme_create(request):
    """Start a new draft, from scratch or from an earlier programme (which it then extends)."""
    if not can_create_programme(request.user):
        raise PermissionDenied
    bases = programmes_visible_to(request.user).select_related("owning_committee")
    initial = {"municipality": settings.MUNICIPALITY_NAME}
    base = bases.filter(pk=request.GET.get("based_on") or 0).first()
    if base is not None:
        initial.update(
            based_on=base.pk,
            title=base.title,
            owning_committee=base.owning_committee_id,
            period_from=base.period_to + 1,
            period_to=base.period_to + 4,
        )
    form = ProgrammeForm(request.POST or None, initial=initial, bases=bases)
    context = {"base": base}
    if request.method == "GET":
        return render(request, "programme/programme_form.html", {**context, "form": form})

    created = {}

    def save(form):
        data = form.changes()
        if form.cleaned_data.get("based_on"):
            created["programme"] = services.programme_extend(
                actor=request.user, base=form.cleaned_data["based_on"], **data
            )
        else:
            created["programme"] = services.programme_create(actor=request.user, **data)

    return save_or_rerender(
        request,
        form,
        save,
        template="programme/programme_form.html",
        context=context,
        success_url=lambda: created["programme"].get_absolute_url(),
        message=_("The programme is created."),
    )


@require_http_methods(["GET", "POST"])
def programme_edit(request, pk: int):
    """Edit the programme's title, period, owning committee and introduction."""
    programme = editable_programme(request, pk)
    form = ProgrammeForm(request.POST or None, instance=programme)
    context = {"programme": programme}
    if request.method == "GET":
        return render(request, "programme/programme_form.html", {**context, "form": form})

    def save(form):
        services.programme_update(
            actor=request.user,
            programme=programme,
            edit_token=form.cleaned_data["edit_token"],
            **form.changes(),
        )

    return save_or_rerender(
        request,
        form,
        save,
        template="programme/programme_form.html",
        context=context,
        success_url=programme.get_absolute_url(),
        message=_("The programme is saved."),
    )
