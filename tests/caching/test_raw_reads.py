"""The hand-written SQL on the hot path gives the ORM's answers."""

import pytest
from django.contrib.auth.models import Group

from committees import roles
from committees.models import Committee
from committees.services import membership_add
from measures.models import Measure
from programme import page_heads
from programme.models import Programme
from tests.factories import UserFactory


def test_heads_match_the_orm(programme):
    expected = Programme.objects.values_list("pk", "status", "content_version").get(pk=programme.pk)
    head = page_heads.programme_head(programme.pk)
    assert (head.pk, head.status, head.content_version) == expected
    for measure in Measure.objects.filter(section__programme=programme):
        assert page_heads.measure_head(measure.pk) == head
    assert [(h.pk, h.status, h.content_version) for h in page_heads.all_programme_heads()] == list(
        Programme.objects.order_by("pk").values_list("pk", "status", "content_version")
    )


@pytest.mark.django_db
def test_heads_of_what_does_not_exist_are_none():
    assert page_heads.programme_head(987654) is None
    assert page_heads.measure_head(987654) is None
    assert page_heads.committee_exists(987654) is False


def test_roles_match_the_orm(ks, fn):
    user = UserFactory(username="flera.roller")
    user.groups.add(Group.objects.get_or_create(name=roles.COUNCIL_MEMBERS)[0])
    membership_add(user=user, committee=ks)
    membership_add(user=user, committee=fn, role="chair")
    assert roles.group_names(user) == set(user.groups.values_list("name", flat=True))
    assert roles.seats(user) == frozenset(user.memberships.values_list("committee_id", "role"))
    assert roles.committee_ids(user) == {ks.pk, fn.pk}
    assert page_heads.committee_exists(ks.pk)
    assert Committee.objects.filter(pk=ks.pk).exists()


@pytest.mark.django_db
def test_a_user_without_roles_has_none():
    user = UserFactory(username="utan.roller")
    assert roles.group_names(user) == set()
    assert roles.seats(user) == frozenset()
