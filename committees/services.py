"""Writes to committees, partners and memberships, and the object permissions that follow them."""

from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from . import roles
from .models import Committee, Membership, Partner
from .permissions import can_manage_memberships

MEASURE_CHANGE_PERMISSION = "measures.change_measure"


@transaction.atomic
def committee_create(*, name: str, code: str, kind: str = Committee.Kind.COMMITTEE) -> Committee:
    """Create a committee together with the group its officers belong to."""
    committee = Committee(name=name, code=code, kind=kind)
    committee.full_clean()
    committee.group = Group.objects.create(name=_group_name(code))
    committee.save()
    return committee


def committee_get_or_create(
    *, name: str, code: str, kind: str = Committee.Kind.COMMITTEE
) -> Committee:
    """Return the committee with ``code``, creating it if it does not exist."""
    existing = Committee.objects.filter(code=code).first()
    return existing or committee_create(name=name, code=code, kind=kind)


def _group_name(code: str) -> str:
    return f"Nämnd: {code}"


@transaction.atomic
def committee_ensure_group(*, committee: Committee) -> Group:
    """The committee's permission group, created if the committee has none (e.g. added in the admin)."""
    if committee.group_id:
        return committee.group
    group, _created = Group.objects.get_or_create(name=_group_name(committee.code))
    committee.group = group
    committee.save(update_fields=["group"])
    return group


def partner_get_or_create(*, name: str, kind: str = Partner.Kind.AUTHORITY) -> Partner:
    """Return the partner named ``name``, creating it if it does not exist."""
    partner, _created = Partner.objects.get_or_create(name=name, defaults={"kind": kind})
    return partner


# Object permissions. Called by measures.services inside its transaction; never from signals.


def committee_grant_measure(*, committee: Committee, measure: models.Model) -> None:
    """Give ``committee``'s group the right to update ``measure``'s follow-up."""
    assign_perm(MEASURE_CHANGE_PERMISSION, committee_ensure_group(committee=committee), measure)


def committee_revoke_measure(*, committee: Committee, measure: models.Model) -> None:
    """Take the right to update ``measure``'s follow-up away from ``committee``'s group."""
    if committee.group_id:
        remove_perm(MEASURE_CHANGE_PERMISSION, committee.group, measure)


# Memberships. ``actor=None`` is a system call (seed_demo, migrations); pages always pass the actor.


def _check_manager(actor) -> None:
    if actor is not None and not can_manage_memberships(actor):
        raise PermissionDenied(_("You may not manage committee memberships."))


@transaction.atomic
def membership_add(
    *, user, committee: Committee, role: str = Membership.Role.OFFICER, actor=None
) -> Membership:
    """Seat ``user`` in ``committee`` with ``role``; they join the committee's permission group."""
    _check_manager(actor)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose officer or chair.")}, code="invalid_role")
    membership, created = Membership.objects.get_or_create(
        user=user, committee=committee, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    user.groups.add(committee_ensure_group(committee=committee))
    roles.forget(user)
    return membership


@transaction.atomic
def membership_change_role(*, actor, membership: Membership, role: str) -> Membership:
    """Make ``membership`` an officer's or a chair's seat."""
    _check_manager(actor)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose officer or chair.")}, code="invalid_role")
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_change(
    *, actor, membership: Membership, user, committee: Committee, role: str
) -> Membership:
    """Make ``membership`` ``user``'s seat in ``committee`` with ``role`` (as the admin edits it).

    Another user or committee is another seat: the stored one is ended through
    :func:`membership_remove` first, so its holder leaves the group and its rights at once.
    """
    _check_manager(actor)
    stored = Membership.objects.select_related("user", "committee").get(pk=membership.pk)
    if (stored.user_id, stored.committee_id) == (user.pk, committee.pk):
        return membership_change_role(actor=actor, membership=stored, role=role)
    membership_remove(actor=actor, membership=stored)
    return membership_add(actor=actor, user=user, committee=committee, role=role)


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    """End ``membership``; the user leaves the committee's group and loses its rights at once."""
    _check_manager(actor)
    committee, user = membership.committee, membership.user
    membership.delete()
    if committee.group_id:
        user.groups.remove(committee.group)
    roles.forget(user)


# Users signed in through the identity provider (committees.sso). A system call: the provider
# is the authority, so there is no actor to check.

# The organisation-wide groups the identity provider may grant; administrators are granted in
# the admin only, so a provider's group can never make anybody staff or superuser.
PROVIDER_GROUPS = (roles.COORDINATORS, roles.COUNCIL_MEMBERS)


@transaction.atomic
def identity_user_save(
    *,
    user=None,
    username: str,
    email: str,
    first_name: str,
    last_name: str,
    organisation_groups: frozenset[str] | None = None,
    seats: Mapping[Committee, str] | None = None,
):
    """Create (``user=None``) or update the user the provider signed in, from its claims.

    With ``organisation_groups`` and ``seats`` (from the provider's group claim) the user's
    coordinator and council-member groups and committee seats are made exactly these, so a
    group removed at the provider is access removed now; ``None`` leaves the roles as they are
    (they are then managed on the membership page).
    """
    if user is None:
        user = get_user_model()(username=username)
        user.set_unusable_password()
    values = {"email": email, "first_name": first_name, "last_name": last_name}
    changed = [name for name, value in values.items() if getattr(user, name) != value]
    if changed or user.pk is None:
        for name in changed:
            setattr(user, name, values[name])
        user.full_clean(exclude=["password"])
        user.save(update_fields=changed if user.pk else None)
    if organisation_groups is not None:
        _organisation_groups_set(user=user, names=organisation_groups)
    if seats is not None:
        _seats_set(user=user, seats=seats)
    roles.forget(user)
    return user


def _organisation_groups_set(*, user, names: frozenset[str]) -> None:
    wanted = {Group.objects.get_or_create(name=name)[0] for name in names}
    held = set(user.groups.filter(name__in=PROVIDER_GROUPS))
    if held - wanted:
        user.groups.remove(*(held - wanted))
    if wanted - held:
        user.groups.add(*(wanted - held))


def _seats_set(*, user, seats: Mapping[Committee, str]) -> None:
    held = {m.committee_id: m for m in user.memberships.select_related("committee")}
    for committee, role in seats.items():
        membership = held.pop(committee.pk, None)
        if membership is None or membership.role != role:
            membership_add(user=user, committee=committee, role=role)
    for membership in held.values():
        membership_remove(actor=None, membership=membership)
