"""Indicator.unit (percent unless the target counts something else) and the SchemeEvent log.

The data step sets the unit of the shipped indicators whose target is not a percentage,
in every version of the two default schemes: T1.1-a counts channels, T5.1-a is a score
out of 5, T5.1-b counts requests per 1,000 customers. Reversing drops the column.
"""

import django.db.models.deletion
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


# Indicator code -> unit, for the shipped indicators whose target is not a percentage.
NON_PERCENT_UNITS = {"T1.1-a": "count", "T5.1-a": "score", "T5.1-b": "per_thousand"}


def set_units(apps, schema_editor):
    indicator = apps.get_model("commitments", "Indicator")
    for code, unit in NON_PERCENT_UNITS.items():
        indicator.objects.filter(
            commitment__version__scheme__code="telecom-2004", code=code
        ).update(unit=unit)


class Migration(migrations.Migration):

    dependencies = [
        ('commitments', '0002_default_schemes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='indicator',
            name='unit',
            field=models.CharField(choices=[('percent', 'percent'), ('count', 'count'), ('score', 'score out of 5'), ('per_thousand', 'per 1,000 customers')], db_default='percent', default='percent', max_length=16, verbose_name='unit'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='target',
            field=models.DecimalField(decimal_places=2, default=Decimal('95.00'), max_digits=6, verbose_name='target'),
        ),
        migrations.RunPython(set_units, migrations.RunPython.noop),
        migrations.CreateModel(
            name='SchemeEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('drafted', 'Draft copied'), ('commitment_changed', 'Commitment changed'), ('requirement_added', 'Requirement added'), ('requirement_changed', 'Requirement changed'), ('requirement_removed', 'Requirement removed'), ('indicator_changed', 'Indicator changed'), ('deadline_rule_changed', 'Deadline rule changed'), ('activated', 'Activated')], max_length=24, verbose_name='kind')),
                ('subject', models.CharField(blank=True, max_length=64, verbose_name='subject')),
                ('at', models.DateTimeField(verbose_name='at')),
                ('details', models.JSONField(blank=True, default=dict, verbose_name='details')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='scheme_events', to=settings.AUTH_USER_MODEL)),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='commitments.schemeversion')),
            ],
            options={
                'verbose_name': 'scheme event',
                'verbose_name_plural': 'scheme events',
                'ordering': ('version', 'at', 'pk'),
            },
        ),
    ]
