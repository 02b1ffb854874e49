"""Hash-chain the schemeevent log (docs/trail.md)."""

from django.db import migrations

from pacte.core.chain_migration import chain_operations


class Migration(migrations.Migration):
    dependencies = [("commitments", "0003_indicator_unit_alter_indicator_target_schemeevent")]

    operations = [
        *chain_operations(
            app_label="commitments", model_name="schemeevent", chain_field="version", constraint="scheme_event_chain"
        ),
    ]
