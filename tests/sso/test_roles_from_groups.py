"""Roles from the provider's group claim (committees.sso, committees.services.identity_user_save)."""

import pytest
from django.contrib.auth.models import Group

from committees import roles
from committees.models import Membership
from committees.services import identity_user_save, membership_add
from committees.sso import ClaimsBackend, access_from_groups
from tests.factories import CommitteeFactory, UserFactory

from .conftest import OFFLINE, sso_settings

pytestmark = pytest.mark.django_db

GROUP_MAP = {
    "sn": ["SN"],
    "sn-ordf": ["Socialnämnden:chair"],
    "ks": ["KS"],
    "samordnare": ["coordinator"],
    "kf": ["council_member"],
    "gammal": ["Nedlagd nämnd"],
}


@pytest.fixture
def committees():
    return {
        "SN": CommitteeFactory(code="SN", name="Socialnämnden"),
        "KS": CommitteeFactory(code="KS", name="Kommunstyrelsen"),
    }


def _claims(groups, **extra):
    return {
        "sub": "1",
        "preferred_username": "anna.lind",
        "email": "anna@example.se",
        "given_name": "Anna",
        "family_name": "Lind",
        "groups": groups,
        **extra,
    }


def _seats(user):
    return {(m.committee.code, m.role) for m in Membership.objects.filter(user=user)}


def test_groups_map_to_organisation_roles_and_seats_by_code_or_name(committees, caplog):
    organisation, seats = access_from_groups(
        ["sn", "sn-ordf", "samordnare", "gammal", "unmapped"], GROUP_MAP
    )
    assert organisation == {roles.COORDINATORS}
    assert seats == {committees["SN"]: Membership.Role.CHAIR}  # the chair's seat outranks
    assert "Nedlagd nämnd" in caplog.text


def test_the_first_sign_in_creates_the_user_with_the_mapped_roles(committees):
    with sso_settings({**OFFLINE, "OIDC_GROUP_MAP": '{"sn": "SN", "kf": "council_member"}'}):
        user = ClaimsBackend().create_user(_claims(["sn", "kf"]))
    assert (user.username, user.get_full_name(), user.email) == (
        "anna.lind",
        "Anna Lind",
        "anna@example.se",
    )
    assert not user.has_usable_password()
    assert _seats(user) == {("SN", "officer")}
    assert roles.is_council_member(user) and not roles.is_coordinator(user)
    assert user.groups.filter(pk=committees["SN"].group_id).exists()


def test_every_sign_in_makes_the_roles_match_the_groups(committees):
    user = identity_user_save(
        username="anna.lind",
        email="a@example.se",
        first_name="Anna",
        last_name="Lind",
        organisation_groups=frozenset({roles.COORDINATORS}),
        seats={committees["SN"]: "officer", committees["KS"]: "officer"},
    )
    admins = Group.objects.create(name=roles.ADMINISTRATORS)
    user.groups.add(admins)
    identity_user_save(
        user=user,
        username="anna.lind",
        email="anna.lind@example.se",
        first_name="Anna",
        last_name="Lind-Berg",
        organisation_groups=frozenset({roles.COUNCIL_MEMBERS}),
        seats={committees["SN"]: "chair"},
    )
    user.refresh_from_db()
    assert (user.email, user.last_name) == ("anna.lind@example.se", "Lind-Berg")
    assert _seats(user) == {("SN", "chair")}
    names = set(user.groups.values_list("name", flat=True))
    # Kommunstyrelsen's group went with the seat; the administrators' group is the admin's.
    assert names == {roles.COUNCIL_MEMBERS, roles.ADMINISTRATORS, "Nämnd: SN"}


def test_without_a_map_the_membership_page_keeps_deciding(committees):
    user = UserFactory(username="anna.lind")
    membership_add(user=user, committee=committees["KS"])
    with sso_settings(OFFLINE):
        ClaimsBackend().update_user(user, _claims(["sn", "samordnare"]))
    assert _seats(user) == {("KS", "officer")}
    assert not roles.is_coordinator(user)
    assert user.get_full_name() == "Anna Lind"


def test_claims_without_the_username_or_naming_the_break_glass_account_are_refused(db):
    with sso_settings({**OFFLINE, "LOCAL_LOGIN_BREAK_GLASS_USER": "nodkonto"}):
        backend = ClaimsBackend()
        assert backend.verify_claims(_claims([]))
        assert not backend.verify_claims(_claims([], preferred_username=""))
        assert not backend.verify_claims(_claims([], preferred_username="nodkonto"))
        assert not backend.verify_claims(_claims([], preferred_username="NodKonto"))
        assert backend.verify_claims(_claims([], upn="x", preferred_username=None)) is False


def test_the_username_claim_is_configurable_and_finds_the_existing_user(db):
    existing = UserFactory(username="al1234")
    with sso_settings({**OFFLINE, "OIDC_USERNAME_CLAIM": "employee_id"}):
        backend = ClaimsBackend()
        assert list(backend.filter_users_by_claims(_claims([], employee_id="al1234"))) == [existing]
        assert not backend.filter_users_by_claims(_claims([], employee_id="zz9"))


def test_an_inactive_user_is_not_signed_in(db):
    user = UserFactory(is_active=False)
    with sso_settings(OFFLINE):
        assert ClaimsBackend().get_user(user.pk) is None
