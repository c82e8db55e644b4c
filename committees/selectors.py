"""Reads that the committee membership pages need."""

from django.db.models import QuerySet

from .models import Committee, Membership


def committee_memberships(*, committee: Committee) -> QuerySet[Membership]:
    """The committee's members with their users, by name."""
    return committee.memberships.select_related("user").order_by(
        "user__last_name", "user__first_name", "user__username"
    )
