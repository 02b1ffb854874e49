"""An event kind: the customer of an unidentified sender's case identified."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_clock_late_recorded'),
    ]

    operations = [
        migrations.AlterField(
            model_name='caseevent',
            name='kind',
            field=models.CharField(choices=[('opened', 'Opened'), ('assigned', 'Assigned'), ('customer_message', 'Customer message'), ('answered', 'Answered'), ('handed_off', 'Handed off'), ('deadline_committed', 'New deadline committed'), ('note', 'Internal note'), ('closed', 'Closed'), ('reopened', 'Reopened'), ('customer_matched', 'Customer identified')], max_length=32, verbose_name='kind'),
        ),
    ]
