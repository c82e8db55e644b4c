"""Object permissions follow a measure's assignment; the old committee loses access at once."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from guardian.models import GroupObjectPermission
from guardian.shortcuts import get_groups_with_perms

from committees.models import Committee
from committees.services import membership_add, membership_remove
from measures.permissions import can_update_follow_up, measures_editable_by
from measures.services import measure_update
from programme.models import Programme
from tests.factories import CommitteeFactory, MeasureFactory, UserFactory
from tests.permissions.conftest import set_programme_status

pytestmark = pytest.mark.django_db


def _adopted_measure(**fields):
    """A measure written in a draft, whose programme is then adopted (follow-up is for adopted ones)."""
    measure = MeasureFactory(**fields)
    set_programme_status(measure.section.programme, Programme.Status.ADOPTED)
    measure.section.programme.refresh_from_db()
    return measure


def _officer(committee):
    user = UserFactory()
    membership_add(user=user, committee=committee)
    return user


def test_creating_a_measure_grants_the_responsible_committee_and_no_other():
    responsible, co = CommitteeFactory(), CommitteeFactory()
    measure = MeasureFactory(responsible_committee=responsible, co_responsible_committees=[co])
    assert list(get_groups_with_perms(measure)) == [responsible.group]


def test_reassigning_moves_the_permission_and_the_old_committee_loses_access_at_once():
    old, new = CommitteeFactory(), CommitteeFactory()
    old_officer, new_officer = _officer(old), _officer(new)
    measure = _adopted_measure(responsible_committee=old)
    section = measure.section
    assert can_update_follow_up(old_officer, measure)
    assert not can_update_follow_up(new_officer, measure)

    # The assignment is part of the text: it changes in a draft (e.g. a revision being written).
    set_programme_status(section.programme, Programme.Status.DRAFT)
    measure_update(
        actor=UserFactory(),
        measure=measure,
        edit_token=measure.edit_token,
        responsible_committee=new,
    )
    set_programme_status(section.programme, Programme.Status.ADOPTED)
    measure.section.programme.refresh_from_db()

    # The same user objects as before: nothing cached lets the old committee keep access.
    assert not can_update_follow_up(old_officer, measure)
    assert can_update_follow_up(new_officer, measure)
    assert not measures_editable_by(old_officer).exists()
    assert list(measures_editable_by(new_officer)) == [measure]
    assert list(get_groups_with_perms(measure)) == [new.group]


def test_a_refused_reassignment_leaves_the_permission_where_it_was():
    old, new = CommitteeFactory(), CommitteeFactory()
    measure = MeasureFactory(responsible_committee=old)
    with pytest.raises(ValidationError):
        measure_update(
            actor=UserFactory(),
            measure=measure,
            edit_token=measure.edit_token - 1,  # stale: someone else saved in between
            responsible_committee=new,
        )
    assert list(get_groups_with_perms(measure)) == [old.group]


def test_an_update_that_keeps_the_committee_keeps_the_permission():
    committee = CommitteeFactory()
    measure = MeasureFactory(responsible_committee=committee)
    measure_update(
        actor=UserFactory(), measure=measure, edit_token=measure.edit_token, title="Ny titel"
    )
    assert list(get_groups_with_perms(measure)) == [committee.group]


def test_removing_a_membership_ends_access_at_once():
    committee = CommitteeFactory()
    officer = _officer(committee)
    coordinator = UserFactory(is_superuser=True)
    measure = _adopted_measure(responsible_committee=committee)
    assert can_update_follow_up(officer, measure)
    membership_remove(actor=coordinator, membership=officer.memberships.get())
    assert not can_update_follow_up(officer, measure)


def test_a_committee_added_in_the_admin_gets_its_group_when_it_is_first_granted():
    committee = Committee.objects.create(name="Valnämnden", code="VN")  # the admin skips services
    assert committee.group is None
    measure = MeasureFactory(responsible_committee=committee)
    committee.refresh_from_db()
    assert committee.group is not None
    assert list(get_groups_with_perms(measure)) == [committee.group]


def test_a_global_change_permission_does_not_open_the_follow_up():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="change_measure"))
    measure = _adopted_measure()
    assert not can_update_follow_up(user, measure)


def test_the_data_migration_grants_measures_created_before_the_services_did():
    measures = [MeasureFactory(), MeasureFactory()]
    GroupObjectPermission.objects.all().delete()
    migration = importlib.import_module("measures.migrations.0003_grant_committee_permissions")
    migration.grant(apps, None)
    for measure in measures:
        assert list(get_groups_with_perms(measure)) == [measure.responsible_committee.group]


def test_the_second_data_migration_grants_measures_that_extending_a_programme_copied_without():
    granted, copied = MeasureFactory(), MeasureFactory()
    # What "extend into a new programme" left before it created measures through the service.
    GroupObjectPermission.objects.filter(object_pk=str(copied.pk)).delete()
    migration = importlib.import_module("measures.migrations.0004_grant_copied_measures")
    migration.grant(apps, None)
    migration.grant(apps, None)  # running it again changes nothing
    for measure in (granted, copied):
        assert list(get_groups_with_perms(measure)) == [measure.responsible_committee.group]
    assert GroupObjectPermission.objects.count() == 2
