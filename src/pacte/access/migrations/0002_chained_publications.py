"""Hash-chain the access page's publications, their channels and services, and its
event log (docs/trail.md)."""

from django.db import migrations

from pacte.core.chain_migration import chain_operations


class Migration(migrations.Migration):
    dependencies = [("access", "0001_access_page_publications")]

    operations = [
        *chain_operations(
            app_label="access",
            model_name="publication",
            chain_field=None,
            constraint="access_publication_chain",
        ),
        *chain_operations(
            app_label="access",
            model_name="publishedchannel",
            chain_field="publication",
            constraint="access_published_channel_chain",
        ),
        *chain_operations(
            app_label="access",
            model_name="publishedservice",
            chain_field="publication",
            constraint="access_published_service_chain",
        ),
        *chain_operations(
            app_label="access",
            model_name="accessevent",
            chain_field=None,
            constraint="access_event_chain",
        ),
    ]
