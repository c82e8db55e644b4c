"""Who may see a committee's pages and manage its memberships.

The whole role table is in ``programme.permissions``; this module answers the committee questions.

- A committee's **assignment page** ("Vårt uppdrag") is for the committee's own officers and chair
  and for coordinators (every committee). Council members and other signed-in users read the
  programmes instead; they get 403 here. Committees are not secret (they are named in every
  public programme), so a refusal is 403, not 404.
- **Memberships** (who sits in which committee, as officer or chair) are managed by coordinators
  on the membership page, and by superusers in the admin. Organisation-wide groups (coordinators,
  council members, administrators) are not managed there: only an administrator in the Django
  admin grants them, so a coordinator cannot widen anyone's organisation-wide rights.
"""

from django.db.models import QuerySet

from . import roles
from .models import Committee


def committees_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The committees whose assignment page ``user`` may open."""
    queryset = Committee.objects.all() if queryset is None else queryset
    if roles.is_coordinator(user):
        return queryset
    return queryset.filter(pk__in=roles.committee_ids(user))


def can_view_any_committee(user) -> bool:
    """Is there an assignment page ``user`` may open? Answered from the roles, with no query."""
    return roles.is_coordinator(user) or bool(roles.committee_ids(user))


def can_view_committee(user, committee_id: int) -> bool:
    """May ``user`` open the assignment page of committee ``committee_id``?"""
    return roles.is_coordinator(user) or committee_id in roles.committee_ids(user)


def can_manage_memberships(user) -> bool:
    """May ``user`` add, change and remove committee memberships?"""
    return roles.is_coordinator(user)
