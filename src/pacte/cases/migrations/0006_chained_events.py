"""Case events: recorded_at stamped by the server's clock, late_recorded, and a hash
chain per case (docs/trail.md)."""

from django.db import migrations, models

import pacte.core.clock
from pacte.core.chain_migration import chain_operations


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_clock_month_change")]

    operations = [
        migrations.AlterField(
            model_name="caseevent",
            name="recorded_at",
            field=models.DateTimeField(default=pacte.core.clock.now, verbose_name="recorded at"),
        ),
        migrations.AddField(
            model_name="caseevent",
            name="late_recorded",
            field=models.BooleanField(
                default=False,
                help_text="Recorded after the fact by an integration: at is earlier than recorded at.",
                verbose_name="late-recorded",
            ),
        ),
        *chain_operations(
            app_label="cases", model_name="caseevent", chain_field="case", constraint="case_event_chain"
        ),
    ]
