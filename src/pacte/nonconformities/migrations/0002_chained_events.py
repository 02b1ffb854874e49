"""Hash-chain the nonconformityevent log (docs/trail.md)."""

from django.db import migrations

from pacte.core.chain_migration import chain_operations


class Migration(migrations.Migration):
    dependencies = [("nonconformities", "0001_initial")]

    operations = [
        *chain_operations(
            app_label="nonconformities", model_name="nonconformityevent", chain_field="nonconformity", constraint="nonconformity_event_chain"
        ),
    ]
