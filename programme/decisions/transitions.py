"""The programme's status pipeline, as data, and the one function that moves a programme along it.

    draft ──send_to_consultation──▶ consultation ──close_consultation──▶ draft
    draft ──submit──▶ submitted ──adopt──▶ adopted ──(a revision is adopted)──▶ superseded
    submitted ──return_to_draft──▶ draft          (the council refers it back: återremiss)
    draft ──withdraw──▶ withdrawn

Every transition runs in a transaction holding the programme row (``select_for_update``), checks
that it exists from the programme's *current* status and that the actor may perform it, writes a
``StatusChange`` row, and schedules its after-effects with ``transaction.on_commit``. Anything
else is refused with ``TransitionRefused`` and changes nothing.

What freezes the text is ``programme.locks.assert_text_editable``.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme.documents.jobs import render_job_request
from programme.locks import programme_lock, status_label
from programme.models import AdoptedEdition, Programme, RenderJob, StatusChange
from programme.permissions import can_run_workflow

from .consultation import consultation_round_close, consultation_round_open
from .snapshots import programme_snapshot

logger = logging.getLogger(__name__)

Status = Programme.Status
MINUTES_MAX_BYTES = 10 * 1024 * 1024


class TransitionRefused(ValidationError):
    """The transition does not exist from the programme's current status; nothing changed."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    permission: Callable | None  # (user, programme) -> bool; None: only as a consequence
    needs: tuple[str, ...] = ()  # data the transition requires, collected by its own form
    button_class: str = "button"


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (Status.DRAFT, Status.CONSULTATION): Transition(
        "send_to_consultation",
        gettext_lazy("Send to consultation"),
        can_run_workflow,
        needs=("committees", "deadline"),
    ),
    (Status.CONSULTATION, Status.DRAFT): Transition(
        "close_consultation",
        gettext_lazy("Close the consultation and return to draft"),
        can_run_workflow,
        button_class="button button--secondary",
    ),
    (Status.DRAFT, Status.SUBMITTED): Transition(
        "submit", gettext_lazy("Submit to the municipal council"), can_run_workflow
    ),
    (Status.SUBMITTED, Status.DRAFT): Transition(
        "return_to_draft",
        gettext_lazy("Referred back by the council: return to draft"),
        can_run_workflow,
        button_class="button button--secondary",
    ),
    (Status.SUBMITTED, Status.ADOPTED): Transition(
        "adopt",
        gettext_lazy("Record the council's adoption"),
        can_run_workflow,
        needs=("decision_date", "decision_paragraph", "case_number"),
    ),
    (Status.DRAFT, Status.WITHDRAWN): Transition(
        "withdraw",
        gettext_lazy("Withdraw the draft"),
        can_run_workflow,
        button_class="button button--danger",
    ),
    (Status.ADOPTED, Status.SUPERSEDED): Transition(
        "supersede", gettext_lazy("Superseded by a revision"), None
    ),
}


def transitions_from(status: str) -> dict[str, Transition]:
    """The transitions out of ``status``, keyed by target status."""
    return {to: t for (frm, to), t in TRANSITIONS.items() if frm == status}


def available_transitions(*, user, programme: Programme) -> list[tuple[str, Transition]]:
    """(target status, transition) pairs ``user`` may start from ``programme``'s status."""
    return [
        (to, t)
        for to, t in transitions_from(programme.status).items()
        if t.permission is not None and t.permission(user, programme)
    ]


# --- effects: run inside the transaction, after the status is set ------------------------------


def _effect_send_to_consultation(*, actor, programme, committees=(), deadline=None, **_data):
    consultation_round_open(
        actor=actor, programme=programme, committees=list(committees), deadline=deadline
    )


def _effect_close_consultation(*, actor, programme, **_data):
    consultation_round_close(programme=programme)


def validate_minutes(upload) -> None:
    """The minutes extract must be a PDF of at most 10 MB (checked by name and first bytes)."""
    if upload is None:
        return
    if upload.size > MINUTES_MAX_BYTES:
        raise ValidationError(
            {"minutes": _("The file is larger than 10 MB.")}, code="minutes_too_large"
        )
    head = upload.read(5)
    upload.seek(0)
    if not upload.name.lower().endswith(".pdf") or head != b"%PDF-":
        raise ValidationError({"minutes": _("The file must be a PDF.")}, code="minutes_not_pdf")


