"""The follow-up timeline: progress updates and signed notes, the current follow-up they set,
the measure page that shows them, and the overdue rule that is derived from them."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from committees.services import membership_add
from core.editing import ConcurrentEditError
from measures.follow_up import selectors as follow_up_selectors
from measures.follow_up.services import progress_note_create, progress_update_create
from measures.models import Measure, ProgressUpdate
from programme import cache_generation
from programme.models import Programme
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)
from tests.programme.helpers import make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def sn():
    return CommitteeFactory(name="Socialnämnden", code="SN")


@pytest.fixture
def fn():
    return CommitteeFactory(name="Fritidsnämnden", code="FN")


@pytest.fixture
def officer(sn):
    user = UserFactory(username="handlaggare.sn", first_name="Erik", last_name="Nilsson")
    membership_add(user=user, committee=sn)
    return user


@pytest.fixture
def co_officer(fn):
    user = UserFactory(username="handlaggare.fn", first_name="Lisa", last_name="Ek")
    membership_add(user=user, committee=fn)
    return user


@pytest.fixture
def measure(sn, fn):
    """A measure with an indicator, in an adopted programme (the programme in force)."""
    programme = ProgrammeFactory(owning_committee=sn)
    measure = MeasureFactory(
        section=SectionFactory(programme=programme),
        responsible_committee=sn,
        co_responsible_committees=[fn],
        indicator="Antal samtal",
        indicator_target=Decimal("40"),
        indicator_unit="samtal",
        due_date=timezone.localdate() + timedelta(days=30),
    )
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.ADOPTED)
    return Measure.objects.select_related("section__programme").get(pk=measure.pk)


def _update(actor, measure, **fields):
    measure = Measure.objects.select_related("section__programme").get(pk=measure.pk)
    values = {"status": "ongoing", "progress": 10, "note": ""} | fields
    return progress_update_create(
        actor=actor, measure=measure, edit_token=measure.edit_token, **values
    )


def _note(actor, measure, note):
    version = Measure.objects.get(pk=measure.pk).edit_token
    return progress_note_create(actor=actor, measure=measure, edit_token=version, note=note)


def _state(measure):
    return (
        Measure.objects.filter(pk=measure.pk).values().get(),
        list(ProgressUpdate.objects.filter(measure=measure).values()),
    )


def test_each_update_is_a_row_of_its_own_and_the_latest_is_the_current_follow_up(measure, officer):
    _update(officer, measure, progress=20, note="<p>Första</p>", indicator_value=Decimal("5"))
    _update(officer, measure, status="delayed", progress=35, note="<p>Andra</p><script>x</script>")
    measure.refresh_from_db()
    timeline = list(ProgressUpdate.objects.filter(measure=measure))
    assert [(e.status, e.progress, e.note) for e in timeline] == [
        ("delayed", 35, "<p>Andra</p>"),
        ("ongoing", 20, "<p>Första</p>"),
    ]
    assert all(
        (e.author, e.committee) == (officer, measure.responsible_committee) for e in timeline
    )
    assert (measure.status, measure.progress, measure.progress_note) == (
        "delayed",
        35,
        "<p>Andra</p>",
    )
    # The second update reported no value: the first one's stays current.
    assert measure.indicator_value == Decimal("5")
    assert timeline[1].indicator_date == timezone.localdate()


def test_a_value_about_an_earlier_date_does_not_replace_the_latest(measure, officer):
    _update(officer, measure, indicator_value=Decimal("30"), indicator_date=date(2027, 12, 31))
    _update(officer, measure, indicator_value=Decimal("12"), indicator_date=date(2026, 12, 31))
    measure.refresh_from_db()
    assert measure.indicator_value == Decimal("30")
    assert ProgressUpdate.objects.filter(measure=measure).count() == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"progress": 150}, "progress"),
        ({"status": "finished"}, "status"),
        ({"indicator_date": date(2027, 1, 1)}, "indicator_value"),
    ],
)
def test_a_bad_update_is_refused_next_to_its_field_and_changes_nothing(
    measure, officer, fields, field
):
    before = _state(measure)
    with pytest.raises(ValidationError) as refused:
        _update(officer, measure, **fields)
    assert field in refused.value.message_dict
    assert _state(measure) == before


def test_a_value_for_a_measure_without_indicator_is_refused(measure, officer):
    Measure.objects.filter(pk=measure.pk).update(indicator="")
    before = _state(measure)
    with pytest.raises(ValidationError):
        _update(officer, measure, indicator_value=Decimal("3"))
    assert _state(measure) == before


def test_a_stale_update_is_refused_and_changes_nothing(measure, officer):
    stale = measure.edit_token
    _update(officer, measure, progress=20)
    before = _state(measure)
    with pytest.raises(ConcurrentEditError):
        progress_update_create(
            actor=officer, measure=measure, edit_token=stale, status="completed", progress=100
        )
    assert _state(measure) == before


def test_a_co_responsible_committee_may_note_but_not_update(measure, co_officer):
    before = _state(measure)
    with pytest.raises(PermissionDenied):
        _update(co_officer, measure, status="completed", progress=100)
    assert _state(measure) == before
    progress_note_create(
        actor=co_officer,
        measure=measure,
        edit_token=measure.edit_token,
        note="<p>Vi bidrar.</p>",
    )
    (note,) = ProgressUpdate.objects.filter(measure=measure)
    assert (note.kind, note.committee.name, note.author) == ("note", "Fritidsnämnden", co_officer)
    assert Measure.objects.filter(pk=measure.pk).values().get() == before[0]


def test_an_empty_note_is_refused(measure, co_officer):
    with pytest.raises(ValidationError):
        _note(co_officer, measure, "<p> </p>")
    assert not ProgressUpdate.objects.exists()


def test_the_form_refuses_a_date_without_a_value_with_a_message_and_keeps_the_input(
    client, measure, officer
):
    client.force_login(officer)
    response = client.post(
        reverse("measures:follow_up", args=[measure.pk]),
        {
            "edit_token": measure.edit_token,
            "status": "ongoing",
            "progress": "40",
            "note": "<p>Mitt utkast</p>",
            "indicator_date": "2027-06-30",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ange värdet som datumet avser." in body
    assert "Mitt utkast" in body
    assert not ProgressUpdate.objects.exists()


def test_the_measure_page_shows_the_timeline_newest_first_signed_with_the_indicator_chart(
    client, measure, officer, co_officer
):
    _update(officer, measure, progress=20, note="<p>Första rapporten</p>",
            indicator_value=Decimal("12"), indicator_date=date(2026, 12, 31))  # fmt: skip
    _note(co_officer, measure, "Fritid deltar")
    _update(officer, measure, progress=60, note="<p>Andra rapporten</p>",
            indicator_value=Decimal("31.5"), indicator_date=date(2027, 12, 31))  # fmt: skip
    client.force_login(officer)
    page = client.get(measure.get_absolute_url()).content.decode()
    second, note, first = (
        page.index("Andra rapporten"),
        page.index("Fritid deltar"),
        page.index("Första rapporten"),
    )
    assert second < note < first
    assert "Erik Nilsson, Socialnämnden" in page and "Lisa Ek, Fritidsnämnden" in page
    assert 'role="img"' in page and '<title id="indicator-chart-title">' in page
    assert "<polyline" in page and page.count('<circle class="indicator__point"') == 2
    # The table beside the chart holds the data, in the page's language.
    assert '<td>2026-12-31</td><td class="num">12</td>' in page
    assert '<td>2027-12-31</td><td class="num">31,50</td>' in page
    assert "<script" not in page.split("<svg")[1].split("</svg>")[0]


def test_a_measure_without_indicator_shows_no_chart(client, measure, officer):
    Measure.objects.filter(pk=measure.pk).update(indicator="")
    _update(officer, measure, progress=20)
    client.force_login(officer)
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "<svg" not in page.split("<main")[1]


def _page_queries(client, measure) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(measure.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_the_measure_page_query_count_does_not_grow_with_the_updates(
    client, measure, officer, co_officer
):
    client.force_login(officer)
    _update(officer, measure, indicator_value=Decimal("1"), indicator_date=date(2026, 1, 1))
    few = _page_queries(client, measure)
    for day in range(2, 22):
        _update(officer, measure, indicator_value=Decimal(day), indicator_date=date(2026, 1, day))
        _note(co_officer, measure, f"Nr {day}")
    assert ProgressUpdate.objects.filter(measure=measure).count() == 41
    # Each update moved the programme's version, so this is a fresh render, not the cache.
    assert _page_queries(client, measure) == few


def test_the_follow_up_form_query_count_does_not_grow_with_the_updates(
    client, measure, officer, co_officer
):
    url = reverse("measures:follow_up", args=[measure.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.force_login(officer)
    _update(officer, measure, progress=5)
    few = queries()
    for day in range(1, 16):
        _update(officer, measure, indicator_value=Decimal(day), indicator_date=date(2026, 2, day))
        _note(co_officer, measure, f"Nr {day}")
    assert queries() == few


def test_overdue_is_derived_from_the_due_date_and_the_latest_status_never_stored(
    client, measure, officer, sn
):
    stored = {f.name for model in (Measure, ProgressUpdate) for f in model._meta.get_fields()}
    assert not any("overdue" in name for name in stored)
    client.force_login(officer)
    mark = '<strong class="overdue-mark">Sen</strong>'

    def overdue() -> tuple[bool, bool, bool]:
        (assignment,) = follow_up_selectors.committee_assignments(user=officer, committee=sn)
        filtered = client.get(
            reverse("programme:detail", args=[measure.section.programme_id]), {"overdue": "on"}
        ).content.decode()
        page = client.get(measure.get_absolute_url()).content.decode()
        return (assignment.responsible[0].is_overdue, measure.title in filtered, mark in page)

    _update(officer, measure, progress=50)
    assert overdue() == (False, False, False)
    # Only time passes (the due date moves into the past): nothing about the measure is written.
    Measure.objects.filter(pk=measure.pk).update(due_date=timezone.localdate() - timedelta(days=1))
    # (update() sends no signal; in life the cached pages' key changes with the date instead.)
    cache_generation.bump_programme(measure.section.programme_id)
    assert overdue() == (True, True, True)
    _update(officer, measure, status="completed", progress=100)
    assert overdue() == (False, False, False)


def test_an_entry_keeps_its_signature_when_the_author_is_renamed_or_deleted(
    client, measure, officer
):
    _update(officer, measure, progress=20, note="<p>Signerad</p>")
    officer.first_name = "Eric"
    officer.save()
    client.force_login(make_coordinator())
    assert "Erik Nilsson, Socialnämnden" in client.get(measure.get_absolute_url()).content.decode()
    officer.delete()
    entry = ProgressUpdate.objects.get()
    assert (entry.author, entry.signed_by) == (None, "Erik Nilsson")
    cache_generation.bump_programme(measure.section.programme_id)  # render again, not the cache
    assert "Erik Nilsson, Socialnämnden" in client.get(measure.get_absolute_url()).content.decode()


def test_a_coordinator_records_updates_on_any_committees_measure(measure):
    coordinator = make_coordinator()
    update = _update(coordinator, measure, progress=15)
    assert (update.author, update.committee) == (coordinator, measure.responsible_committee)


def test_the_admin_lists_the_timeline_but_cannot_add_or_change_it(client, measure, officer):
    _update(officer, measure, progress=20, note="<p>I admin</p>")
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    listing = client.get(reverse("admin:measures_progressupdate_changelist"))
    assert listing.status_code == 200 and measure.title in listing.content.decode()
    assert client.get(reverse("admin:measures_progressupdate_add")).status_code == 403
    entry = ProgressUpdate.objects.get()
    client.post(
        reverse("admin:measures_progressupdate_change", args=[entry.pk]),
        {"kind": "update", "status": "completed", "progress": "100"},
    )
    assert ProgressUpdate.objects.get().progress == 20
