"""Writes to committees, partners and memberships."""

from django.contrib.auth.models import Group
from django.db import transaction

from .models import Committee, Membership, Partner


@transaction.atomic
def committee_create(*, name: str, code: str, kind: str = Committee.Kind.COMMITTEE) -> Committee:
    """Create a committee together with the group its officers belong to."""
    committee = Committee(name=name, code=code, kind=kind)
    committee.full_clean()
    committee.group = Group.objects.create(name=f"Nämnd: {code}")
    committee.save()
    return committee


def committee_get_or_create(
    *, name: str, code: str, kind: str = Committee.Kind.COMMITTEE
) -> Committee:
    """Return the committee with ``code``, creating it if it does not exist."""
    existing = Committee.objects.filter(code=code).first()
    return existing or committee_create(name=name, code=code, kind=kind)


def partner_get_or_create(*, name: str, kind: str = Partner.Kind.AUTHORITY) -> Partner:
    """Return the partner named ``name``, creating it if it does not exist."""
    partner, _created = Partner.objects.get_or_create(name=name, defaults={"kind": kind})
    return partner


@transaction.atomic
def membership_add(
    *, user, committee: Committee, role: str = Membership.Role.OFFICER
) -> Membership:
    """Seat ``user`` in ``committee`` with ``role``; they join the committee's permission group."""
    membership, created = Membership.objects.get_or_create(
        user=user, committee=committee, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    if committee.group_id:
        user.groups.add(committee.group)
    return membership