def _effect_adopt(
    *,
    actor,
    programme,
    decision_date=None,
    decision_paragraph="",
    case_number="",
    minutes=None,
    **_data,
):
    errors = {}
    if decision_date is None:
        errors["decision_date"] = _("Give the date of the council's decision.")
    elif decision_date > timezone.localdate():
        errors["decision_date"] = _("The decision date cannot be in the future.")
    if not (decision_paragraph or "").strip():
        errors["decision_paragraph"] = _("Give the paragraph, for example KF § 123.")
    if not (case_number or "").strip():
        errors["case_number"] = _("Give the case number, for example KS 2019-000123.")
    if errors:
        raise ValidationError(errors)
    validate_minutes(minutes)
    programme.decision_date = decision_date
    programme.decision_paragraph = decision_paragraph.strip()
    programme.case_number = case_number.strip()
    programme._history_user = actor
    programme.save(update_fields=["decision_date", "decision_paragraph", "case_number"])
    adopted = AdoptedEdition(
        programme=programme,
        edition=programme.edition,
        snapshot=programme_snapshot(programme=programme),
        decision_date=programme.decision_date,
        decision_paragraph=programme.decision_paragraph,
        case_number=programme.case_number,
        adopted_by=actor,
    )
    if minutes is not None:
        adopted.minutes.save("minutes.pdf", minutes, save=False)
    adopted.save()
    # Adopting a revision supersedes the edition it revises.
    previous = programme.based_on
    if programme.edition > 1 and previous is not None:
        previous = programme_lock(previous.pk)
        if previous.status == Status.ADOPTED:
            _apply(
                actor=actor,
                programme=previous,
                to_status=Status.SUPERSEDED,
                comment=_("Superseded by version %(version)s, %(paragraph)s.")
                % {"version": programme.edition, "paragraph": programme.decision_paragraph},
            )
    transaction.on_commit(lambda: _queue_adopted_pdf(programme.pk, actor.pk))


EFFECTS = {
    "send_to_consultation": _effect_send_to_consultation,
    "close_consultation": _effect_close_consultation,
    "adopt": _effect_adopt,
}


def _queue_adopted_pdf(programme_id: int, actor_id: int) -> None:
    """Queue the rendering of the adopted programme's final PDF (after the adoption committed).

    The adoption stands whatever happens here: a broker that is down leaves a failed job with a
    readable message on the programme page, from where the PDF can be asked for again.
    """
    programme = Programme.objects.get(pk=programme_id)
    actor = get_user_model().objects.filter(pk=actor_id).first()
    try:
        render_job_request(actor=actor, programme=programme, kind=RenderJob.Kind.ADOPTED)
    except Exception:  # the decision is recorded; a PDF problem must not turn it into an error page
        logger.exception("Could not queue the adopted PDF of programme %s", programme_id)


def _apply(*, actor, programme: Programme, to_status: str, comment: str) -> StatusChange:
    change = StatusChange.objects.create(
        programme=programme,
        from_status=programme.status,
        to_status=to_status,
        actor=actor,
        comment=comment,
    )
    programme.status = to_status
    programme._history_user = actor
    programme.save(update_fields=["status", "updated_at"])
    return change


@transaction.atomic
def programme_transition(
    *,
    actor,
    programme: Programme,
    to_status: str,
    comment: str = "",
    expected_status: str | None = None,
    **data,
) -> Programme:
    """Move ``programme`` to ``to_status`` if the pipeline allows it and ``actor`` may do it.

    ``expected_status`` is the status the actor saw; if it has changed meanwhile the transition
    is refused rather than applied to a state the actor did not see. ``data`` carries what the
    transition needs (committees and deadline; decision fields and minutes).
    """
    locked = programme_lock(programme.pk)
    if expected_status is not None and locked.status != expected_status:
        raise TransitionRefused(
            _("The programme is now %(status)s: someone changed it while you were looking.")
            % {"status": locked.get_status_display().lower()},
            code="stale_status",
        )
    transition = TRANSITIONS.get((locked.status, to_status))
    if transition is None or transition.permission is None:
        raise TransitionRefused(
            _("A programme that is %(current)s cannot be moved to %(target)s.")
            % {
                "current": locked.get_status_display().lower(),
                "target": status_label(to_status),
            },
            code="no_such_transition",
        )
    if not transition.permission(actor, locked):
        raise PermissionDenied(_("You may not do this."))
    if len(comment) > 2000:
        raise ValidationError({"comment": _("The comment is too long.")})
    _apply(actor=actor, programme=locked, to_status=to_status, comment=comment.strip())
    effect = EFFECTS.get(transition.name)
    if effect is not None:
        effect(actor=actor, programme=locked, **data)
    # Keep the caller's object in step with the row.
    programme.refresh_from_db()
    return locked
