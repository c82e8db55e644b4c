"""The data migration that turns each measure's follow-up as it stood into its first timeline entry."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from measures.follow_up.services import progress_update_create
from measures.models import Measure, ProgressUpdate
from programme.models import Programme
from tests.factories import MeasureFactory, SectionFactory
from tests.programme.helpers import make_coordinator

pytestmark = pytest.mark.django_db

migration = importlib.import_module("measures.migrations.0006_progress_notes_become_timeline")


def _columns(measure_ids):
    return list(Measure.objects.filter(pk__in=measure_ids).order_by("pk").values())


def test_existing_follow_up_becomes_the_first_entry_and_nothing_is_lost():
    coordinator = make_coordinator()
    section = SectionFactory()
    reported = MeasureFactory(section=section, indicator="Antal", status="ongoing", progress=40)
    # The follow-up as the old form left it: the note appended by several committees.
    note = "<p>Påbörjat.</p><p><strong>Fritidsnämnden, 2026-03-01:</strong></p><p>Vi deltar.</p>"
    Measure.objects.filter(pk=reported.pk).update(
        progress_note=note, indicator_value=Decimal("12.50")
    )
    untouched = MeasureFactory(section=section)
    already = MeasureFactory(section=section, indicator="Antal")
    progress_update_create(
        actor=coordinator, measure=already, edit_token=already.edit_token, status="ongoing",
        progress=10,
    )  # fmt: skip
    ids = [reported.pk, untouched.pk, already.pk]
    before = _columns(ids)
    version = Programme.objects.get(pk=section.programme_id).content_generation

    migration.carry_over_follow_up(apps, None)

    assert _columns(ids) == before
    (entry,) = ProgressUpdate.objects.filter(measure=reported)
    stored = Measure.objects.get(pk=reported.pk)
    assert (entry.kind, entry.status, entry.progress, entry.note) == ("update", "ongoing", 40, note)
    assert (entry.indicator_value, entry.indicator_date) == (
        Decimal("12.50"),
        stored.updated_at.date(),
    )
    assert (entry.author, entry.signed_by, entry.committee) == (None, "", None)
    assert entry.created_at == stored.updated_at
    assert not ProgressUpdate.objects.filter(measure=untouched).exists()
    assert ProgressUpdate.objects.filter(measure=already).count() == 1
    # The cached pages show the timeline: their version moved.
    assert Programme.objects.get(pk=section.programme_id).content_generation > version

    migration.carry_over_follow_up(apps, None)
    assert ProgressUpdate.objects.count() == 2


def test_a_carried_over_entry_is_shown_unsigned_on_the_measure_page(client):
    measure = MeasureFactory(status="completed", progress=100)
    Measure.objects.filter(pk=measure.pk).update(progress_note="<p>Klart 2020.</p>")
    migration.carry_over_follow_up(apps, None)
    client.force_login(make_coordinator())
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Klart 2020." in page
    assert "Överförd från tiden före tidslinjen" in page
