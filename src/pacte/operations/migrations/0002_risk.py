"""The motive risk and fraud measures are filed under (operations.risk, T4.2)."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

CODE = "risk-measure"


def motive_create(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    motive = apps.get_model("cases", "Motive")
    motive.objects.get_or_create(
        code=CODE,
        defaults={
            "label_fr": "Mesure de risque ou de fraude",
            "label_en": "Risk or fraud measure",
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0001_initial"),
        ("cases", "0011_operation_kinds"),
    ]

    operations = [migrations.RunPython(motive_create, migrations.RunPython.noop)]
