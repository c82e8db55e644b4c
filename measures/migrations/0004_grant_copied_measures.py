"""Give the measures that "extend into a new programme" copied without the measure service their
responsible committee's permission to update the follow-up (0003 did this once for older rows).

From now on every copy goes through measures.services.measure_create, which grants it.
"""

from django.db import migrations


def grant(apps, schema_editor):
    Measure = apps.get_model("measures", "Measure")
    Committee = apps.get_model("committees", "Committee")
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    GroupObjectPermission = apps.get_model("guardian", "GroupObjectPermission")
    if not Measure.objects.exists():
        return  # a fresh database: the permission rows are created after migrate
    content_type, _ = ContentType.objects.get_or_create(app_label="measures", model="measure")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="change_measure", defaults={"name": "Can change measure"}
    )
    for committee in Committee.objects.filter(responsible_measures__isnull=False).distinct():
        if committee.group_id is None:
            committee.group, _ = Group.objects.get_or_create(name=f"Nämnd: {committee.code}")
            committee.save(update_fields=["group"])
        held = set(
            GroupObjectPermission.objects.filter(
                group_id=committee.group_id, permission=permission, content_type=content_type
            ).values_list("object_pk", flat=True)
        )
        measure_pks = Measure.objects.filter(responsible_committee=committee).values_list(
            "pk", flat=True
        )
        GroupObjectPermission.objects.bulk_create(
            GroupObjectPermission(
                group_id=committee.group_id,
                permission=permission,
                content_type=content_type,
                object_pk=str(pk),
            )
            for pk in measure_pks
            if str(pk) not in held
        )


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0003_grant_committee_permissions"),
        ("committees", "0001_initial"),
        ("guardian", "0003_remove_groupobjectpermission_guardian_gr_content_ae6aec_idx_and_more"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
