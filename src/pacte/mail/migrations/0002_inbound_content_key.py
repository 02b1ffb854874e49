"""Duplicates are exact: the Message-ID key gives way to a content key (every
header but the trace fields, and the body), computed here for the rows already stored;
a later row with the content of an earlier one points to it. One row per folder UID."""

import django.db.models.deletion
from django.db import migrations, models

from pacte.mail.parsing import content_key


def fill_content_keys(apps, schema_editor):
    inbound = apps.get_model("mail", "InboundMessage")
    first: dict[str, int] = {}
    rows = inbound.objects.order_by("id").values_list("id", "raw")
    for pk, raw in rows.iterator(chunk_size=200):
        key = content_key(bytes(raw))
        original = first.setdefault(key, pk)
        inbound.objects.filter(pk=pk).update(
            content_key=key, duplicate_of_id=None if original == pk else original
        )


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_clock_late_recorded'),
        ('customers', '0003_customer_unidentified'),
        
        ('intake', '0001_initial'),
        ('mail', '0001_mailboxes_messages'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='inboundmessage',
            name='mail_inbound_dedup_key',
        ),
        migrations.RemoveField(
            model_name='inboundmessage',
            name='dedup_key',
        ),
        migrations.AddField(
            model_name='inboundmessage',
            name='content_key',
            field=models.CharField(default='', help_text='SHA-256 of every header but the trace fields and of the body: the same message received twice shares it.', max_length=64, verbose_name='content key'),
        ),
        migrations.AddField(
            model_name='inboundmessage',
            name='duplicate_of',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='duplicates', to='mail.inboundmessage', verbose_name='duplicate of'),
        ),
        migrations.AddField(
            model_name='inboundmessage',
            name='from_header',
            field=models.TextField(blank=True, verbose_name='From header'),
        ),
        migrations.AddField(
            model_name='inboundmessage',
            name='parts',
            field=models.JSONField(blank=True, default=list, help_text='Every part of the message: body, alternative, file stored or refused.', verbose_name='MIME parts'),
        ),
        migrations.AlterField(
            model_name='inboundmessage',
            name='status',
            field=models.CharField(choices=[('received', 'Received (not parsed yet)'), ('parsed', 'Parsed'), ('quarantined', 'Quarantined'), ('duplicate', 'Duplicate (the same message received again)')], default='received', max_length=16, verbose_name='status'),
        ),
        migrations.RunPython(fill_content_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='inboundmessage',
            constraint=models.UniqueConstraint(condition=models.Q(('duplicate_of__isnull', True)), fields=('content_key',), name='mail_inbound_content_key'),
        ),
        migrations.AddConstraint(
            model_name='inboundmessage',
            constraint=models.UniqueConstraint(fields=('mailbox', 'uidvalidity', 'uid'), name='mail_inbound_mailbox_uid'),
        ),
    ]
