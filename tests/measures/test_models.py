from datetime import date

import pytest
from django.core.exceptions import ValidationError

from measures.models import FocusArea, Measure
from measures.services import measure_create, measure_update
from tests.factories import CommitteeFactory, MeasureFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_eight_national_focus_areas_are_loaded_as_data():
    assert list(FocusArea.objects.values_list("number", flat=True)) == list(range(1, 9))
    assert FocusArea.objects.get(number=3).name.startswith("Förbättrad förmåga att upptäcka")


def test_identifier_follows_section_and_measure_order():
    section = SectionFactory()
    first = MeasureFactory(section=section)
    second = MeasureFactory(section=section)
    second_section_measure = MeasureFactory(section=SectionFactory(programme=section.programme))
    assert (first.identifier, second.identifier) == ("1.1", "1.2")
    assert second_section_measure.identifier == "2.1"


def test_due_date_before_start_date_is_refused_with_a_message_and_nothing_saved():
    section = SectionFactory()
    with pytest.raises(ValidationError) as caught:
        MeasureFactory(section=section, start_date=date(2027, 1, 1), due_date=date(2026, 1, 1))
    assert "due_date" in caught.value.message_dict
    assert not Measure.objects.filter(section=section).exists()


@pytest.mark.parametrize("progress", [-1, 101])
def test_progress_outside_0_to_100_is_refused(progress):
    section = SectionFactory()
    with pytest.raises(ValidationError) as caught:
        MeasureFactory(section=section, progress=progress)
    assert "progress" in caught.value.message_dict
    assert not Measure.objects.filter(section=section).exists()


def test_the_follow_up_is_not_changed_by_the_plan_service():
    measure = MeasureFactory()
    before = Measure.objects.filter(pk=measure.pk).values().get()
    with pytest.raises(ValueError, match="progress update"):
        measure_update(
            actor=UserFactory(), measure=measure, edit_token=measure.edit_token, progress=50
        )
    assert Measure.objects.filter(pk=measure.pk).values().get() == before


def test_an_inactive_responsible_committee_is_refused():
    committee = CommitteeFactory()
    committee.active = False
    committee.save()
    with pytest.raises(ValidationError) as caught:
        MeasureFactory(responsible_committee=committee)
    assert "responsible_committee" in caught.value.message_dict
    assert not Measure.objects.exists()


def test_an_inactive_co_responsible_committee_is_refused():
    inactive = CommitteeFactory()
    inactive.active = False
    inactive.save()
    section = SectionFactory()
    with pytest.raises(ValidationError) as caught:
        measure_create(
            actor=UserFactory(),
            section=section,
            title="Utbildning",
            responsible_committee=CommitteeFactory(),
            co_responsible_committees=[inactive],
        )
    assert "co_responsible_committees" in caught.value.message_dict
    assert not Measure.objects.exists()


def test_every_change_is_recorded_in_history_with_who_made_it():
    coordinator = UserFactory(username="anna")
    measure = MeasureFactory(actor=coordinator)
    editor = UserFactory(username="erik")
    measure_update(
        actor=editor, measure=measure, edit_token=measure.edit_token, title="Ändrad titel"
    )
    latest = measure.history.first()
    assert latest.history_user == editor
    assert latest.title == "Ändrad titel"
    assert measure.history.filter(history_type="+").get().history_user == coordinator


def test_a_stale_edit_token_is_refused_and_the_newer_save_is_kept():
    measure = MeasureFactory()
    opened_at = measure.edit_token
    measure_update(actor=UserFactory(), measure=measure, edit_token=opened_at, title="Ny titel")
    stale = Measure.objects.get(pk=measure.pk)
    with pytest.raises(ValidationError):
        measure_update(actor=UserFactory(), measure=stale, edit_token=opened_at, title="Äldre")
    measure.refresh_from_db()
    assert measure.title == "Ny titel"


def test_rich_text_is_sanitised_on_save():
    measure = MeasureFactory(
        description='<p onclick="x()">Hej <script>alert(1)</script><a href="javascript:x">l</a></p>'
    )
    measure.refresh_from_db()
    assert "script" not in measure.description
    assert "onclick" not in measure.description
    assert "javascript" not in measure.description
    assert measure.description.startswith("<p>Hej")
