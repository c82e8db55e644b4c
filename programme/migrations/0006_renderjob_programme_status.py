from django.db import migrations, models


def status_when_rendered(apps, schema_editor):
    """The status each existing job's programme had when the job was asked for.

    Read from the status history; a job older than every recorded change was asked for in draft.
    Adopted and follow-up files are only made of public programmes.
    """
    RenderJob = apps.get_model("programme", "RenderJob")
    StatusChange = apps.get_model("programme", "StatusChange")
    RenderJob.objects.exclude(kind="draft").update(programme_status="adopted")
    for job in RenderJob.objects.filter(kind="draft").only("programme_id", "requested_at"):
        change = (
            StatusChange.objects.filter(programme_id=job.programme_id, at__lte=job.requested_at)
            .order_by("-at", "-pk")
            .first()
        )
        job.programme_status = change.to_status if change else "draft"
        job.save(update_fields=["programme_status"])


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0005_consultation_comments_outlive_measures"),
    ]

    operations = [
        migrations.AddField(
            model_name="renderjob",
            name="programme_status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("consultation", "In consultation"),
                    ("submitted", "Submitted to the council"),
                    ("adopted", "Adopted"),
                    ("superseded", "Superseded"),
                    ("withdrawn", "Withdrawn"),
                ],
                default="draft",
                max_length=20,
                verbose_name="programme status when rendered",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(status_when_rendered, migrations.RunPython.noop),
    ]
