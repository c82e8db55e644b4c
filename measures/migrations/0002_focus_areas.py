"""Load the eight focus areas of the national action plan (2018). A municipality edits them in the admin."""

from django.db import migrations

FOCUS_AREAS = [
    (1, "Förstärkt samordning mellan myndigheter och andra aktörer"),
    (2, "Stärkt förebyggande arbete, bland annat minskad efterfrågan på sexuella tjänster"),
    (3, "Förbättrad förmåga att upptäcka prostitution och människohandel"),
    (4, "Lagstiftning"),
    (5, "Stärkt skydd och stöd"),
    (6, "Effektivare brottsbekämpning"),
    (7, "Ökad kunskap och metodutveckling"),
    (8, "Ökat internationellt samarbete"),
]


def load(apps, schema_editor):
    FocusArea = apps.get_model("measures", "FocusArea")
    for number, name in FOCUS_AREAS:
        FocusArea.objects.get_or_create(number=number, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("measures", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
