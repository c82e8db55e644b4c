"""One name for each of the things that were all called "version" (issue 12): the programme's
edition number, the adopted edition (the frozen text), the edit token for optimistic locking,
and the cache generations. Renames only: no data changes, except the stored snapshots' key."""

import django.db.models.deletion
from django.db import migrations, models


def snapshot_key_to_edition(apps, schema_editor):
    AdoptedEdition = apps.get_model("programme", "AdoptedEdition")
    for adopted in AdoptedEdition.objects.only("snapshot"):
        if "version" in adopted.snapshot:
            adopted.snapshot["edition"] = adopted.snapshot.pop("version")
            # The historical model has no immutability guard: this is a rename of a key.
            AdoptedEdition.objects.filter(pk=adopted.pk).update(snapshot=adopted.snapshot)


def snapshot_key_to_version(apps, schema_editor):
    AdoptedEdition = apps.get_model("programme", "AdoptedEdition")
    for adopted in AdoptedEdition.objects.only("snapshot"):
        if "edition" in adopted.snapshot:
            adopted.snapshot["version"] = adopted.snapshot.pop("edition")
            AdoptedEdition.objects.filter(pk=adopted.pk).update(snapshot=adopted.snapshot)


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0008_archivepackage"),
    ]

    operations = [
        migrations.RenameField("programme", "version", "edition"),
        migrations.RenameField("historicalprogramme", "version", "edition"),
        migrations.RenameField("programme", "lock_version", "edit_token"),
        migrations.RenameField("historicalprogramme", "lock_version", "edit_token"),
        migrations.RenameField("section", "lock_version", "edit_token"),
        migrations.RenameField("historicalsection", "lock_version", "edit_token"),
        migrations.RenameField("programme", "content_version", "content_generation"),
        migrations.RenameField("programme", "document_version", "document_generation"),
        migrations.RenameField("renderjob", "programme_version", "programme_edition"),
        migrations.RenameModel("AdoptedVersion", "AdoptedEdition"),
        migrations.RenameField("adoptededition", "version", "edition"),
        migrations.RenameField("archivepackage", "adopted_version", "adopted_edition"),
        migrations.AlterModelOptions(
            name="adoptededition",
            options={
                "ordering": ["-decision_date", "-edition"],
                "verbose_name": "adopted version",
                "verbose_name_plural": "adopted versions",
            },
        ),
        migrations.AlterModelOptions(
            name="programme",
            options={
                "ordering": ["-period_from", "title", "-edition"],
                "verbose_name": "action programme",
                "verbose_name_plural": "action programmes",
            },
        ),
        migrations.AlterField(
            model_name="adoptededition",
            name="programme",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="adopted_edition",
                to="programme.programme",
                verbose_name="programme",
            ),
        ),
        migrations.RunPython(snapshot_key_to_edition, snapshot_key_to_version),
    ]
