"""Memberships changed in the admin go through the services, so the committee group follows."""

import pytest
from django.urls import reverse

from committees.models import Committee, Membership
from committees.services import membership_add
from tests.factories import CommitteeFactory, MeasureFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    return client


def test_a_membership_added_and_deleted_in_the_admin_joins_and_leaves_the_group(admin_client):
    committee, user = CommitteeFactory(), UserFactory()
    admin_client.post(
        reverse("admin:committees_membership_add"),
        {"user": user.pk, "committee": committee.pk, "role": "officer"},
    )
    membership = Membership.objects.get()
    assert committee.group in user.groups.all()
    admin_client.post(
        reverse("admin:committees_membership_delete", args=[membership.pk]), {"post": "yes"}
    )
    assert not Membership.objects.exists()
    assert committee.group not in user.groups.all()


def test_a_committee_added_in_the_admin_gets_its_group(admin_client):
    admin_client.post(
        reverse("admin:committees_committee_add"),
        {
            "name": "Valnämnden",
            "code": "VN",
            "kind": "committee",
            "active": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert Committee.objects.get(code="VN").group is not None


def test_superusers_have_guardians_object_permission_page_for_measures(admin_client):
    measure = MeasureFactory()
    url = reverse("admin:measures_measure_permissions", args=[measure.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert measure.responsible_committee.group.name in page.content.decode()


def test_programme_content_is_read_only_in_the_admin(admin_client):
    measure = MeasureFactory(title="Utbildning för taxipersonal")
    url = reverse("admin:measures_measure_change", args=[measure.pk])
    assert admin_client.get(url).status_code == 200  # shown, for reference
    response = admin_client.post(url, {"title": "Ändrad i admin"})
    assert response.status_code == 403
    measure.refresh_from_db()
    assert measure.title == "Utbildning för taxipersonal"
    programme = measure.section.programme
    delete = reverse("admin:programme_programme_delete", args=[programme.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert type(programme).objects.filter(pk=programme.pk).exists()
    # Nor through django-simple-history's page of a historical version, whose form saves on POST.
    version = programme.history.earliest().history_id
    revert = reverse("admin:programme_programme_simple_history", args=[programme.pk, version])
    assert admin_client.get(revert).status_code == 200
    assert admin_client.post(revert, {"title": "Ändrad i admin"}).status_code == 403
    programme.refresh_from_db()
    assert programme.title != "Ändrad i admin"


def _can_follow_up(user, measure) -> bool:
    user = type(user).objects.get(pk=user.pk)  # fresh: guardian and roles cache per object
    return user.has_perm("measures.change_measure", measure)


def test_changing_a_memberships_user_in_the_admin_takes_the_seat_from_the_old_user(admin_client):
    committee, old, new = CommitteeFactory(), UserFactory(), UserFactory()
    measure = MeasureFactory(responsible_committee=committee)
    membership = membership_add(user=old, committee=committee)
    assert _can_follow_up(old, measure)

    response = admin_client.post(
        reverse("admin:committees_membership_change", args=[membership.pk]),
        {"user": new.pk, "committee": committee.pk, "role": "chair"},
    )

    assert response.status_code == 302
    assert list(Membership.objects.values_list("user", "committee", "role")) == [
        (new.pk, committee.pk, "chair")
    ]
    assert committee.group not in old.groups.all()
    assert committee.group in new.groups.all()
    assert not _can_follow_up(old, measure)
    assert _can_follow_up(new, measure)


def test_changing_a_memberships_user_in_the_committee_inline_takes_the_seat_too(admin_client):
    committee, old, new = (
        CommitteeFactory(name="Kulturnämnden", code="KN"),
        *UserFactory.create_batch(2),
    )
    measure = MeasureFactory(responsible_committee=committee)
    membership = membership_add(user=old, committee=committee)

    response = admin_client.post(
        reverse("admin:committees_committee_change", args=[committee.pk]),
        {
            "name": committee.name,
            "code": committee.code,
            "kind": committee.kind,
            "active": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-committee": committee.pk,
            "memberships-0-user": new.pk,
            "memberships-0-role": "officer",
        },
    )

    assert response.status_code == 302
    assert list(Membership.objects.values_list("user", "committee")) == [(new.pk, committee.pk)]
    assert committee.group not in old.groups.all()
    assert committee.group in new.groups.all()
    assert not _can_follow_up(old, measure)
    assert _can_follow_up(new, measure)
