import pytest
from django.core.exceptions import ValidationError

from core.editing import ConcurrentEditError
from measures.models import Measure
from measures.services import measure_update
from programme.drafting.services import (
    programme_extend,
    programme_restore_value,
    programme_update,
    section_delete,
    section_move,
    section_restore,
    section_update,
)
from programme.models import Section
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    PartnerFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return UserFactory()


def titles(programme):
    return [(s.order, s.title) for s in programme.sections.order_by("order")]


def test_programme_update_sanitises_and_locks(actor):
    programme = ProgrammeFactory()
    programme_update(
        actor=actor,
        programme=programme,
        edit_token=programme.edit_token,
        introduction='<p style="color:red">Hej<img src="file:///etc/passwd"></p>',
    )
    programme.refresh_from_db()
    assert programme.introduction == "<p>Hej</p>"
    with pytest.raises(ConcurrentEditError):
        programme_update(actor=actor, programme=programme, edit_token=1, title="Stale")


def test_programme_restore_value(actor):
    programme = ProgrammeFactory(title="Gammal")
    programme_update(actor=actor, programme=programme, edit_token=programme.edit_token, title="Ny")
    old = programme.history.filter(title="Gammal").first()
    programme_restore_value(
        actor=actor, programme=programme, record=old, field="title", edit_token=2
    )
    programme.refresh_from_db()
    assert programme.title == "Gammal"
    assert programme.history.first().history_user == actor


def test_sections_move_and_stay_dense(actor):
    programme = ProgrammeFactory()
    _a, _b, c = (SectionFactory(programme=programme, title=t) for t in "ABC")
    section_move(actor=actor, section=c, position=1)
    assert titles(programme) == [(1, "C"), (2, "A"), (3, "B")]
    section_move(actor=actor, section=c, position=99)
    assert titles(programme) == [(1, "A"), (2, "B"), (3, "C")]


def test_section_update_refuses_a_stale_version(actor):
    section = SectionFactory(title="Original")
    section_update(actor=actor, section=section, edit_token=1, goals="<ul><li>Mål</li></ul>")
    with pytest.raises(ConcurrentEditError):
        section_update(actor=actor, section=section, edit_token=1, title="Stale")
    section.refresh_from_db()
    assert (section.title, section.goals) == ("Original", "<ul><li>Mål</li></ul>")


def test_deleting_a_section_takes_its_measures_and_restore_brings_them_back(actor):
    programme = ProgrammeFactory()
    _a, b, _c = (SectionFactory(programme=programme, title=t) for t in "ABC")
    m1, m2 = MeasureFactory(section=b, title="M1"), MeasureFactory(section=b, title="M2")
    b_pk = b.pk
    section_delete(actor=actor, section=b)
    assert titles(programme) == [(1, "A"), (2, "C")]
    assert not Measure.objects.filter(pk__in=[m1.pk, m2.pk]).exists()
    assert Measure.history.filter(id=m1.pk, history_type="-").get().history_user == actor
    record = Section.history.get(id=b_pk, history_type="-")
    restored = section_restore(actor=actor, record=record)
    assert titles(programme) == [(1, "A"), (2, "C"), (3, "B")]
    assert [(m.title, m.identifier) for m in restored.measures.order_by("order")] == [
        ("M1", "3.1"),
        ("M2", "3.2"),
    ]
    with pytest.raises(ValidationError):
        section_restore(actor=actor, record=record)


def test_extending_copies_sections_and_measures_and_records_based_on(actor):
    plan = ProgrammeFactory(title="Åtgärdsplan 2019", period_from=2019, period_to=2020)
    section = SectionFactory(programme=plan, title="Köp av sexuella tjänster", goals="<p>Mål</p>")
    committee, partner = CommitteeFactory(), PartnerFactory()
    measure = MeasureFactory(
        section=section,
        title="Utbildning",
        co_responsible_committees=[committee],
        status=Measure.Status.COMPLETED,
        progress=100,
    )
    measure_update(actor=actor, measure=measure, edit_token=measure.edit_token, partners=[partner])
    programme = programme_extend(
        actor=actor,
        base=plan,
        title="Handlingsprogram",
        period_from=2026,
        period_to=2029,
        owning_committee=plan.owning_committee,
    )
    assert programme.based_on == plan
    (copied_section,) = programme.sections.all()
    assert (copied_section.title, copied_section.goals) == (
        "Köp av sexuella tjänster",
        "<p>Mål</p>",
    )
    (copy,) = Measure.objects.filter(section=copied_section)
    assert (copy.title, copy.identifier, copy.status, copy.progress) == (
        "Utbildning",
        "1.1",
        Measure.Status.PLANNED,
        0,
    )
    assert list(copy.co_responsible_committees.all()) == [committee]
    assert list(copy.partners.all()) == [partner]
    assert Measure.objects.filter(section__programme=plan).count() == 1
    assert copy.history.filter(history_type="+").get().history_user == actor
