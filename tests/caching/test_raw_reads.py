"""The hand-written SQL on the hot path gives the ORM's answers."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from committees import roles
from committees.services import membership_add
from measures.models import Measure
from programme import page_heads
from programme.models import Programme
from tests.factories import UserFactory


def test_heads_match_the_orm(programme, coordinator, ks):
    expected = Programme.objects.values_list("pk", "status", "content_version").get(pk=programme.pk)
    head = page_heads.programme_head(AnonymousUser(), programme.pk)
    assert (head.pk, head.status, head.content_version) == expected
    for measure in Measure.objects.filter(section__programme=programme):
        assert page_heads.measure_head(AnonymousUser(), measure.pk) == head
    exists, heads = page_heads.committee_page_heads(coordinator, ks.pk)
    assert exists
    assert [(h.pk, h.status, h.content_version) for h in heads] == list(
        Programme.objects.order_by("pk").values_list("pk", "status", "content_version")
    )
    # The roles came in the same statement, and match the ORM's.
    assert roles.group_names(coordinator) == set(coordinator.groups.values_list("name", flat=True))


@pytest.mark.django_db
def test_heads_of_what_does_not_exist_are_none():
    user = UserFactory(username="nagon")
    assert page_heads.programme_head(user, 987654) is None
    assert page_heads.measure_head(AnonymousUser(), 987654) is None
    assert page_heads.committee_page_heads(user, 987654) == (False, [])
    assert roles.group_names(user) == set()


def test_roles_match_the_orm(ks, fn):
    user = UserFactory(username="flera.roller")
    user.groups.add(Group.objects.get_or_create(name=roles.COUNCIL_MEMBERS)[0])
    membership_add(user=user, committee=ks)
    membership_add(user=user, committee=fn, role="chair")
    user = type(user).objects.get(pk=user.pk)  # nothing cached on it
    assert roles.group_names(user) == set(user.groups.values_list("name", flat=True))
    assert roles.seats(user) == frozenset(user.memberships.values_list("committee_id", "role"))
    assert roles.committee_ids(user) == {ks.pk, fn.pk}


@pytest.mark.django_db
def test_a_user_without_roles_has_none():
    user = UserFactory(username="utan.roller")
    assert roles.group_names(user) == set()
    assert roles.seats(user) == frozenset()
