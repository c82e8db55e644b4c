"""Reads: who receives which e-mail, and what a user has turned off."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from committees import roles
from committees.models import Membership

from .models import Kind, NotificationOptOut


def _reachable() -> QuerySet:
    return get_user_model().objects.filter(is_active=True).exclude(email="")


def officers_by_committee(committee_ids) -> dict[int, list]:
    """The active users with an e-mail address who hold a seat in each of ``committee_ids``."""
    committee_ids = set(committee_ids)
    result: dict[int, list] = {pk: [] for pk in committee_ids}
    seats = (
        Membership.objects.filter(committee_id__in=committee_ids, user__in=_reachable())
        .select_related("user")
        .order_by("committee_id", "user__username")
    )
    for seat in seats:
        result[seat.committee_id].append(seat.user)
    return result


def coordinators() -> list:
    """The coordinators (the group, not every superuser: an administrator is no coordinator)."""
    return list(_reachable().filter(groups__name=roles.COORDINATORS).distinct())


def council_members() -> list:
    return list(_reachable().filter(groups__name=roles.COUNCIL_MEMBERS).distinct())


def kinds_turned_off(user) -> set[str]:
    return set(NotificationOptOut.objects.filter(user=user).values_list("kind", flat=True))


def notification_settings(user) -> list[tuple[str, str, bool]]:
    """(kind, label, on) for every kind, in the order of ``Kind``."""
    off = kinds_turned_off(user)
    return [(kind.value, kind.label, kind.value not in off) for kind in Kind]
