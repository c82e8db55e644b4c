"""Sign-in sessions move back to Django's own table (django.contrib.sessions).

The project's own session app (``usersessions``) is gone: its table is dropped, and Django's
table is emptied, because sessions left there from before that app would otherwise be read
again. Everybody signs in once more; nothing else is lost. A database that never had the app
has no such table, which DROP TABLE IF EXISTS allows for.
The app's content type stays until ``manage.py remove_stale_contenttypes`` (docs/operations.md).
"""

from django.db import migrations


def forget_old_sessions(apps, schema_editor):
    apps.get_model("sessions", "Session").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "DROP TABLE IF EXISTS usersessions_usersession", reverse_sql=migrations.RunSQL.noop
        ),
        migrations.RunPython(forget_old_sessions, migrations.RunPython.noop),
    ]
