"""The measure's optimistic-locking counter is its edit token, no longer a "version" (issue 12)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0007_reporting_rounds"),
    ]

    operations = [
        migrations.RenameField("measure", "lock_version", "edit_token"),
        migrations.RenameField("historicalmeasure", "lock_version", "edit_token"),
    ]
