"""Add to the two default scheme versions the deadline rules of the operations' case
kinds (after-sales requests T4.5-b, SIM replacement T4.1, line restoration T4.4, stolen
phones T6.4), as their files give them.

Rules already there are left as they are; reversing deletes the default versions'
rules of those kinds. Clocks are derived data: ``clocks_recompute`` re-derives them.
"""

from django.db import migrations

from pacte.commitments.schemedata import default_rules_add, default_rules_remove

LATER_KINDS = ("after_sales", "sim_order", "restoration", "stolen_phone")


def add_operation_rules(apps, schema_editor):
    default_rules_add(apps, LATER_KINDS)


def remove_operation_rules(apps, schema_editor):
    default_rules_remove(apps, LATER_KINDS)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0007_operation_kinds"),
    ]

    operations = [
        migrations.RunPython(add_operation_rules, remove_operation_rules),
    ]
