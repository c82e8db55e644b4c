"""Who may see and do what with programmes: the one place that answers it.

The whole policy (the README's ``docs/permissions.md`` says the same in prose):

======================  ==============================================  ==============================
role                    reads programmes with status                    writes
======================  ==============================================  ==============================
anonymous visitor       adopted, superseded (public documents)          nothing
signed in, no role      adopted, superseded                             nothing
council member          submitted, adopted, superseded                  nothing
committee officer       consultation, submitted, adopted, superseded    follow-up of own measures
(officer or chair)                                                      (see ``measures.permissions``)
coordinator/superuser   every status                                    see below
======================  ==============================================  ==============================

- A user with several roles gets the union of what each role allows.
- A programme that a user may not read answers 404, not 403, so its existence is not revealed.
  A page that the user may read but not change answers 403 to a change.
- **Coordinators** (group ``Samordnare``) and superusers create programmes and change the text
  and structure of programmes in draft. In consultation the committees comment on a fixed text
  (the coordinator closes the round to edit again). Submitted, adopted, superseded and
  withdrawn programmes are frozen as text: the council decides on what was submitted, an adopted
  programme stays as it was adopted (the workflow issue adds revisions), and superseded and
  withdrawn ones are history. Moving a programme between statuses is the workflow's question.
- **Committee officers** read from consultation on (the draft is sent to every committee for
  consultation), whatever committee they belong to. A committee's chair has the same rights as
  its officers here; the role is recorded for the committee's sign-off of a follow-up round.
- **Council members** read what is submitted to the council and what it adopted.
- **Administrators** (group ``Administratörer``) have no rights over content by that group alone;
  they manage users and groups in the Django admin when they are staff. Who is a coordinator or a
  council member is decided there, not on the coordinator's membership page.
- **The record of the process** (docs/permissions.md, "What is public"): the status history shows
  the steps into or out of a status in which the reader may read the programme; who took each
  step and the comment on it only to those who read programmes before they are public
  (coordinators, officers, council members). The edit history (who changed what, earlier values)
  of a programme, its sections and measures is read only by those who may read it as a draft,
  where its text is written: coordinators.
- **A programme's PDF** is fetched by those who may read the programme now *and* could read it in
  the status it was rendered from (``RenderJob.programme_status``): a draft printed before the
  consultation stays the coordinators' after adoption; the public sees only the PDFs of the
  adopted edition. Job numbers are sequential, so the file's URL proves nothing.
- **Downloading its measures as a spreadsheet** (XLSX, CSV; ``programme/exports/``) follows reading
  it too: a draft's export is a 404 for whoever may not read the draft.
- **Importing measures from a spreadsheet** follows editing: coordinators, drafts only.
- **Archive packages** (an adopted edition filed for the e-archive) are for coordinators only:
  they hold the consultation answers and the names of those who sent them.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from committees import roles
from committees.roles import is_coordinator

from .models import Programme

__all__ = [
    "EDITABLE_STATUSES",
    "PUBLIC_STATUSES",
    "can_create_programme",
    "can_edit_programme",
    "can_import_measures",
    "can_view_edit_history",
    "can_view_programme",
    "can_view_status_change_details",
    "edit_refusal_reason",
    "is_coordinator",
    "is_public",
    "less_public_status",
    "programmes_visible_to",
    "reads_only_public",
    "render_jobs_visible_to",
    "start_page_parts",
    "status_changes_visible_to",
    "visible_statuses",
]

Status = Programme.Status

PUBLIC_STATUSES = (Status.ADOPTED, Status.SUPERSEDED)
COUNCIL_STATUSES = (Status.SUBMITTED, Status.ADOPTED, Status.SUPERSEDED)
OFFICER_STATUSES = (Status.CONSULTATION, Status.SUBMITTED, Status.ADOPTED, Status.SUPERSEDED)
# The text is written in draft only: in consultation the committees comment on a fixed text.
EDITABLE_STATUSES = (Status.DRAFT,)


def visible_statuses(user) -> frozenset[str] | None:
    """The programme statuses ``user`` may read; ``None`` means every status (coordinators)."""
    if is_coordinator(user):
        return None
    statuses = set(PUBLIC_STATUSES)
    if roles.is_council_member(user):
        statuses.update(COUNCIL_STATUSES)
    if roles.is_committee_officer(user):
        statuses.update(OFFICER_STATUSES)
    return frozenset(statuses)


def reads_only_public(user) -> bool:
    """Does ``user`` read public programmes only (the public, signed-in users without a role)?"""
    statuses = visible_statuses(user)
    return statuses is not None and statuses <= set(PUBLIC_STATUSES)


def programmes_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The programmes ``user`` may read, as a queryset."""
    queryset = Programme.objects.all() if queryset is None else queryset
    statuses = visible_statuses(user)
    return queryset if statuses is None else queryset.filter(status__in=statuses)


def can_view_programme(user, programme: Programme) -> bool:
    """May ``user`` read ``programme``?"""
    statuses = visible_statuses(user)
    return statuses is None or programme.status in statuses


def is_public(programme) -> bool:
    """Is ``programme`` a public document (readable by anyone, signed in or not)?"""
    return programme.status in PUBLIC_STATUSES


def can_create_programme(user) -> bool:
    """May ``user`` start a new programme (or extend an earlier one)?"""
    return is_coordinator(user)


def can_edit_programme(user, programme: Programme) -> bool:
    """May ``user`` change the text and structure of ``programme`` (metadata, sections, measures)?"""
    return is_coordinator(user) and programme.status in EDITABLE_STATUSES


# --- The record of the process: status history and edit history -----------------------
# The decision (date, §, dnr) is public with the adopted programme; the drafting is not, nor are
# officials' names and the comments on the steps (docs/permissions.md, "What is public").


