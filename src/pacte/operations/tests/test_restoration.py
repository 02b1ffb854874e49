"""Restoring a line after payment (T4.4): the worker job, by hand, refusals, the 24/7
clock across the DST change, and the restorations overdue."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from pacte.cases.models import CaseEvent, CaseStatus, ClockState, EventKind
from pacte.conftest import paris
from pacte.core.errors import PacteError
from pacte.customers.models import LineStatus
from pacte.factories import open_case
from pacte.operations.errors import OperationError
from pacte.operations.lines import line_status_set
from pacte.operations.models import LineEvent, OperationRules
from pacte.operations.payments import payment_register
from pacte.operations.restoration import (
    line_restore,
    line_restore_task,
    restorations_due_task,
    restorations_waiting,
)
from pacte.operations.restoration_overdue import restorations_overdue
from pacte.operations.tests.restoration_data import suspended_line

pytestmark = pytest.mark.django_db

SUSPENDED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
PAID = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _pay(line, at=PAID, reference="PAY-1", actor=None):
    with time_machine.travel(at, tick=False):
        return payment_register(
            account=line.account,
            reference=reference,
            amount="10.00",
            paid_on=at.date() - timedelta(days=1),
            actor=actor,
            source="api",
        )


def test_the_worker_job_restores_the_line_when_the_payment_commits(
    cast, immediate_tasks, django_capture_on_commit_callbacks
):
    # given a line suspended for non-payment
    line = suspended_line(at=SUSPENDED)
    # when the payment is registered (the worker runs the job on commit)
    with time_machine.travel(PAID, tick=False), django_capture_on_commit_callbacks(execute=True):
        (case,) = _pay(line).restorations
    # then the line is active again, its LineEvent says why, the clock met, the case closed
    line.refresh_from_db()
    assert line.status == LineStatus.ACTIVE
    last = LineEvent.objects.filter(line=line).order_by("-seq")[0]
    assert (last.status_to, last.data, last.case_id) == (
        "active",
        {"cause": "restoration"},
        case.pk,
    )
    restored = CaseEvent.objects.get(case=case, kind=EventKind.LINE_RESTORED)
    assert (restored.at, restored.actor, restored.data["line_event"]) == (PAID, None, last.pk)
    clock = case.clocks.get()
    assert (clock.state, clock.met_at) == (ClockState.MET, PAID)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_the_job_run_twice_gives_the_same_result(cast):
    line = suspended_line(at=SUSPENDED)
    (case,) = _pay(line).restorations
    with time_machine.travel(PAID + timedelta(minutes=5), tick=False):
        first = line_restore_task.call(case.pk)
        second = line_restore_task.call(case.pk)
    assert first == second == (PAID + timedelta(minutes=5)).isoformat()
    assert CaseEvent.objects.filter(case=case, kind=EventKind.LINE_RESTORED).count() == 1
    assert LineEvent.objects.filter(line=line, status_to="active").count() == 1
    assert line_restore_task.call(999999) == "missing"


def test_an_agent_records_the_restoration_by_hand(cast):
    line = suspended_line(at=SUSPENDED)
    (case,) = _pay(line).restorations
    with time_machine.travel(PAID + timedelta(hours=5), tick=False):
        event = line_restore(case=case, actor=cast.agent)
    assert (event.actor, event.at) == (cast.agent, PAID + timedelta(hours=5))
    assert case.clocks.get().state == ClockState.MET_LATE


def test_a_role_that_may_not_restore_is_refused(cast):
    line = suspended_line(at=SUSPENDED)
    (case,) = _pay(line).restorations
    with pytest.raises(PacteError) as refused:
        line_restore(case=case, actor=cast.auditor)
    assert refused.value.status_code == 403
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.LINE_RESTORED).exists()


def test_a_case_of_another_kind_is_refused(cast):
    case = open_case(received_at=PAID, team=cast.front)
    with pytest.raises(PacteError) as refused:
        line_restore(case=case, actor=cast.agent)
    assert refused.value.code == OperationError.NOT_RESTORATION


def test_a_line_blocked_meanwhile_is_left_to_a_person(cast):
    line = suspended_line(at=SUSPENDED)
    (case,) = _pay(line).restorations
    with time_machine.travel(PAID + timedelta(minutes=1), tick=False):
        line_status_set(line=line, status=LineStatus.BLOCKED, reason="Stolen", actor=cast.agent)
    with pytest.raises(PacteError) as refused:
        line_restore(case=case)
    assert refused.value.code == OperationError.RESTORATION_LINE_STATE
    assert restorations_due_task.call() == {"restored": 0, "refused": 1}
    assert restorations_waiting() == [case.pk]


def test_a_line_already_active_is_recorded_restored_without_a_move(cast):
    line = suspended_line(at=SUSPENDED)
    (case,) = _pay(line).restorations
    with time_machine.travel(PAID + timedelta(minutes=1), tick=False):
        line_status_set(line=line, status=LineStatus.ACTIVE, reason="By hand", actor=cast.agent)
        event = line_restore(case=case)
    assert event.data["already_active"] is True
    assert LineEvent.objects.filter(line=line, status_to="active").count() == 1


def test_the_sweep_restores_what_a_lost_job_left(cast):
    lines = [suspended_line(at=SUSPENDED) for _ in range(2)]
    for number, line in enumerate(lines):
        _pay(line, reference=f"P{number}")
    with time_machine.travel(PAID + timedelta(minutes=3), tick=False):
        assert restorations_due_task.call() == {"restored": 2, "refused": 0}
        assert restorations_due_task.call() == {"restored": 0, "refused": 0}
    assert restorations_waiting() == []


# The night of Sunday 25 October 2026 in Paris: 03:00 CEST becomes 02:00 CET.
PAID_DST = paris(2026, 10, 25, 1, 30)  # CEST, 23:30 UTC on the 24th


@pytest.mark.parametrize(
    ("restored_local", "elapsed", "state"),
    [
        # 01:30 CEST → 04:15 CET: 2 h 45 on the wall clock, 3 h 45 elapsed: in time
        ((4, 15), timedelta(hours=3, minutes=45), ClockState.MET),
        # 01:30 CEST → 04:30 CET: exactly 4 h: in time
        ((4, 30), timedelta(hours=4), ClockState.MET),
        # 01:30 CEST → 04:45 CET: 4 h 15 elapsed: late (the wall clock says 3 h 15)
        ((4, 45), timedelta(hours=4, minutes=15), ClockState.MET_LATE),
    ],
    ids=["3h45", "4h00", "4h15"],
)
def test_the_24_7_clock_counts_real_hours_across_the_dst_change(
    cast, restored_local, elapsed, state
):
    # given a payment at 01:30 local on the night the clocks go back
    line = suspended_line(at=paris(2026, 10, 20, 9))
    (case,) = _pay(line, at=PAID_DST).restorations
    clock = case.clocks.get()
    assert PAID_DST.astimezone(UTC) == datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    # then the deadline is 4 real hours later: 04:30 CET (03:30 UTC), not 05:30
    assert clock.due_at == datetime(2026, 10, 25, 3, 30, tzinfo=UTC)
    assert clock.due_at == paris(2026, 10, 25, 4, 30)
    # when restored at the given local time (after the change, CET)
    restored_at = paris(2026, 10, 25, *restored_local)
    # (aware datetimes of one zone subtract on the wall clock: compare in UTC)
    assert restored_at.astimezone(UTC) - PAID_DST.astimezone(UTC) == elapsed
    with time_machine.travel(restored_at, tick=False):
        line_restore(case=case)
    clock.refresh_from_db()
    assert (clock.met_at, clock.state) == (restored_at, state)


def test_restorations_overdue_after_the_alert_threshold_and_breached_after_4h(cast):
    lines = [suspended_line(at=SUSPENDED) for _ in range(3)]
    _pay(lines[0], at=PAID, reference="A")  # 5 h before now: breached
    _pay(lines[1], at=PAID + timedelta(hours=2, minutes=50), reference="B")  # 2 h 10: overdue
    _pay(lines[2], at=PAID + timedelta(hours=4), reference="C")  # 1 h: not yet
    now = PAID + timedelta(hours=5)
    rows = restorations_overdue(now=now)
    assert [(row.hours, row.minutes, row.breached) for row in rows] == [
        (5, 0, True),
        (2, 10, False),
    ]
    assert rows[0].msisdn == lines[0].msisdn


def test_the_alert_threshold_is_the_active_versions(cast):
    from pacte.commitments.models import SchemeVersion, VersionStatus

    version = SchemeVersion.objects.get(scheme__code="telecom-2004", status=VersionStatus.ACTIVE)
    OperationRules.objects.create(version=version, restoration_alert_hours=3)
    line = suspended_line(at=SUSPENDED)
    _pay(line)
    assert restorations_overdue(now=PAID + timedelta(hours=2, minutes=59)) == []
    assert len(restorations_overdue(now=PAID + timedelta(hours=3))) == 1


def test_paid_on_is_any_past_date(cast):
    line = suspended_line(at=SUSPENDED)
    with time_machine.travel(PAID, tick=False):
        done = payment_register(
            account=line.account,
            reference="OLD",
            amount="1.00",
            paid_on=date(2020, 1, 1),
            actor=None,
            source="import",
        )
    assert done.created


def test_the_command_restores_what_a_lost_job_left(cast):
    from io import StringIO

    from django.core.management import call_command

    line = suspended_line(at=SUSPENDED)
    _pay(line)
    out = StringIO()
    with time_machine.travel(PAID + timedelta(minutes=3), tick=False):
        call_command("restore_lines", stdout=out)
    assert out.getvalue().strip() == "restored=1 refused=0"
    line.refresh_from_db()
    assert line.status == LineStatus.ACTIVE
