"""The two calendars every installation starts with: France and Alsace-Moselle."""

from datetime import time

from django.db import migrations

DEFAULT_CALENDARS = (
    ("FR", "France", "FR"),
    ("FR-AM", "Alsace-Moselle", "FR-AM"),
)


def create_default_calendars(apps, schema_editor):
    Calendar = apps.get_model("business_calendar", "Calendar")
    for code, name, source in DEFAULT_CALENDARS:
        Calendar.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "timezone": "Europe/Paris",
                "weekmask": "1111100",
                "closing_time": time(18, 0),
                "holiday_source": source,
            },
        )


def remove_default_calendars(apps, schema_editor):
    Calendar = apps.get_model("business_calendar", "Calendar")
    Calendar.objects.filter(code__in=[code for code, _, _ in DEFAULT_CALENDARS]).delete()


class Migration(migrations.Migration):
    dependencies = [("business_calendar", "0001_initial")]

    operations = [migrations.RunPython(create_default_calendars, remove_default_calendars)]
