"""Hash-chain the evidenceevent log (docs/trail.md)."""

from django.db import migrations

from pacte.core.chain_migration import chain_operations


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [
        *chain_operations(
            app_label="evidence", model_name="evidenceevent", chain_field="pack", constraint="evidence_event_chain"
        ),
    ]
