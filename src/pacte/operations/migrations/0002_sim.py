"""The motive SIM orders are filed under (T4.1, operations.sim), if absent."""

from django.db import migrations

SIM_MOTIVE = {
    "code": "sim-replacement",
    "label_fr": "Remplacement de carte SIM",
    "label_en": "SIM replacement",
}


def motive_add(apps, schema_editor):
    Motive = apps.get_model("cases", "Motive")
    Motive.objects.get_or_create(
        code=SIM_MOTIVE["code"],
        defaults={"label_fr": SIM_MOTIVE["label_fr"], "label_en": SIM_MOTIVE["label_en"]},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0001_initial"),
        ("cases", "0011_operation_kinds"),
    ]

    operations = [migrations.RunPython(motive_add, migrations.RunPython.noop)]
