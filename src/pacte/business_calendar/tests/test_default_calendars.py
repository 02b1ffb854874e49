"""The data migration that creates the FR and FR-AM calendars."""

from __future__ import annotations

import importlib
from datetime import time

import pytest
from django.apps import apps

from pacte.business_calendar.models import Calendar

pytestmark = pytest.mark.django_db

migration = importlib.import_module("pacte.business_calendar.migrations.0002_default_calendars")


def test_default_calendars_exist_after_migrating() -> None:
    rows = Calendar.objects.filter(code__in=["FR", "FR-AM"]).values_list(
        "code", "name", "timezone", "weekmask", "closing_time", "holiday_source"
    )
    assert sorted(rows) == [
        ("FR", "France", "Europe/Paris", "1111100", time(18, 0), "FR"),
        ("FR-AM", "Alsace-Moselle", "Europe/Paris", "1111100", time(18, 0), "FR-AM"),
    ]


def test_default_calendars_migration_reverses_and_reapplies() -> None:
    migration.remove_default_calendars(apps, None)
    assert not Calendar.objects.filter(code__in=["FR", "FR-AM"]).exists()
    migration.create_default_calendars(apps, None)
    migration.create_default_calendars(apps, None)
    assert Calendar.objects.filter(code__in=["FR", "FR-AM"]).count() == 2