def status_changes_visible_to(user, queryset: QuerySet) -> QuerySet:
    """The status changes in ``queryset`` that ``user`` may see: those into or out of a status
    in which ``user`` may read the programme (the public sees adoption and supersession)."""
    statuses = visible_statuses(user)
    if statuses is None:
        return queryset
    return queryset.filter(Q(from_status__in=statuses) | Q(to_status__in=statuses))


def can_view_status_change_details(user) -> bool:
    """May ``user`` see who took each status step and the comment on it?

    Those who read programmes before they are public; never the public.
    """
    statuses = visible_statuses(user)
    return statuses is None or not statuses <= set(PUBLIC_STATUSES)


def can_view_edit_history(user, programme: Programme) -> bool:
    """May ``user`` read who changed what (and the earlier values) in ``programme``, its sections
    and measures? Only those who may read it as a draft, where its text is written."""
    statuses = visible_statuses(user)
    return statuses is None or (Status.DRAFT in statuses and programme.status in statuses)


# Why a coordinator may not change the text now, and what to do about it, per status.
LOCKED_TEXT_REASONS = {
    Status.CONSULTATION: _(
        "The text is locked while the programme is out for consultation. "
        "Close the consultation to edit it."
    ),
    Status.SUBMITTED: _(
        "The text is locked while the municipal council decides on it. "
        "If the council refers it back, return it to draft to edit it."
    ),
    Status.ADOPTED: _(
        "The adopted text is not changed. Revise the programme to write a new version."
    ),
    Status.SUPERSEDED: _(
        "A superseded programme is kept as it was adopted. Edit the version that replaced it."
    ),
    Status.WITHDRAWN: _(
        "A withdrawn programme is kept as it was. Start a new programme to write again."
    ),
}


def edit_refusal_reason(user, programme: Programme) -> str:
    """Why ``user`` may not edit ``programme`` when the reason is its status, not their role
    (a coordinator facing a locked text); empty otherwise."""
    if not is_coordinator(user) or can_edit_programme(user, programme):
        return ""
    return str(LOCKED_TEXT_REASONS.get(programme.status, ""))


def can_import_measures(user, programme: Programme) -> bool:
    """May ``user`` import measures from a spreadsheet into ``programme``? As for editing it:
    coordinators, drafts only (programme/imports/)."""
    return can_edit_programme(user, programme)


# --- Workflow (programme/decisions/) -----------------------------
# Coordinators move a programme through its pipeline, run consultations and revise; an invited
# committee's officers (a committees.Membership in that committee) answer for their committee.


def can_run_workflow(user, programme: Programme) -> bool:
    """May ``user`` send, submit, adopt, withdraw or revise ``programme``?"""
    return is_coordinator(user)


def can_view_consultation(user, programme: Programme) -> bool:
    """May ``user`` see every committee's consultation answers on ``programme``?"""
    return is_coordinator(user)


def committees_answerable_by(user) -> frozenset[int]:
    """Ids of the committees ``user`` answers consultations for (their memberships)."""
    return roles.committee_ids(user)


def can_answer_consultation(user, invitation) -> bool:
    """May ``user`` write ``invitation``'s answer? Only officers of the invited committee."""
    return invitation.committee_id in committees_answerable_by(user)


def can_view_consultation_answer(user, invitation) -> bool:
    """May ``user`` read ``invitation``'s answer? Its committee's officers and coordinators."""
    return can_answer_consultation(user, invitation) or can_view_consultation(
        user, invitation.round.programme
    )


def can_request_pdf(user, programme: Programme) -> bool:
    """May ``user`` ask for a PDF of ``programme``? Coordinators, for programmes not yet adopted.

    Adopted (and superseded) programmes are rendered by the system and downloadable by everyone.
    """
    return programme.status not in PUBLIC_STATUSES and is_coordinator(user)


# Each status's readers include those of the statuses before it in this list (the table above).
_AUDIENCE_ORDER = (
    (Status.DRAFT, Status.WITHDRAWN),
    (Status.CONSULTATION,),
    (Status.SUBMITTED,),
    PUBLIC_STATUSES,
)


def less_public_status(first: str, second: str) -> str:
    """Of two statuses, the one fewer people may read (``first`` when they are read alike).

    A PDF asked for in one status may be rendered after the programme moved on: its file is
    shown to the smaller audience of the two.
    """

    def audience(status: str) -> int:
        return next(rank for rank, group in enumerate(_AUDIENCE_ORDER) if status in group)

    return second if audience(second) < audience(first) else first


def render_jobs_visible_to(user, queryset: QuerySet) -> QuerySet:
    """The render jobs in ``queryset`` whose status and file ``user`` may fetch.

    Those rendered from a status ``user`` may read, of a programme ``user`` may read now.
    """
    statuses = visible_statuses(user)
    if statuses is None:
        return queryset
    return queryset.filter(programme_status__in=statuses, programme__status__in=statuses)


def can_download_archive_package(user) -> bool:
    """May ``user`` download adopted editions' archive packages? Coordinators only."""
    return is_coordinator(user)


# --- The start page ("Att göra", programme/start/) ------------------------------------------
START_COORDINATOR = "coordinator"
START_OFFICER = "officer"
START_COUNCIL = "council"


def start_page_parts(user) -> frozenset[str]:
    """Which parts of the start page concern ``user`` (empty: the programme list is their start).

    Coordinators follow consultations, submissions and overdue measures; officers answer their
    committee's remisses and keep its measures; council members decide on submitted programmes.
    """
    parts = set()
    if is_coordinator(user):
        parts.add(START_COORDINATOR)
    if committees_answerable_by(user):
        parts.add(START_OFFICER)
    if roles.is_council_member(user):
        parts.add(START_COUNCIL)
    return frozenset(parts)
