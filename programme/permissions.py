"""Who may see and do what with programmes: the one place that answers it.

Foundation rules (the permissions issue refines them per role and committee):
- an anonymous visitor sees adopted and superseded programmes only (public documents);
- a signed-in user sees every programme;
- a coordinator (group ``Samordnare``) or superuser creates programmes and edits those that are
  not adopted, superseded or withdrawn;
- a programme that a user may not see answers 404, so its existence is not revealed.
"""

from django.db.models import QuerySet

from committees import roles

from .models import Programme

PUBLIC_STATUSES = (Programme.Status.ADOPTED, Programme.Status.SUPERSEDED)
EDITABLE_STATUSES = (Programme.Status.DRAFT, Programme.Status.CONSULTATION)


def _in_group(user, name: str) -> bool:
    # One query per request at most: the user's group names are cached on the user object.
    if not hasattr(user, "_group_names_cache"):
        user._group_names_cache = set(user.groups.values_list("name", flat=True))
    return name in user._group_names_cache


def is_coordinator(user) -> bool:
    """Is ``user`` a coordinator (social services) or a superuser?"""
    return user.is_authenticated and (user.is_superuser or _in_group(user, roles.COORDINATORS))


def programmes_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The programmes ``user`` may read, as a queryset."""
    queryset = Programme.objects.all() if queryset is None else queryset
    if user.is_authenticated:
        return queryset
    return queryset.filter(status__in=PUBLIC_STATUSES)


def can_view_programme(user, programme: Programme) -> bool:
    """May ``user`` read ``programme``?"""
    return user.is_authenticated or programme.status in PUBLIC_STATUSES


def can_create_programme(user) -> bool:
    """May ``user`` start a new programme (or extend an earlier one)?"""
    return is_coordinator(user)


def can_edit_programme(user, programme: Programme) -> bool:
    """May ``user`` change the text and structure of ``programme`` (metadata, sections, measures)?"""
    return is_coordinator(user) and programme.status in EDITABLE_STATUSES


# --- Workflow (programme/workflow.py, programme/consultation.py) -----------------------------
# Coordinators move a programme through its pipeline, run consultations and revise; an invited
# committee's officers (a committees.Membership in that committee) answer for their committee.


def can_run_workflow(user, programme: Programme) -> bool:
    """May ``user`` send, submit, adopt, withdraw or revise ``programme``?"""
    return is_coordinator(user)


def can_view_consultation(user, programme: Programme) -> bool:
    """May ``user`` see every committee's consultation answers on ``programme``?"""
    return is_coordinator(user)


def committees_answerable_by(user) -> set[int]:
    """Ids of the committees ``user`` answers consultations for (their memberships)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_membership_committee_ids"):
        user._membership_committee_ids = set(
            user.memberships.values_list("committee_id", flat=True)
        )
    return user._membership_committee_ids


def can_answer_consultation(user, invitation) -> bool:
    """May ``user`` write ``invitation``'s answer? Only officers of the invited committee."""
    return invitation.committee_id in committees_answerable_by(user)


def can_view_consultation_answer(user, invitation) -> bool:
    """May ``user`` read ``invitation``'s answer? Its committee's officers and coordinators."""
    return can_answer_consultation(user, invitation) or can_view_consultation(
        user, invitation.round.programme
    )
