"""Who may change what on a measure: the one place that answers it.

The roles and what they read are in ``programme.permissions``; this module adds the measure rules.

- **Text, dates, assignment, partners and order** follow the programme:
  ``can_edit_measure`` is ``programme.permissions.can_edit_programme`` (coordinators, programmes
  in draft or consultation).
- **Follow-up** (``FOLLOW_UP_FIELDS``: status, progress, progress note, indicator value; each change
  is a progress update on the measure's timeline, ``measures.follow_up.services``):
  - the officers and chair of the measure's **responsible committee** update them while the
    programme is **adopted** (the programme in force). Before adoption the coordinator drafts
    them; a superseded or withdrawn programme is history and stays as it was;
  - the right is a django-guardian object permission, ``measures.change_measure``, held by the
    responsible committee's group. ``measures.services`` grants it when a measure is created and
    moves it, in the same transaction, when the responsible committee changes, so the old
    committee loses access at once. A model-wide ("global") ``change_measure`` does not count;
  - **coordinators** (and superusers) update them on programmes in draft, consultation or adopted,
    for any committee (they run the follow-up round and correct mistakes).
- **Co-responsible committees** add a progress note to a measure of an adopted programme; the note
  is a timeline entry of its own (``measures.models.ProgressUpdate``), signed with the author, the
  committee and the date. They change neither the status, the progress, the indicator value, nor
  what others wrote. Co-responsibility is read from
  the measure's ``co_responsible_committees`` (there is no guardian permission for it).
- Everyone else changes nothing on a measure. A measure whose programme the user may not read
  answers 404; one they may read but not change answers 403.
"""

from django.db.models import Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from committees import roles
from programme.models import Programme
from programme.permissions import (
    can_edit_programme,
    can_view_programme,
    is_coordinator,
    programmes_visible_to,
    reads_only_public,
)

from .models import Measure, ProgressUpdate, ReportingRound, RoundPart

FOLLOW_UP_FIELDS = ("status", "progress", "progress_note", "indicator_value")
CHANGE_PERMISSION = "measures.change_measure"

# Programme statuses in which the follow-up fields may change, per role.
OFFICER_FOLLOW_UP_STATUSES = (Programme.Status.ADOPTED,)
# Follow-up fields are not part of the text: the coordinator keeps them current until adoption too.
COORDINATOR_FOLLOW_UP_STATUSES = (
    Programme.Status.DRAFT,
    Programme.Status.CONSULTATION,
    Programme.Status.ADOPTED,
)


def can_edit_measure(user, measure: Measure) -> bool:
    """May ``user`` change the measure's text, dates, committees, partners or position?"""
    return can_edit_programme(user, measure.section.programme)


def measures_editable_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """The measures whose follow-up fields ``user`` may update, as one queryset (no per-row queries)."""
    queryset = Measure.objects.all() if queryset is None else queryset
    if not (user.is_authenticated and user.is_active):
        return queryset.none()
    if is_coordinator(user):
        return queryset.filter(section__programme__status__in=COORDINATOR_FOLLOW_UP_STATUSES)
    granted = get_objects_for_user(
        user, CHANGE_PERMISSION, klass=queryset, with_superuser=False, accept_global_perms=False
    )
    return granted.filter(section__programme__status__in=OFFICER_FOLLOW_UP_STATUSES)


def measures_open_for_notes_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """The measures ``user`` may add a progress note to: those they update, plus co-responsibility."""
    queryset = Measure.objects.all() if queryset is None else queryset
    editable = measures_editable_by(user, queryset).values("pk")
    co_responsible = queryset.filter(
        section__programme__status__in=OFFICER_FOLLOW_UP_STATUSES,
        co_responsible_committees__in=roles.committee_ids(user),
    ).values("pk")
    return queryset.filter(Q(pk__in=editable) | Q(pk__in=co_responsible))


def can_update_follow_up(user, measure: Measure) -> bool:
    """May ``user`` change the follow-up fields of ``measure``?"""
    if not (user.is_authenticated and user.is_active):
        return False
    status = measure.section.programme.status
    if is_coordinator(user):
        return status in COORDINATOR_FOLLOW_UP_STATUSES
    if status not in OFFICER_FOLLOW_UP_STATUSES:
        return False
    return measures_editable_by(user).filter(pk=measure.pk).exists()


def can_add_progress_note(user, measure: Measure) -> bool:
    """May ``user`` add a progress note to ``measure`` (without changing its status)?"""
    if can_update_follow_up(user, measure):
        return True
    if measure.section.programme.status not in OFFICER_FOLLOW_UP_STATUSES:
        return False
    co_responsible = {committee.pk for committee in measure.co_responsible_committees.all()}
    return bool(co_responsible & roles.committee_ids(user))


# --- Reporting rounds (årlig uppföljning; measures.follow_up.round_services) -----------------
# Coordinators open, reopen parts of and close the rounds of an adopted programme. An asked
# committee's officers and chair report on their part while the round and the part are open; a
# ready part is locked. Coordinators and council members read the round pages.


ROUND_STATUSES = (Programme.Status.ADOPTED, Programme.Status.SUPERSEDED)


def can_manage_rounds(user, programme: Programme) -> bool:
    """May ``user`` open, close and reopen parts of reporting rounds of ``programme``?"""
    return is_coordinator(user) and programme.status in OFFICER_FOLLOW_UP_STATUSES


