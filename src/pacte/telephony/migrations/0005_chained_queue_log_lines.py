"""Hash-chain each queue_log source's lines (docs/trail.md)."""

from django.db import migrations

from pacte.core.chain_migration import chain_operations


class Migration(migrations.Migration):
    dependencies = [("telephony", "0004_queue_log_line_late")]

    operations = [
        *chain_operations(
            app_label="telephony",
            model_name="queuelogline",
            chain_field="source",
            constraint="queue_log_line_chain",
        ),
    ]
