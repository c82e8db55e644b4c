"""Membership services: coordinators manage seats; a seat is the committee group's membership."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from committees import roles
from committees.models import Membership
from committees.services import (
    membership_add,
    membership_change,
    membership_change_role,
    membership_remove,
)
from tests.factories import CommitteeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    return user


def test_adding_a_member_puts_them_in_the_committee_group(coordinator):
    committee, user = CommitteeFactory(), UserFactory()
    membership = membership_add(actor=coordinator, user=user, committee=committee, role="chair")
    assert membership.role == Membership.Role.CHAIR
    assert committee.group in user.groups.all()


def test_an_officer_may_not_manage_memberships_and_nothing_changes():
    committee = CommitteeFactory()
    officer, other = UserFactory(), UserFactory()
    membership = membership_add(user=officer, committee=committee)
    with pytest.raises(PermissionDenied):
        membership_add(actor=officer, user=other, committee=committee)
    with pytest.raises(PermissionDenied):
        membership_change_role(actor=officer, membership=membership, role="chair")
    with pytest.raises(PermissionDenied):
        membership_remove(actor=officer, membership=membership)
    with pytest.raises(PermissionDenied):
        membership_change(
            actor=officer, membership=membership, user=other, committee=committee, role="chair"
        )
    assert list(Membership.objects.values_list("user", "role")) == [(officer.pk, "officer")]
    assert not other.groups.exists()


def test_moving_a_seat_to_another_committee_ends_the_old_seat(coordinator):
    old_committee, new_committee, user = CommitteeFactory(), CommitteeFactory(), UserFactory()
    membership = membership_add(user=user, committee=old_committee)
    moved = membership_change(
        actor=coordinator, membership=membership, user=user, committee=new_committee, role="chair"
    )
    assert list(Membership.objects.values_list("pk", "committee", "role")) == [
        (moved.pk, new_committee.pk, "chair")
    ]
    assert list(user.groups.all()) == [new_committee.group]


def test_removing_a_member_takes_them_out_of_the_group(coordinator):
    committee, user = CommitteeFactory(), UserFactory()
    membership = membership_add(user=user, committee=committee)
    membership_remove(actor=coordinator, membership=membership)
    assert not Membership.objects.exists()
    assert committee.group not in user.groups.all()


def test_the_membership_page_adds_changes_and_removes(client, coordinator):
    committee, user = CommitteeFactory(name="Kulturnämnden"), UserFactory(first_name="Lena")
    client.force_login(coordinator)
    url = reverse("committees:members", kwargs={"pk": committee.pk})

    response = client.post(url, {"user": user.pk, "role": "officer"}, follow=True)
    assert "Lena" in response.content.decode()
    membership = Membership.objects.get(user=user, committee=committee)

    client.post(
        reverse("committees:membership_change", kwargs={"pk": membership.pk}), {"role": "chair"}
    )
    membership.refresh_from_db()
    assert membership.role == "chair"

    client.post(reverse("committees:membership_remove", kwargs={"pk": membership.pk}))
    assert not Membership.objects.exists()


def test_adding_an_existing_member_again_is_refused_with_a_message(client, coordinator):
    committee, user = CommitteeFactory(), UserFactory()
    membership_add(user=user, committee=committee)
    client.force_login(coordinator)
    response = client.post(
        reverse("committees:members", kwargs={"pk": committee.pk}),
        {"user": user.pk, "role": "chair"},
    )
    assert response.status_code == 400  # refused input: a 4xx, the form kept
    assert 'class="error-summary"' in response.content.decode()
    assert Membership.objects.get().role == "officer"


def test_the_membership_page_offers_no_organisation_wide_groups(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("committees:members", kwargs={"pk": CommitteeFactory().pk}))
    assert roles.COORDINATORS not in response.content.decode()


def test_a_forged_role_is_refused_next_to_its_row_and_changes_nothing(client, coordinator):
    committee, user = CommitteeFactory(name="Fritidsnämnden"), UserFactory(username="kvar")
    membership = membership_add(user=user, committee=committee)
    client.force_login(coordinator)
    response = client.post(
        reverse("committees:membership_change", kwargs={"pk": membership.pk}),
        {"role": "administrator"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="role-{membership.pk}-error"' in html
    assert f'aria-describedby="role-{membership.pk}-error"' in html
    membership.refresh_from_db()
    assert membership.role == "officer"
