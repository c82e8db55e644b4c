"""Pages for the workflow: transitions, consultation, adoption, revision and comparison.

Each view checks permission, validates its form and calls one service. Invalid input answers 400
with the errors next to the fields; a transition the pipeline refuses (or that someone else got to
first) answers 409; a missing permission 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programme.models import Programme
from programme.permissions import (
    can_answer_consultation,
    can_run_workflow,
    can_view_consultation,
    can_view_consultation_answer,
    can_view_programme,
)
from programme.shortcuts import programme_get_visible

from . import selectors
from .consultation import consultation_answer_save
from .forms import (
    AdoptionForm,
    AnswerForm,
    CompareForm,
    SendToConsultationForm,
    TransitionForm,
    add_service_errors,
)
from .revisions import programme_revise
from .snapshots import snapshot_compare
from .transitions import TRANSITIONS, TransitionRefused, programme_transition

Status = Programme.Status
LOCKED_ANSWER_CODES = {"submitted", "round_closed"}


def _refused(request, programme, error: ValidationError, status: int = 409):
    return render(
        request,
        "programme/decisions/refused.html",
        {"programme": programme, "errors": error.messages},
        status=status,
    )


def _require_workflow(user, programme):
    if not can_run_workflow(user, programme):
        raise PermissionDenied


@login_required
@require_POST
def transition(request, pk: int):
    """A transition that needs nothing but an optional comment (the panel's buttons)."""
    programme = programme_get_visible(user=request.user, pk=pk)
    _require_workflow(request.user, programme)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _refused(request, programme, ValidationError(_("The request was incomplete.")), 400)
    to_status = form.cleaned_data["to_status"]
    known = TRANSITIONS.get((form.cleaned_data["expected_status"], to_status))
    if known is not None and known.needs:
        return _refused(request, programme, ValidationError(_("This step has its own form.")), 400)
    try:
        programme_transition(
            actor=request.user,
            programme=programme,
            to_status=to_status,
            comment=form.cleaned_data["comment"],
            expected_status=form.cleaned_data["expected_status"],
        )
    except TransitionRefused as error:
        return _refused(request, programme, error)
    except ValidationError as error:
        return _refused(request, programme, error, 400)
    messages.success(
        request,
        _("The programme is now %(status)s.") % {"status": programme.get_status_display().lower()},
    )
    return redirect(programme)


def _transition_form_page(request, programme, *, form, to_status, template, data):
    """Run a transition that has its own form; 400 on invalid input, 409 if refused."""
    if request.method == "POST" and form.is_valid():
        try:
            programme_transition(
                actor=request.user,
                programme=programme,
                to_status=to_status,
                comment=form.cleaned_data.get("comment", ""),
                expected_status=TRANSITION_FROM[to_status],
                **data(form.cleaned_data),
            )
        except TransitionRefused as error:
            add_service_errors(form, error)
            return render(request, template, {"programme": programme, "form": form}, status=409)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The programme is now %(status)s.")
                % {"status": programme.get_status_display().lower()},
            )
            return redirect(programme)
    status, refused = (400 if form.is_bound else 200), ""
    if not form.is_bound and programme.status != TRANSITION_FROM[to_status]:
        status = 409
        refused = _("A programme that is %(status)s cannot take this step.") % {
            "status": programme.get_status_display().lower()
        }
    return render(
        request,
        template,
        {"programme": programme, "form": form, "refused": refused},
        status=status,
    )


TRANSITION_FROM = {Status.CONSULTATION: Status.DRAFT, Status.ADOPTED: Status.SUBMITTED}


@login_required
def consultation_send(request, pk: int):
    """Send the draft to chosen committees with an answer deadline."""
    programme = programme_get_visible(user=request.user, pk=pk)
    _require_workflow(request.user, programme)
    form = SendToConsultationForm(request.POST or None, programme=programme)
    return _transition_form_page(
        request,
        programme,
        form=form,
        to_status=Status.CONSULTATION,
        template="programme/decisions/consultation_send.html",
        data=lambda d: {"committees": list(d["committees"]), "deadline": d["deadline"]},
    )


@login_required
def adoption_record(request, pk: int):
    """Record the council's decision; the programme's text is frozen as the adopted edition."""
    programme = programme_get_visible(user=request.user, pk=pk)
    _require_workflow(request.user, programme)
    form = AdoptionForm(request.POST or None, request.FILES or None)
    return _transition_form_page(
        request,
        programme,
        form=form,
        to_status=Status.ADOPTED,
        template="programme/decisions/adoption_form.html",
        data=lambda d: {
            "decision_date": d["decision_date"],
            "decision_paragraph": d["decision_paragraph"],
            "case_number": d["case_number"],
            "minutes": d.get("minutes") or None,
        },
    )


