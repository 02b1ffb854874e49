"""Add to the two default scheme versions the deadline rules of the operations' case
kinds (after-sales requests T4.5-b, SIM replacement T4.1, line restoration T4.4, stolen
phones T6.4), as their files give them.

Rules already there are left as they are; reversing deletes the default versions'
rules of those kinds. Clocks are derived data: ``clocks_recompute`` re-derives them.
"""

from django.db import migrations

from pacte.commitments.schemedata import scheme_file_read

SCHEME_FILES = ("telecom-2004.json", "nf-x50-798.json")
LATER_KINDS = ("after_sales", "sim_order", "restoration", "stolen_phone")
RULE_FIELDS = ("exclude_billing", "fraud_victim_only", "delay_value", "delay_unit")


def _versions(apps):
    SchemeVersion = apps.get_model("commitments", "SchemeVersion")
    for name in SCHEME_FILES:
        data = scheme_file_read(name)
        version = SchemeVersion.objects.filter(
            scheme__code=data["scheme"]["code"], number=data["version"]["number"]
        ).first()
        if version is not None:
            yield data, version


def add_operation_rules(apps, schema_editor):
    Commitment = apps.get_model("commitments", "Commitment")
    DeadlineRule = apps.get_model("commitments", "DeadlineRule")
    for data, version in _versions(apps):
        for item in data["commitments"]:
            rules = [rule for rule in item["deadline_rules"] if rule["kind"] in LATER_KINDS]
            commitment = Commitment.objects.filter(version=version, code=item["code"]).first()
            if commitment is None or not rules:
                continue
            for rule in rules:
                DeadlineRule.objects.get_or_create(
                    commitment=commitment,
                    channel=rule["channel"],
                    kind=rule["kind"],
                    defaults={name: rule[name] for name in RULE_FIELDS},
                )


def remove_operation_rules(apps, schema_editor):
    DeadlineRule = apps.get_model("commitments", "DeadlineRule")
    for _data, version in _versions(apps):
        DeadlineRule.objects.filter(
            commitment__version=version, kind__in=LATER_KINDS
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0007_operation_kinds"),
    ]

    operations = [
        migrations.RunPython(add_operation_rules, remove_operation_rules),
    ]
