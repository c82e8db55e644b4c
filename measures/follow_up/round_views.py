"""The reporting rounds' pages: a programme's rounds and their comparison, opening a round, the
coordinator's round page, and a committee's part where it reports and marks it ready."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from committees.models import Committee
from core.bidi import isolate
from core.editing import ConcurrentEditError
from core.views import apply_service_errors
from measures.models import ReportingRound, RoundPart
from measures.permissions import (
    can_close_round,
    can_download_round_report,
    can_manage_rounds,
    can_reopen_round_part,
    can_report_round_part,
    can_view_round_part,
    can_view_rounds,
)
from programme.permissions import can_view_programme
from programme.shortcuts import programme_get_visible

from . import round_selectors as selectors
from . import round_services as services
from .round_forms import PartReadyForm, RoundOpenForm, round_entry_form


def _round_visible(request, pk: int) -> ReportingRound:
    try:
        reporting_round = selectors.round_get(pk=pk)
    except ReportingRound.DoesNotExist:
        raise Http404 from None
    if not can_view_programme(request.user, reporting_round.programme):
        raise Http404
    if not can_view_rounds(request.user, reporting_round.programme):
        raise PermissionDenied
    return reporting_round


def _part_visible(request, pk: int) -> RoundPart:
    try:
        part = selectors.part_get(pk=pk)
    except RoundPart.DoesNotExist:
        raise Http404 from None
    if not can_view_programme(request.user, part.round.programme):
        raise Http404
    if not can_view_round_part(request.user, part):
        raise PermissionDenied
    return part


@login_required
def programme_rounds(request, programme_pk: int):
    """A programme's rounds, and each measure's status round against round."""
    programme = programme_get_visible(user=request.user, pk=programme_pk)
    if not can_view_rounds(request.user, programme):
        raise PermissionDenied
    rounds = selectors.programme_rounds(programme)
    closed = [r for r in reversed(rounds) if r.snapshot is not None]
    return render(
        request,
        "measures/rounds/programme_rounds.html",
        {
            "programme": programme,
            "rounds": rounds,
            "closed_rounds": closed,
            "comparison": selectors.round_comparison(closed),
            "can_manage_rounds": can_manage_rounds(request.user, programme),
        },
    )


@login_required
def round_open(request, programme_pk: int):
    programme = programme_get_visible(user=request.user, pk=programme_pk)
    if not can_manage_rounds(request.user, programme):
        raise PermissionDenied
    committees = Committee.objects.filter(
        responsible_measures__section__programme=programme
    ).distinct()
    form = RoundOpenForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        try:
            reporting_round = services.round_open(
                actor=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The round was opened."))
            return redirect(reporting_round)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "measures/rounds/round_open.html",
        {"programme": programme, "form": form},
        status=status,
    )


@login_required
def round_detail(request, pk: int):
    """The coordinator's view of a round: per committee, ready or not, what is reported."""
    reporting_round = _round_visible(request, pk)
    return render(
        request,
        "measures/rounds/round_detail.html",
        {
            "round": reporting_round,
            "programme": reporting_round.programme,
            "summaries": selectors.round_overview(reporting_round),
            "can_close": can_close_round(request.user, reporting_round),
            "can_download_report": can_download_round_report(request.user, reporting_round),
        },
    )


@login_required
@require_POST
def round_close(request, pk: int):
    reporting_round = _round_visible(request, pk)
    if not can_close_round(request.user, reporting_round):
        raise PermissionDenied
    services.round_close(actor=request.user, reporting_round=reporting_round)
    messages.success(request, _("The round was closed; what was reported is kept as it is."))
    return redirect(reporting_round)


def _part_context(request, part: RoundPart, *, forms=None, ready_form=None) -> dict:
    reporting = can_report_round_part(request.user, part)
    context = {
        "part": part,
        "round": part.round,
        "programme": part.round.programme,
        "can_report": reporting,
        "can_reopen": can_reopen_round_part(request.user, part),
        "can_view_round": can_view_rounds(request.user, part.round.programme),
    }
    if not reporting:
        # What the part reported: frozen once the round is closed.
        context["reported"] = [
            row
            for row in selectors.round_rows(part.round)
            if row["committee_id"] == part.committee_id
        ]
        return context
    measures = list(selectors.part_measures(part))
    if forms is None:
        forms = [round_entry_form(None, measure=measure) for measure in measures]
    updated = selectors.round_updated_ids(part.round)
    context["rows"] = [
        {"measure": measure, "form": form, "updated": measure.pk in updated}
        for measure, form in zip(measures, forms, strict=True)
    ]
    context["ready_form"] = ready_form or PartReadyForm()
    return context


def _entry(measure, form) -> dict:
    entry = {"measure": measure, **form.cleaned_data}
    # The pre-filled indicator value, left as it was, is not a new reading "as of today".
    if not {"indicator_value", "indicator_date"} & set(form.changed_data):
        entry.pop("indicator_value", None)
        entry.pop("indicator_date", None)
    return entry


@login_required
def part_detail(request, pk: int):
    """A committee's part: its measures' field sets while open to the user, else what it reported."""
    part = _part_visible(request, pk)
    if request.method != "POST":
        return render(request, "measures/rounds/part_detail.html", _part_context(request, part))
    if not can_report_round_part(request.user, part):
        raise PermissionDenied
    measures = list(selectors.part_measures(part))
    forms = [round_entry_form(request.POST, measure=measure) for measure in measures]
    if all(form.is_valid() for form in forms):
        entries = [
            _entry(measure, form)
            for measure, form in zip(measures, forms, strict=True)
            if form.has_changed()
        ]
        try:
            services.round_part_save(actor=request.user, part=part, entries=entries)
        except ConcurrentEditError as error:
            messages.error(
                request,
                _(
                    "%(measure)s was updated by someone else meanwhile; nothing was saved. Check it and save again."
                )
                % {"measure": isolate(error.current)},
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s update was saved.", "%(count)s updates were saved.", len(entries)
                )
                % {"count": len(entries)},
            )
            return redirect(part)
    context = _part_context(request, part, forms=forms)
    return render(request, "measures/rounds/part_detail.html", context, status=400)


@login_required
@require_POST
def part_ready(request, pk: int):
    part = _part_visible(request, pk)
    if not can_report_round_part(request.user, part):
        raise PermissionDenied
    form = PartReadyForm(request.POST)
    if form.is_valid():
        services.round_part_mark_ready(actor=request.user, part=part, **form.cleaned_data)
        messages.success(request, _("Your part is marked ready."))
        return redirect(part)
    context = _part_context(request, part, ready_form=form)
    return render(request, "measures/rounds/part_detail.html", context, status=400)


@login_required
@require_POST
def part_reopen(request, pk: int):
    part = _part_visible(request, pk)
    if not can_reopen_round_part(request.user, part):
        raise PermissionDenied
    services.round_part_reopen(actor=request.user, part=part)
    messages.success(request, _("The part is open again for its committee."))
    return redirect(part)