@login_required
def consultation_overview(request, pk: int):
    """Who has answered, who has not, and every comment next to its measure."""
    programme = programme_get_visible(user=request.user, pk=pk)
    if not can_view_consultation(request.user, programme):
        raise PermissionDenied
    round_id = request.GET.get("round")
    consultation = selectors.round_with_invitations(
        programme=programme, round_id=int(round_id) if round_id and round_id.isdigit() else None
    )
    context = {
        "programme": programme,
        "consultation": consultation,
        "rounds": selectors.consultation_rounds(programme=programme),
    }
    if consultation is not None:
        context.update(selectors.consultation_overview(consultation=consultation))
    return render(request, "programme/decisions/consultation_overview.html", context)


@login_required
def consultation_answer(request, pk: int):
    """A committee's answer: saved as a draft, then submitted; read-only afterwards."""
    invitation = selectors.invitation_get(pk=pk)
    if not can_view_consultation_answer(request.user, invitation):
        raise PermissionDenied
    programme = invitation.round.programme
    editable = (
        can_answer_consultation(request.user, invitation)
        and not invitation.is_submitted
        and invitation.round.is_open
        and programme.status == Status.CONSULTATION
    )
    # The form reads the live measures (the text is fixed while the round is open); a read-only
    # page shows the text as sent instead, since the draft may have been edited since.
    rows = (
        selectors.invitation_measures(invitation=invitation)
        if editable
        else {"measures": [], "deleted_measure_comments": []}
    )
    measures = rows["measures"]
    initial = {"position": invitation.position, "text": invitation.text}
    initial.update(
        {AnswerForm.comment_field(m): m.answer_comment.text for m in measures if m.answer_comment}
    )
    submit = request.method == "POST" and "submit" in request.POST
    form = AnswerForm(request.POST or None, measures=measures, initial=initial, submitting=submit)
    status = 200
    if request.method == "POST":
        if not can_answer_consultation(request.user, invitation):
            raise PermissionDenied
        if form.is_valid():
            try:
                consultation_answer_save(
                    actor=request.user,
                    invitation=invitation,
                    position=form.cleaned_data["position"],
                    text=form.cleaned_data["text"],
                    comments=form.comments(),
                    submit=submit,
                )
            except ValidationError as error:
                add_service_errors(form, error)
                status = 409 if getattr(error, "code", None) in LOCKED_ANSWER_CODES else 400
            else:
                messages.success(
                    request,
                    _("Your committee's answer has been submitted.")
                    if submit
                    else _("Your draft answer has been saved. It is not submitted yet."),
                )
                return redirect("programme:consultation_answer", pk=invitation.pk)
        else:
            status = 400
    return render(
        request,
        "programme/decisions/consultation_answer.html",
        {
            "programme": programme,
            "invitation": invitation,
            "form": form,
            "editable": editable,
            "deleted_measure_comments": rows["deleted_measure_comments"],
            "sent": None if editable else selectors.invitation_sent_text(invitation=invitation),
            "programme_visible": can_view_programme(request.user, programme),
        },
        status=status,
    )


@login_required
@require_POST
def revise(request, pk: int):
    """Start a revision of an adopted programme (a new draft, edition + 1)."""
    programme = programme_get_visible(user=request.user, pk=pk)
    _require_workflow(request.user, programme)
    try:
        revision = programme_revise(actor=request.user, programme=programme)
    except ValidationError as error:
        return _refused(request, programme, error)
    messages.success(
        request,
        _("Version %(version)s has been created as a draft.") % {"version": revision.edition},
    )
    return redirect(revision)


def editions(request, pk: int):
    """The programme's editions, and the comparison between two of them."""
    programme = programme_get_visible(user=request.user, pk=pk)
    choices = selectors.edition_choices(user=request.user, programme=programme)
    by_key = {c.key: c for c in choices}
    keys = [(c.key, c.label) for c in choices]
    data = request.GET if "a" in request.GET else None
    if data is None and len(choices) >= 2:
        data = {"a": choices[-2].key, "b": choices[-1].key}
    form = CompareForm(data, choices=keys)
    comparison, old, new, status = None, None, None, 200
    if data is not None:
        if form.is_valid():
            old, new = by_key[form.cleaned_data["a"]], by_key[form.cleaned_data["b"]]
            comparison = snapshot_compare(old.snapshot(), new.snapshot())
        else:
            status = 400
    return render(
        request,
        "programme/decisions/editions.html",
        {
            "programme": programme,
            "choices": choices,
            "form": form,
            "comparison": comparison,
            "old": old,
            "new": new,
        },
        status=status,
    )
