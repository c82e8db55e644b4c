"""Copying a programme (extending it into a new one, revising it): every copied measure is created
by the measure service, so its responsible committee may follow it up once the copy is adopted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from committees.services import membership_add
from measures.follow_up.services import progress_update_create
from measures.models import Measure
from measures.permissions import can_update_follow_up
from measures.services import measure_update
from programme.decisions.revisions import programme_revise
from programme.drafting.services import programme_extend
from programme.models import Programme
from tests.factories import UserFactory
from tests.steps import adopt

pytestmark = pytest.mark.django_db


def _extend(programme, coordinator):
    return programme_extend(
        actor=coordinator,
        base=programme,
        title="Handlingsprogram 2030–2033",
        period_from=2030,
        period_to=2033,
        owning_committee=programme.owning_committee,
    )


def _revise(programme, coordinator):
    adopt(programme, coordinator, paragraph="KF § 10")
    return programme_revise(actor=coordinator, programme=programme)


def _fields(measure):
    return Measure.objects.filter(pk=measure.pk).values().get()


@pytest.mark.parametrize("copy", [_extend, _revise], ids=["extend", "revise"])
def test_the_responsible_officer_follows_up_a_copied_measure_once_adopted(
    copy, programme, coordinator, officer, fn
):
    other_officer = UserFactory(username="handlaggare.fn")
    membership_add(user=other_officer, committee=fn)
    copied = copy(programme, coordinator)
    adopt(copied, coordinator, paragraph="KF § 20")
    measure = Measure.objects.get(section__programme=copied, title="Stödmottagning")

    assert not can_update_follow_up(other_officer, measure)
    before = _fields(measure)
    with pytest.raises(PermissionDenied):
        progress_update_create(
            actor=other_officer,
            measure=measure,
            edit_token=measure.edit_token,
            status=Measure.Status.DELAYED,
            progress=10,
        )
    assert _fields(measure) == before

    assert can_update_follow_up(officer, measure)
    progress_update_create(
        actor=officer,
        measure=measure,
        edit_token=measure.edit_token,
        status=Measure.Status.ONGOING,
        progress=40,
    )
    measure.refresh_from_db()
    assert (measure.status, measure.progress) == (Measure.Status.ONGOING, 40)


@pytest.mark.parametrize("copy", [_extend, _revise], ids=["extend", "revise"])
def test_a_copy_leaves_out_co_responsible_committees_no_longer_active(
    copy, programme, coordinator, fn
):
    measure = Measure.objects.get(section__programme=programme, title="Stödmottagning")
    measure_update(
        actor=coordinator,
        measure=measure,
        edit_token=measure.edit_token,
        co_responsible_committees=[fn],
    )
    fn.active = False
    fn.save()
    copied = copy(programme, coordinator)
    copy_of_measure = Measure.objects.get(section__programme=copied, title="Stödmottagning")
    assert list(copy_of_measure.co_responsible_committees.all()) == []
    assert list(measure.co_responsible_committees.all()) == [fn]


@pytest.mark.parametrize("revise", [False, True], ids=["extend", "revise"])
def test_a_copy_is_refused_naming_each_measure_whose_responsible_committee_is_inactive(
    revise, programme, coordinator, fn
):
    measure = Measure.objects.get(section__programme=programme, title="Stödmottagning")
    measure_update(
        actor=coordinator,
        measure=measure,
        edit_token=measure.edit_token,
        responsible_committee=fn,
    )
    if revise:
        adopt(programme, coordinator)
    fn.active = False
    fn.save()
    counts = (Programme.objects.count(), Measure.objects.count())
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        if revise:
            programme_revise(actor=coordinator, programme=programme)
        else:
            _extend(programme, coordinator)
    assert excinfo.value.messages == [
        "The responsible committee of measure 1.2, Fritidsnämnden, is no longer active."
    ]
    assert (Programme.objects.count(), Measure.objects.count()) == counts
