"""The worker runs the clock recomputation queued from the admin."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from pacte.business_calendar.models import CalendarDayKind
from pacte.business_calendar.services import calendar_day_set
from pacte.cases.tasks import clocks_recompute_task
from pacte.factories import open_case

PARIS = ZoneInfo("Europe/Paris")
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_admin_action_queues_a_recompute_that_the_worker_runs(cast, frozen_now, client):
    case = open_case(received_at=datetime(2026, 3, 10, 9, tzinfo=PARIS), team=cast.front)
    calendar_day_set(
        calendar=case.site.calendar, day=date(2026, 3, 11), kind=CalendarDayKind.CLOSED
    )
    client.force_login(cast.administrator)
    cast.administrator.is_superuser = True
    cast.administrator.save()
    response = client.post(
        "/admin/cases/site/",
        {"action": "recompute_clocks", "_selected_action": [case.site.pk]},
    )
    assert response.status_code == 302
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    case.refresh_from_db()
    assert case.due_at == datetime(2026, 3, 13, 23, 59, 59, 999999, tzinfo=PARIS)


def test_task_reports_zero_changes_when_nothing_moved(cast, frozen_now):
    open_case(received_at=datetime(2026, 3, 10, 9, tzinfo=PARIS), team=cast.front)
    report = clocks_recompute_task.call()
    assert report["cases"] == 1
    assert report["created"] == report["updated"] == report["deleted"] == 0
