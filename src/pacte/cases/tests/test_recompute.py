"""recompute_clocks: rebuilds clocks from events, idempotent, follows calendar changes."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from pacte.business_calendar.models import CalendarDayKind
from pacte.business_calendar.services import calendar_day_set
from pacte.cases.models import Clock, ClockState
from pacte.cases.recompute import clocks_recompute
from pacte.conftest import paris
from pacte.factories import open_case

pytestmark = pytest.mark.django_db


def test_recompute_twice_changes_nothing_the_second_time(cast, frozen_now):
    for day in (2, 3, 4, 5):
        open_case(received_at=paris(2026, 3, day, 10, 0), team=cast.front)
    first = clocks_recompute(now=frozen_now, batch_size=3)
    second = clocks_recompute(now=frozen_now, batch_size=3)
    # the services already stored exact clocks; time passing breached the old ones
    assert first.cases == second.cases == 4
    assert second.changes == 0
    assert second.unchanged == 4


def test_recompute_marks_a_passed_deadline_breached(cast):
    with time_machine.travel(paris(2026, 3, 9, 9, 0), tick=False):
        case = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    assert case.clocks.get().state == ClockState.RUNNING
    report = clocks_recompute(now=paris(2026, 3, 12, 0, 0))
    assert report.updated == 1
    assert case.clocks.get().state == ClockState.BREACHED


def test_recompute_picks_up_a_local_closure(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 10, 9, 0), team=cast.front)
    assert case.clocks.get().due_at == paris(2026, 3, 12, 23, 59, 59, 999999)
    # when the site closes on Wednesday 11 March
    calendar_day_set(
        calendar=case.site.calendar,
        day=date(2026, 3, 11),
        kind=CalendarDayKind.CLOSED,
        label="Move to new premises",
    )
    report = clocks_recompute(now=frozen_now)
    # then the deadline moves to Friday
    assert report.updated == 1
    case.refresh_from_db()
    assert case.due_at == paris(2026, 3, 13, 23, 59, 59, 999999)
    assert Clock.objects.get(case=case).due_at == case.due_at


def test_recompute_restores_a_deleted_clock(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 10, 9, 0), team=cast.front)
    expected = Clock.objects.get(case=case)
    Clock.objects.filter(case=case).delete()
    report = clocks_recompute(now=frozen_now)
    assert report.created == 1
    restored = Clock.objects.get(case=case)
    assert (restored.due_at, restored.state) == (expected.due_at, expected.state)


def test_command_prints_counts_and_is_idempotent(cast, frozen_now):
    open_case(received_at=paris(2026, 3, 10, 9, 0), team=cast.front)
    out = StringIO()
    call_command("recompute_clocks", stdout=out)
    call_command("recompute_clocks", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[1] == ("cases=1 created=0 updated=0 deleted=0 unchanged=1 deadlines_moved=0")
