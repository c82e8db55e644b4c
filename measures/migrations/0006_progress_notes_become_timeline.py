"""Each measure's follow-up as it stood (status, progress, progress note, indicator value) becomes
the first entry of its timeline, dated the measure's last change and signed by nobody (who wrote
it was never recorded). The measure's own columns stay: they are the current follow-up.

A measure still at the defaults (planned, 0 %, no note, no value) has nothing to carry over and
gets no entry. Measures that already have entries are left alone, so running it twice adds nothing.
"""

from django.db import migrations
from django.db.models import F, Q

DEFAULTS = Q(status="planned", progress=0, progress_note="", indicator_value__isnull=True)


def carry_over_follow_up(apps, schema_editor):
    Measure = apps.get_model("measures", "Measure")
    ProgressUpdate = apps.get_model("measures", "ProgressUpdate")
    Programme = apps.get_model("programme", "Programme")
    measures = Measure.objects.exclude(DEFAULTS).filter(progress_updates__isnull=True)
    entries = [
        ProgressUpdate(
            measure_id=measure.pk,
            kind="update",
            status=measure.status,
            progress=measure.progress,
            note=measure.progress_note,
            indicator_value=measure.indicator_value,
            indicator_date=(
                measure.updated_at.date() if measure.indicator_value is not None else None
            ),
            author=None,
            committee=None,
            created_at=measure.updated_at,
        )
        for measure in measures.iterator()
    ]
    ProgressUpdate.objects.bulk_create(entries, batch_size=500)
    if entries:
        # bulk_create sends no signals: move the cached pages' version by hand. The PDF prints
        # the measure's own columns, which did not change, so the document version stays.
        shown = ProgressUpdate.objects.values("measure__section__programme_id")
        Programme.objects.filter(pk__in=shown).update(content_version=F("content_version") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0005_progress_updates"),
        ("programme", "0005_consultation_comments_outlive_measures"),
    ]

    operations = [
        migrations.RunPython(carry_over_follow_up, migrations.RunPython.noop, elidable=False),
    ]
