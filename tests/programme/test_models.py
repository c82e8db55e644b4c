import pytest
from django.core.exceptions import ValidationError

from programme.models import Programme
from tests.factories import ProgrammeFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as caught:
        ProgrammeFactory(period_from=2029, period_to=2026)
    assert "period_to" in caught.value.message_dict
    assert not Programme.objects.exists()


def test_a_new_programme_is_a_first_version_draft_with_history():
    actor = UserFactory()
    programme = ProgrammeFactory(actor=actor)
    assert (programme.status, programme.edition) == (Programme.Status.DRAFT, 1)
    assert programme.history.get().history_user == actor


def test_sections_are_appended_in_order():
    programme = ProgrammeFactory()
    orders = [SectionFactory(programme=programme).order for _ in range(3)]
    assert orders == [1, 2, 3]


def test_based_on_records_the_plan_a_programme_extends():
    plan = ProgrammeFactory(
        title="Åtgärdsplan mot köp av sexuella tjänster", period_from=2019, period_to=2020
    )
    programme = ProgrammeFactory(based_on=plan)
    assert list(plan.extensions.all()) == [programme]
