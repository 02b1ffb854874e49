"""Customers made for a message whose sender could not be read."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('customers', '0002_customer_fact_change'),
    ]

    operations = [
        migrations.AddField(
            model_name='customer',
            name='unidentified',
            field=models.BooleanField(db_default=False, default=False, help_text='Made for a message whose sender could not be read: an agent matches its case to the real customer.', verbose_name='unidentified sender'),
        ),
    ]