def can_view_rounds(user, programme: Programme) -> bool:
    """May ``user`` read the rounds of ``programme`` (every committee's part, the comparison)?
    Rounds belong to a programme in force, and stay readable once a revision supersedes it."""
    if not (user.is_authenticated and user.is_active):
        return False
    if programme.status not in ROUND_STATUSES:
        return False
    return is_coordinator(user) or (
        roles.is_council_member(user) and can_view_programme(user, programme)
    )


def can_view_round_part(user, part) -> bool:
    """May ``user`` read ``part`` (its committee's members, and those who read every part)?"""
    if can_view_rounds(user, part.round.programme):
        return True
    return user.is_authenticated and part.committee_id in roles.committee_ids(user)


def can_report_round_part(user, part) -> bool:
    """May ``user`` add updates to ``part`` or mark it ready? Its committee's seats (and
    coordinators), while the round is open and the part not yet ready."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not part.round.is_open or part.is_ready:
        return False
    if part.round.programme.status not in OFFICER_FOLLOW_UP_STATUSES:
        return False
    return is_coordinator(user) or part.committee_id in roles.committee_ids(user)


def round_parts_reportable_by(user) -> QuerySet:
    """The parts ``user``'s committees may still report on: the queryset side of
    ``can_report_round_part`` for a committee's members (open round, part not ready, programme
    in force)."""
    return RoundPart.objects.filter(
        committee_id__in=roles.committee_ids(user),
        state=RoundPart.State.OPEN,
        round__state=ReportingRound.State.OPEN,
        round__programme__status__in=OFFICER_FOLLOW_UP_STATUSES,
    )


def can_reopen_round_part(user, part) -> bool:
    """May ``user`` unlock a ready part so its committee can report again?"""
    return part.round.is_open and part.is_ready and can_manage_rounds(user, part.round.programme)


def can_close_round(user, reporting_round) -> bool:
    """May ``user`` close ``reporting_round``? Also once a revision has superseded its programme,
    so that a round left open then can still be closed (and its snapshot kept)."""
    return (
        reporting_round.is_open
        and is_coordinator(user)
        and reporting_round.programme.status in ROUND_STATUSES
    )


# --- The follow-up dashboard (programme/dashboard/) ------------------------------------------
# Each adopted (or superseded) programme has one. Those who read its rounds (coordinators and
# council members) read it with the committees' notes and who signed the latest update; anyone,
# signed in or not, reads the public variant, which has neither (docs/permissions.md).


def has_dashboard(programme: Programme) -> bool:
    """Is there a follow-up dashboard of ``programme``? From adoption on; never of a draft."""
    return programme.status in ROUND_STATUSES


def can_view_dashboard(user, programme: Programme) -> bool:
    """May ``user`` read ``programme``'s dashboard with notes and names? As its rounds."""
    return has_dashboard(programme) and can_view_rounds(user, programme)


def can_download_round_report(user, reporting_round) -> bool:
    """May ``user`` download the follow-up report (PDF) of ``reporting_round``? Whoever may read
    its programme, once the round is closed: the report is printed from the frozen snapshot (a
    closed round always has one: ``reporting_round_closed_has_snapshot``), and an open round has
    no report to offer yet."""
    programme = reporting_round.programme
    return (
        not reporting_round.is_open
        and programme.status in ROUND_STATUSES
        and can_view_programme(user, programme)
    )


# --- What the public reads of the follow-up (docs/permissions.md, "The follow-up in public") ---
# The committees' reports on a public programme are public: each update's status, progress,
# note, indicator value, committee and date, and a closed round's frozen reports with the
# committees' decisions. Officials' names and the co-responsible committees' notes are working
# material, as the status history's names and comments are; an open round is work in progress,
# read on the round pages by coordinators and council members.


def can_view_follow_up_details(user) -> bool:
    """May ``user`` read who signed each timeline entry (and each round report) and the
    co-responsible committees' notes? Those who read programmes before they are public."""
    return not reads_only_public(user)


def timeline_visible_to(user, queryset: QuerySet) -> QuerySet:
    """The timeline entries in ``queryset`` that ``user`` may read: the public reads the
    responsible committees' updates, not the notes."""
    if can_view_follow_up_details(user):
        return queryset
    return queryset.filter(kind=ProgressUpdate.Kind.UPDATE)


def rounds_visible_to(
    user, queryset: QuerySet | None = None, *, with_own_parts: bool = False
) -> QuerySet:
    """The reporting rounds ``user`` may read, as a queryset: the closed rounds of programmes in
    force or superseded that ``user`` may read, and the open ones too for those who read the
    round pages (``can_view_rounds``). ``with_own_parts`` adds the open rounds in which a
    committee of ``user``'s is asked (they read that part's page, ``can_view_round_part``)."""
    queryset = ReportingRound.objects.all() if queryset is None else queryset
    queryset = queryset.filter(
        programme__in=programmes_visible_to(user), programme__status__in=ROUND_STATUSES
    )
    if is_coordinator(user) or roles.is_council_member(user):
        return queryset
    readable = Q(state=ReportingRound.State.CLOSED)
    if with_own_parts and roles.committee_ids(user):
        readable |= Q(parts__committee__in=roles.committee_ids(user))
    return queryset.filter(readable).distinct()


def can_view_round(user, reporting_round) -> bool:
    """May ``user`` read ``reporting_round`` as a whole (its parts, and once closed its reports)?"""
    programme = reporting_round.programme
    if not can_view_programme(user, programme) or programme.status not in ROUND_STATUSES:
        return False
    return not reporting_round.is_open or can_view_rounds(user, programme)
