"""The motive a stolen or lost phone's case is filed under (T6.4), unless it exists."""

from django.db import migrations

CODE = "stolen-phone"


def motive_add(apps, schema_editor):  # type: ignore[no-untyped-def]
    Motive = apps.get_model("cases", "Motive")
    Motive.objects.get_or_create(
        code=CODE,
        defaults={
            "label_fr": "Vol ou perte du mobile",
            "label_en": "Stolen or lost phone",
            "billing": False,
            "talk_time_target_seconds": 300,
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0001_initial"),
        ("cases", "0011_operation_kinds"),
    ]

    operations = [migrations.RunPython(motive_add, migrations.RunPython.noop)]
