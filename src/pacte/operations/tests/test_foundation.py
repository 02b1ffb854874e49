"""What the operations share: a line's status moves, and the clocks that stop on an
operation's own event rather than on an answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from pacte.cases.models import Clock, ClockState, EventKind
from pacte.cases.services import _locked, _record, _refresh_clocks, case_answer
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import CustomerFact, LineStatus
from pacte.customers.services import customer_fact_set
from pacte.factories import CustomerFactory, LineFactory, UserFactory, open_case
from pacte.operations.errors import OperationError
from pacte.operations.lines import line_status_set
from pacte.operations.models import LineEvent

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@time_machine.travel(MONDAY, tick=False)
def test_a_line_moves_only_as_a_line_can_and_every_move_is_chained():
    agent = UserFactory.create(role="agent")
    line = LineFactory.create()
    line_status_set(line=line, status=LineStatus.SUSPENDED, reason="Unpaid", actor=agent)
    line_status_set(line=line, status=LineStatus.ACTIVE, reason="Paid", actor=agent)
    line_status_set(line=line, status=LineStatus.TERMINATED, reason="Ended", actor=agent)
    with pytest.raises(PacteError) as refused:
        line_status_set(line=line, status=LineStatus.ACTIVE, reason="Back", actor=agent)
    assert refused.value.code == OperationError.TRANSITION_REFUSED
    with pytest.raises(PacteError) as no_reason:
        line_status_set(line=LineFactory.create(), status="suspended", reason=" ", actor=agent)
    assert no_reason.value.code == OperationError.REASON_REQUIRED
    events = list(LineEvent.objects.filter(line=line).order_by("seq"))
    assert [(e.status_from, e.status_to) for e in events] == [
        ("active", "suspended"),
        ("suspended", "active"),
        ("active", "terminated"),
    ]
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[1].prev_hash == events[0].row_hash
    line.refresh_from_db()
    assert line.status == LineStatus.TERMINATED


def _event(case, kind, at):
    with time_machine.travel(at, tick=False):
        locked = _locked(case)
        _record(locked, kind=kind, actor=None)
        _refresh_clocks(locked)


def test_a_sim_order_clock_stops_when_shipped_not_when_answered():
    case = open_case(received_at=MONDAY, kind=CaseKind.SIM_ORDER, channel=Channel.PHONE)
    agent = UserFactory.create(role="agent")
    with time_machine.travel(MONDAY + timedelta(hours=1), tick=False):
        case_answer(case=case, actor=agent, channel=Channel.PHONE, body="Your SIM is on its way")
    clock = Clock.objects.get(case=case)
    assert (clock.commitment.code, clock.state, clock.met_at) == ("T4.1", ClockState.RUNNING, None)
    assert clock.due_at == datetime(2026, 11, 5, 22, 59, 59, 999999, tzinfo=UTC)  # Thu, Paris
    _event(case, EventKind.SIM_SHIPPED, MONDAY + timedelta(days=2))
    clock.refresh_from_db()
    assert (clock.state, clock.met_at) == (ClockState.MET, MONDAY + timedelta(days=2))


def test_a_stolen_phone_clock_stops_once_line_and_handset_are_both_blocked():
    case = open_case(received_at=MONDAY, kind=CaseKind.STOLEN_PHONE, channel=Channel.PHONE)
    _event(case, EventKind.LINE_BLOCKED, MONDAY + timedelta(minutes=10))
    clock = Clock.objects.get(case=case)
    assert (clock.commitment.code, clock.met_at) == ("T6.4", None)
    assert clock.due_at == MONDAY + timedelta(hours=1)
    _event(case, EventKind.IMEI_BLOCKED, MONDAY + timedelta(minutes=70))
    clock.refresh_from_db()
    assert (clock.state, clock.met_at) == (ClockState.MET_LATE, MONDAY + timedelta(minutes=70))


def test_the_fraud_victims_rule_never_selects_the_operators_own_operations():
    quality = UserFactory.create(role="quality_manager")
    customer = CustomerFactory.create()
    with time_machine.travel(MONDAY - timedelta(days=1), tick=False):
        customer_fact_set(
            customer=customer,
            fact=CustomerFact.FRAUD_VICTIM,
            value=True,
            reason="Identity theft reported",
            actor=quality,
        )
    request = open_case(received_at=MONDAY, customer=customer, channel=Channel.EMAIL)
    dunning = open_case(received_at=MONDAY, customer=customer, kind=CaseKind.DUNNING)
    assert set(Clock.objects.filter(case=request).values_list("commitment__code", flat=True)) == {
        "T3.1",
        "T6.2",
    }
    assert not Clock.objects.filter(case=dunning).exists()
