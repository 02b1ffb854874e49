"""Which line a dunning case is for (operations.dunning)."""

import django.db.models.deletion
from django.db import migrations, models

class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0011_operation_kinds'),
        ('customers', '0005_line_offer_imei_blocked'),
        ('operations', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='DunningCase',
            fields=[
                ('case', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, primary_key=True, related_name='dunning', serialize=False, to='cases.case')),
                ('line', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dunning_cases', to='customers.line')),
            ],
            options={
                'verbose_name': 'dunning case',
                'verbose_name_plural': 'dunning cases',
                'ordering': ('line', 'case'),
            },
        ),
    ]
