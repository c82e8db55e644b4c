"""A small municipality with one user per role, built through the services."""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from committees import roles
from committees.services import membership_add
from programme.models import Programme
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)

ROLES = (
    "anonymous",
    "coordinator",
    "officer_responsible",
    "officer_other",
    "officer_co_responsible",
    "council_member",
)


def set_programme_status(programme: Programme, status: str) -> Programme:
    """Put ``programme`` in ``status``. The workflow service comes with the workflow issue."""
    Programme.objects.filter(pk=programme.pk).update(status=status)
    programme.refresh_from_db()
    return programme


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def user(self, role: str):
        return self.users[role]


@pytest.fixture
def world(db) -> World:
    world = World()
    sn = CommitteeFactory(name="Socialnämnden", code="SN")
    ks = CommitteeFactory(name="Kommunstyrelsen", code="KS")
    fn = CommitteeFactory(name="Fritidsnämnden", code="FN")
    coordinator = UserFactory(username="samordnare")
    coordinator.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    council = UserFactory(username="ledamot")
    council.groups.add(Group.objects.get_or_create(name=roles.COUNCIL_MEMBERS)[0])
    officer_sn = UserFactory(username="handlaggare.sn")
    officer_ks = UserFactory(username="handlaggare.ks")
    officer_fn = UserFactory(username="handlaggare.fn")
    membership_add(user=officer_sn, committee=sn)
    membership_add(user=officer_ks, committee=ks)
    membership_add(user=officer_fn, committee=fn)
    spare_member = UserFactory(username="vikarie.sn")
    world.users = {
        "anonymous": AnonymousUser(),
        "coordinator": coordinator,
        "officer_responsible": officer_sn,
        "officer_other": officer_ks,
        "officer_co_responsible": officer_fn,
        "council_member": council,
    }
    # Content is written while every programme is a draft; then each is put in its status.
    programmes = {
        status: ProgrammeFactory(owning_committee=sn, title=f"Program {status}")
        for status in Programme.Status.values
    }
    adopted_section = SectionFactory(programme=programmes["adopted"])
    world.objects = {
        "committee_sn": sn,
        "committee_ks": ks,
        "committee_fn": fn,
        **{f"programme_{status}": programme for status, programme in programmes.items()},
        "measure_adopted": MeasureFactory(
            section=adopted_section, responsible_committee=sn, co_responsible_committees=[fn]
        ),
        "measure_adopted_ks": MeasureFactory(section=adopted_section, responsible_committee=ks),
        "measure_draft": MeasureFactory(
            section=SectionFactory(programme=programmes["draft"]),
            responsible_committee=sn,
            co_responsible_committees=[fn],
        ),
        "measure_consultation": MeasureFactory(
            section=SectionFactory(programme=programmes["consultation"]),
            responsible_committee=sn,
        ),
        "measure_superseded": MeasureFactory(
            section=SectionFactory(programme=programmes["superseded"]),
            responsible_committee=sn,
        ),
        "membership": membership_add(user=spare_member, committee=sn),
        "newcomer": UserFactory(username="ny.handlaggare"),
    }
    for status, programme in programmes.items():
        set_programme_status(programme, status)
    for name, obj in world.objects.items():
        if name.startswith("measure_"):
            obj.section.programme.refresh_from_db()
    return world
