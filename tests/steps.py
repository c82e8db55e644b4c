"""The workflow steps that tests take through the services: send on remiss, adopt, a date,
committees with an officer."""

from datetime import timedelta

from django.utils import timezone

from committees.services import membership_add
from programme.decisions.transitions import programme_transition
from programme.models import Programme
from tests.factories import CommitteeFactory, UserFactory


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


def committees_with_an_officer(count: int) -> list:
    """``count`` new committees, each with one officer, ``handlaggare.<code>@example.se``."""
    committees = [CommitteeFactory() for _n in range(count)]
    for committee in committees:
        membership_add(
            user=UserFactory(username=f"handlaggare.{committee.code}"), committee=committee
        )
    return committees
