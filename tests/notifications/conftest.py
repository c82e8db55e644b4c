"""State for the notification tests, built through the services; the people, committees and
programme are tests/fixtures.py's."""

import pytest

from committees.services import membership_add
from measures.models import Measure
from tests.factories import UserFactory
from tests.steps import in_days


@pytest.fixture
def second_officer(officer):
    user = UserFactory(username="handlaggare2.ks", email="ks2@example.se")
    membership_add(user=user, committee=officer.memberships.get().committee)
    return user


def due_in(measure: Measure, days: int, **fields) -> Measure:
    """Set a measure of an adopted programme due in ``days`` days (test setup: the adopted text is
    frozen for the services)."""
    Measure.objects.filter(pk=measure.pk).update(due_date=in_days(days), **fields)
    return Measure.objects.get(pk=measure.pk)


def measures_of(of_programme) -> list[Measure]:
    return list(
        Measure.objects.filter(section__programme=of_programme).order_by("section__order", "order")
    )
