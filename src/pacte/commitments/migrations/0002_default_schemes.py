"""Load the two default commitment schemes, version 1, active: telecom-2004 and nf-x50-798.

Writes through the historical models only; the data are the files in commitments/data/.
Reversing deletes those two versions, and their schemes if no other version is left.
"""

from django.db import migrations

from pacte.commitments.schemedata import (
    scheme_data_load,
    scheme_data_unload,
    scheme_file_read,
    scheme_models_from,
)

SCHEME_FILES = ("telecom-2004.json", "nf-x50-798.json")


def known_kinds_only(data, models):
    """The file's data without the deadline rules of case kinds this migration's
    historical model does not know yet (0006 loads them, once their kind exists)."""
    choices = models.deadline_rule._meta.get_field("kind").choices
    known = {value for value, _label in choices} | {""}
    for commitment in data["commitments"]:
        commitment["deadline_rules"] = [
            rule for rule in commitment["deadline_rules"] if rule["kind"] in known
        ]
    return data


def load_default_schemes(apps, schema_editor):
    models = scheme_models_from(apps)
    for name in SCHEME_FILES:
        scheme_data_load(data=known_kinds_only(scheme_file_read(name), models), models=models)


def unload_default_schemes(apps, schema_editor):
    models = scheme_models_from(apps)
    for name in SCHEME_FILES:
        data = scheme_file_read(name)
        scheme_data_unload(
            scheme_code=data["scheme"]["code"], number=data["version"]["number"], models=models
        )


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_default_schemes, unload_default_schemes),
    ]
