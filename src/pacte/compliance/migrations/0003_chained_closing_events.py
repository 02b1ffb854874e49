"""Hash-chain the closingevent log (docs/trail.md)."""

from django.db import migrations

from pacte.core.chain_migration import chain_operations


class Migration(migrations.Migration):
    dependencies = [("compliance", "0002_month_tally")]

    operations = [
        *chain_operations(
            app_label="compliance", model_name="closingevent", chain_field="closing", constraint="closing_event_chain"
        ),
    ]
