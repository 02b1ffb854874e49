"""Add to the two default scheme versions the deadline rules of the case kinds added
after 0002 (the complaint chain: mediation, T6.7-b / N6.2), as their files give them.

Rules already there are left as they are; reversing deletes the default versions'
rules of those kinds. Clocks are derived data: ``clocks_recompute`` re-derives them.
"""

from django.db import migrations

from pacte.commitments.schemedata import default_rules_add, default_rules_remove

LATER_KINDS = ("appeal", "mediation", "acceptance")


def add_chain_rules(apps, schema_editor):
    default_rules_add(apps, LATER_KINDS)


def remove_chain_rules(apps, schema_editor):
    default_rules_remove(apps, LATER_KINDS)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0005_chain_kinds"),
    ]

    operations = [
        migrations.RunPython(add_chain_rules, remove_chain_rules),
    ]
