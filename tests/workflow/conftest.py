"""Shared state for the workflow tests, built through the services."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from committees import roles
from committees.services import membership_add
from programme.decisions.transitions import programme_transition
from programme.models import Programme
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)


@pytest.fixture
def client(client):
    """These tests read the pages in English, chosen with the language cookie as a user would."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def coordinator(db):
    user = UserFactory(username="samordnare")
    user.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    return user


@pytest.fixture
def ks(db):
    return CommitteeFactory(name="Kommunstyrelsen", code="KS")


@pytest.fixture
def fn(db):
    return CommitteeFactory(name="Fritidsnämnden", code="FN")


@pytest.fixture
def officer(ks):
    user = UserFactory(username="handlaggare.ks", email="ks@example.se")
    membership_add(user=user, committee=ks)
    return user


@pytest.fixture
def outsider(db):
    return UserFactory(username="ledamot")


@pytest.fixture
def programme(coordinator, ks):
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


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


def send_to_consultation(programme, actor, committees, days=14):
    return programme_transition(
        actor=actor,
        programme=programme,
        to_status=Programme.Status.CONSULTATION,
        committees=committees,
        deadline=in_days(days),
    )


def adopt(programme, actor, paragraph="KF § 123", **extra):
    """Take a draft straight through submission to adoption."""
    if programme.status == Programme.Status.DRAFT:
        programme_transition(actor=actor, programme=programme, to_status=Programme.Status.SUBMITTED)
    return programme_transition(
        actor=actor,
        programme=programme,
        to_status=Programme.Status.ADOPTED,
        decision_date=in_days(-1),
        decision_paragraph=paragraph,
        case_number="KS 2025-000123",
        **extra,
    )
