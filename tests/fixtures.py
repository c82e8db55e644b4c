"""The people, committees and programme that the tests of several folders share, built through the
services.

tests/conftest.py makes every fixture here but ``client`` available to all tests; a folder or a
module that needs another one of the same name (another programme, an officer of another
committee) defines its own, which wins for its tests. ``client`` reads the pages in English: the
folders whose tests assert on English text import it into their conftest.py.
"""

import pytest
from django.contrib.auth.models import Group

from committees import roles
from committees.services import membership_add
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)


@pytest.fixture
def client(client):
    """The test client reading the pages in English, chosen with the language cookie as a user
    would."""
    client.cookies["django_language"] = "en"
    return client


def in_group(user, name: str):
    user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


@pytest.fixture
def coordinator(db):
    return in_group(UserFactory(username="samordnare"), roles.COORDINATORS)


@pytest.fixture
def council_member(db):
    return in_group(UserFactory(username="ledamot"), roles.COUNCIL_MEMBERS)


@pytest.fixture
def outsider(db):
    """Signed in, in no role and no committee."""
    return UserFactory(username="utomstaende")


@pytest.fixture
def ks(db):
    return CommitteeFactory(name="Kommunstyrelsen", code="KS")


@pytest.fixture
def fn(db):
    return CommitteeFactory(name="Fritidsnämnden", code="FN")


@pytest.fixture
def sn(db):
    return CommitteeFactory(name="Socialnämnden", code="SN")


@pytest.fixture
def officer(ks):
    """Kommunstyrelsen's officer."""
    user = UserFactory(username="handlaggare.ks", email="ks@example.se")
    membership_add(user=user, committee=ks)
    return user


@pytest.fixture
def programme(coordinator, ks):
    """A draft of two sections and three measures, Kommunstyrelsen responsible for each."""
    programme = ProgrammeFactory(actor=coordinator, title="Handlingsprogram mot människohandel")
    first = SectionFactory(actor=coordinator, programme=programme, title="Prostitution")
    second = SectionFactory(actor=coordinator, programme=programme, title="Människohandel")
    MeasureFactory(
        actor=coordinator,
        section=first,
        title="Rutiner mellan socialtjänst och polis",
        description="<p>Skriftliga rutiner mellan socialtjänsten och polisen.</p>",
        responsible_committee=ks,
    )
    MeasureFactory(
        actor=coordinator, section=first, title="Stödmottagning", responsible_committee=ks
    )
    MeasureFactory(
        actor=coordinator,
        section=second,
        title="Utbildning för hotellpersonal",
        responsible_committee=ks,
    )
    return programme
