"""The data migration that turns each measure's follow-up as it stood into its first timeline entry.

Run as Django runs it: the database is migrated back to just before the migration, filled through
the models as they were then, and migrated forward again (to the migration, then to the latest).
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from measures.models import Measure
from tests.programme.helpers import make_coordinator

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("measures", "0005_progress_updates"),
    ("programme", "0005_consultation_comments_outlive_measures"),
]
MIGRATION = ("measures", "0006_progress_notes_become_timeline")


class Migrator:
    def __init__(self):
        self.executor = MigrationExecutor(connection)

    def to(self, targets):
        self.executor.loader.build_graph()
        self.executor.migrate(targets)
        return self.executor.loader.project_state(targets).apps

    def to_latest(self):
        self.executor.loader.build_graph()
        self.executor.migrate(self.executor.loader.graph.leaf_nodes())


@pytest.fixture
def migrator():
    migrator = Migrator()
    yield migrator
    migrator.to_latest()


def _programme_with_section(apps):
    Committee = apps.get_model("committees", "Committee")
    Programme = apps.get_model("programme", "Programme")
    Section = apps.get_model("programme", "Section")
    committee = Committee.objects.create(name="Socialnämnden", code="SN")
    programme = Programme.objects.create(
        title="Handlingsprogram", municipality="Skellefteå kommun", period_from=2020,
        period_to=2023, owning_committee=committee,
    )  # fmt: skip
    return committee, Section.objects.create(programme=programme, title="Prostitution")


def _columns(apps, measure_ids):
    Measure = apps.get_model("measures", "Measure")
    return list(Measure.objects.filter(pk__in=measure_ids).order_by("pk").values())


def test_existing_follow_up_becomes_the_first_entry_and_nothing_is_lost(migrator):
    old = migrator.to(BEFORE)
    Measure = old.get_model("measures", "Measure")
    ProgressUpdate = old.get_model("measures", "ProgressUpdate")
    committee, section = _programme_with_section(old)
    # The follow-up as the old form left it: the note appended by several committees.
    note = "<p>Socialnämnden: uppsök startat.</p><p>Polisen: samverkan pågår.</p>"
    reported = Measure.objects.create(
        section=section, title="Uppsök", responsible_committee=committee, indicator="Antal",
        status="ongoing", progress=40, progress_note=note, indicator_value=Decimal("12.50"),
    )  # fmt: skip
    untouched = Measure.objects.create(
        section=section, title="Utbildning", responsible_committee=committee, order=2
    )
    already = Measure.objects.create(
        section=section, title="Stöd", responsible_committee=committee, order=3,
        indicator="Antal", status="ongoing", progress=10,
    )  # fmt: skip
    ProgressUpdate.objects.create(
        measure=already, kind="update", status="ongoing", progress=10, created_at=timezone.now()
    )
    ids = [reported.pk, untouched.pk, already.pk]
    before = _columns(old, ids)
    generation = section.programme.content_version

    new = migrator.to([MIGRATION])

    Programme = new.get_model("programme", "Programme")
    ProgressUpdate = new.get_model("measures", "ProgressUpdate")
    assert _columns(new, ids) == before
    (entry,) = ProgressUpdate.objects.filter(measure_id=reported.pk)
    stored = new.get_model("measures", "Measure").objects.get(pk=reported.pk)
    assert (entry.kind, entry.status, entry.progress, entry.note) == ("update", "ongoing", 40, note)
    assert (entry.indicator_value, entry.indicator_date) == (
        Decimal("12.50"),
        stored.updated_at.date(),
    )
    assert (entry.author_id, entry.committee_id) == (None, None)
    assert entry.created_at == stored.updated_at
    assert not ProgressUpdate.objects.filter(measure_id=untouched.pk).exists()
    assert ProgressUpdate.objects.filter(measure_id=already.pk).count() == 1
    # The cached pages show the timeline: their generation moved.
    assert Programme.objects.get(pk=section.programme_id).content_version > generation

    # Running it again adds nothing.
    migration = migrator.executor.loader.get_migration(*MIGRATION)
    migration.operations[0].code(new, None)
    assert ProgressUpdate.objects.count() == 2


def test_a_carried_over_entry_is_shown_unsigned_on_the_measure_page(migrator, client):
    old = migrator.to(BEFORE)
    committee, section = _programme_with_section(old)
    measure = old.get_model("measures", "Measure").objects.create(
        section=section, title="Uppsök", responsible_committee=committee, status="completed",
        progress=100, progress_note="<p>Klart 2020.</p>",
    )  # fmt: skip

    migrator.to_latest()

    client.force_login(make_coordinator())
    page = client.get(Measure.objects.get(pk=measure.pk).get_absolute_url()).content.decode()
    assert "Klart 2020." in page
    assert "Överförd från tiden före tidslinjen" in page
