"""Call events: recorded_at stamped by the server's clock, late_recorded, a hash chain
per call, and a call with events can no longer be deleted (docs/trail.md)."""

import django.db.models.deletion
from django.db import migrations, models

import pacte.core.clock
from pacte.core.chain_migration import chain_operations


class Migration(migrations.Migration):
    dependencies = [("telephony", "0002_calls")]

    operations = [
        migrations.AlterField(
            model_name="callevent",
            name="recorded_at",
            field=models.DateTimeField(default=pacte.core.clock.now, verbose_name="recorded at"),
        ),
        migrations.AddField(
            model_name="callevent",
            name="late_recorded",
            field=models.BooleanField(default=False, verbose_name="late-recorded"),
        ),
        migrations.AlterField(
            model_name="callevent",
            name="call",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="events",
                to="telephony.call",
            ),
        ),
        *chain_operations(
            app_label="telephony", model_name="callevent", chain_field="call", constraint="call_event_chain"
        ),
    ]
