import pytest
from django.core.exceptions import ValidationError

from core.editing import ConcurrentEditError
from measures.models import Measure
from measures.services import (
    measure_delete,
    measure_move,
    measure_reorder,
    measure_restore,
    measure_restore_value,
    measure_update,
)
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    PartnerFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def identifiers(section):
    return [(m.title, m.identifier) for m in section.measures.order_by("order")]


@pytest.fixture
def actor():
    return UserFactory()


@pytest.fixture
def section():
    return SectionFactory()


def three(section):
    return [MeasureFactory(section=section, title=t) for t in ("A", "B", "C")]


def test_update_sanitises_rich_text_and_records_who(actor):
    measure = MeasureFactory()
    measure_update(
        actor=actor,
        measure=measure,
        edit_token=measure.edit_token,
        description='<p onclick="x()">Hej <script>alert(1)</script><a href="javascript:x">l</a></p>',
    )
    measure.refresh_from_db()
    assert "script" not in measure.description
    assert "onclick" not in measure.description
    assert "javascript" not in measure.description
    assert measure.history.first().history_user == actor


def test_a_stale_edit_token_is_refused_and_the_first_save_is_kept(actor):
    measure = MeasureFactory(title="Original")
    loaded_by_first = Measure.objects.get(pk=measure.pk)
    loaded_by_second = Measure.objects.get(pk=measure.pk)
    measure_update(
        actor=actor,
        measure=loaded_by_first,
        edit_token=loaded_by_first.edit_token,
        title="Första",
    )
    with pytest.raises(ConcurrentEditError) as caught:
        measure_update(
            actor=UserFactory(),
            measure=loaded_by_second,
            edit_token=loaded_by_second.edit_token,
            title="Andra",
        )
    assert caught.value.current.title == "Första"
    measure.refresh_from_db()
    assert measure.title == "Första"


def test_an_edit_keeps_a_move_that_happened_meanwhile(actor, section):
    _a, _b, c = three(section)
    stale = Measure.objects.get(pk=c.pk)
    measure_move(actor=actor, measure=c, section=section, position=1)
    measure_update(actor=actor, measure=stale, edit_token=stale.edit_token, title="C2")
    assert identifiers(section) == [("C2", "1.1"), ("A", "1.2"), ("B", "1.3")]


def test_oversized_rich_text_is_refused_with_the_limit(actor, settings):
    settings.RICH_TEXT_MAX_LENGTH = 100
    measure = MeasureFactory()
    with pytest.raises(ValidationError) as caught:
        measure_update(
            actor=actor, measure=measure, edit_token=measure.edit_token, description="x" * 101
        )
    assert "100" in str(caught.value.message_dict["description"])
    measure.refresh_from_db()
    assert measure.description == ""


def test_moving_within_a_section_renumbers(actor, section):
    a, _b, _c = three(section)
    measure_move(actor=actor, measure=a, section=section, position=3)
    assert identifiers(section) == [("B", "1.1"), ("C", "1.2"), ("A", "1.3")]


def test_moving_to_another_section_renumbers_both(actor, section):
    a, _b, _c = three(section)
    other = SectionFactory(programme=section.programme)
    (_d,) = [MeasureFactory(section=other, title="D")]
    measure_move(actor=actor, measure=a, section=other, position=1)
    assert identifiers(section) == [("B", "1.1"), ("C", "1.2")]
    assert identifiers(other) == [("A", "2.1"), ("D", "2.2")]
    assert a.history.first().section_id == other.pk
    assert a.history.first().history_user == actor


def test_a_measure_cannot_move_to_another_programme(actor, section):
    (a, *_rest) = three(section)
    with pytest.raises(ValidationError):
        measure_move(actor=actor, measure=a, section=SectionFactory(), position=1)
    assert identifiers(section)[0] == ("A", "1.1")


def test_reorder_sets_the_whole_order(actor, section):
    a, b, c = three(section)
    measure_reorder(actor=actor, section=section, measure_ids=[c.pk, a.pk, b.pk])
    assert identifiers(section) == [("C", "1.1"), ("A", "1.2"), ("B", "1.3")]
    with pytest.raises(ValidationError):
        measure_reorder(actor=actor, section=section, measure_ids=[c.pk])


def test_delete_closes_the_gap_and_restore_brings_back_links(actor, section):
    _a, b, _c = three(section)
    committee, partner = CommitteeFactory(), PartnerFactory()
    measure_update(
        actor=actor,
        measure=b,
        edit_token=b.edit_token,
        co_responsible_committees=[committee],
        partners=[partner],
    )
    b_pk = b.pk
    measure_delete(actor=actor, measure=b)
    assert identifiers(section) == [("A", "1.1"), ("C", "1.2")]
    record = Measure.history.get(id=b_pk, history_type="-")
    assert record.history_user == actor
    restored = measure_restore(actor=actor, record=record)
    assert identifiers(section) == [("A", "1.1"), ("C", "1.2"), ("B", "1.3")]
    assert list(restored.co_responsible_committees.all()) == [committee]
    assert list(restored.partners.all()) == [partner]
    assert restored.history.filter(history_type="+").count() == 2  # created, then restored
    with pytest.raises(ValidationError):
        measure_restore(actor=actor, record=record)


def test_restore_value_sets_an_earlier_value_as_a_new_change(actor):
    measure = MeasureFactory(title="Första")
    measure_update(actor=actor, measure=measure, edit_token=measure.edit_token, title="Andra")
    first = measure.history.filter(title="Första").last()
    before = measure.history.count()
    measure_restore_value(
        actor=actor, measure=measure, record=first, field="title", edit_token=measure.edit_token
    )
    measure.refresh_from_db()
    assert measure.title == "Första"
    assert measure.history.count() == before + 1
