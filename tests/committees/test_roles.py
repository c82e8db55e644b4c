"""The roles read in one query give the ORM's answers; the signature holds roles, not people."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from committees import roles
from committees.services import membership_add
from tests.factories import CommitteeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_roles_match_the_orm():
    ks = CommitteeFactory(name="Kommunstyrelsen", code="KS")
    fn = CommitteeFactory(name="Fritidsnämnden", code="FN")
    user = UserFactory(username="flera.roller")
    user.groups.add(Group.objects.get_or_create(name=roles.COUNCIL_MEMBERS)[0])
    membership_add(user=user, committee=ks)
    membership_add(user=user, committee=fn, role="chair")
    user = type(user).objects.get(pk=user.pk)  # nothing cached on it
    assert roles.group_names(user) == set(user.groups.values_list("name", flat=True))
    assert roles.seats(user) == frozenset(user.memberships.values_list("committee_id", "role"))
    assert roles.committee_ids(user) == {ks.pk, fn.pk}


def test_a_user_without_roles_has_none():
    user = UserFactory(username="utan.roller")
    assert roles.group_names(user) == set()
    assert roles.seats(user) == frozenset()


def test_two_people_without_roles_have_one_signature_and_the_public_its_own():
    first = UserFactory(username="forsta", first_name="Anna")
    second = UserFactory(username="andra", first_name="Bo")
    assert roles.signature(first) == roles.signature(second)
    assert roles.signature(AnonymousUser()) != roles.signature(first)
