"""Risk and fraud measures on a line (T4.2): a written motive, lifted once, the line's
status following the measures in force."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.utils import translation

from pacte.cases.models import CaseEvent, CaseStatus, EventKind
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind
from pacte.customers.models import LineStatus
from pacte.factories import LineFactory, MotiveFactory, TeamFactory, UserFactory, open_case
from pacte.intake.models import ChannelRoute
from pacte.operations.errors import OperationError
from pacte.operations.lines import line_status_set
from pacte.operations.models import LineEvent
from pacte.operations.risk import (
    AlreadyLiftedError,
    MeasureKind,
    measures_in_force,
    risk_measure_lift,
    risk_measure_take,
)

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def supervisor():
    user = UserFactory.create(role="supervisor")
    TeamFactory.create(code="fraud").members.add(user)
    return user


def _kinds(case):
    return list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))


@time_machine.travel(MONDAY, tick=False)
def test_a_restriction_opens_its_case_records_the_motive_and_restricts_the_line(supervisor):
    # given a line, when a supervisor restricts it with a motive
    line = LineFactory.create()
    case = risk_measure_take(
        line=line, measure=MeasureKind.RESTRICTION, motive=" Calls to premium numbers ",
        actor=supervisor,
    )  # fmt: skip
    # then the case, its events and the line's chained change say so
    assert (case.kind, case.customer, case.team.code) == (
        CaseKind.RISK_MEASURE,
        line.account.customer,
        "fraud",
    )
    assert case.motive.code == "risk-measure"
    assert _kinds(case) == [EventKind.OPENED, EventKind.MEASURE_TAKEN]
    taken = CaseEvent.objects.get(case=case, kind=EventKind.MEASURE_TAKEN)
    assert taken.body == "Calls to premium numbers"
    assert taken.data == {
        "measure": "restriction",
        "line": line.pk,
        "msisdn": line.msisdn,
        "motive": "Calls to premium numbers",
    }
    assert taken.at == MONDAY
    line.refresh_from_db()
    assert line.status == LineStatus.RESTRICTED
    change = LineEvent.objects.get(line=line)
    assert (change.case, change.data, change.status_to) == (case, {"cause": "risk"}, "restricted")


def test_a_suspension_suspends_and_a_deposit_request_changes_no_status(supervisor):
    line = LineFactory.create()
    risk_measure_take(line=line, measure="deposit", motive="New account, high usage",
                      actor=supervisor)  # fmt: skip
    line.refresh_from_db()
    assert line.status == LineStatus.ACTIVE
    assert not LineEvent.objects.filter(line=line).exists()
    risk_measure_take(line=line, measure="suspension", motive="SIM box", actor=supervisor)
    line.refresh_from_db()
    assert line.status == LineStatus.SUSPENDED


@pytest.mark.parametrize("motive", ["", "   \n "])
def test_a_measure_without_a_written_motive_is_refused_and_nothing_is_written(supervisor, motive):
    line = LineFactory.create()
    with pytest.raises(PacteError) as refused:
        risk_measure_take(line=line, measure="restriction", motive=motive, actor=supervisor)
    assert refused.value.code == OperationError.RISK_MOTIVE_REQUIRED
    with translation.override("en"):
        assert "without a written motive" in refused.value.text
    line.refresh_from_db()
    assert line.status == LineStatus.ACTIVE
    assert not CaseEvent.objects.filter(kind=EventKind.MEASURE_TAKEN).exists()


def test_an_unknown_measure_an_agent_and_a_terminated_line_are_refused(supervisor):
    line = LineFactory.create()
    with pytest.raises(PacteError) as unknown:
        risk_measure_take(line=line, measure="barring", motive="x", actor=supervisor)
    assert unknown.value.code == OperationError.RISK_MEASURE_INVALID
    with pytest.raises(PacteError) as agent:
        risk_measure_take(
            line=line, measure="restriction", motive="x", actor=UserFactory.create(role="agent")
        )
    assert agent.value.code == OperationError.NOT_ALLOWED
    line_status_set(line=line, status=LineStatus.TERMINATED, reason="Ended", actor=supervisor)
    with pytest.raises(PacteError) as terminated:
        risk_measure_take(line=line, measure="deposit", motive="x", actor=supervisor)
    assert terminated.value.code == OperationError.RISK_LINE_TERMINATED


def test_lifting_as_unfounded_gives_the_line_back_and_closes_the_case(supervisor):
    line = LineFactory.create()
    case = risk_measure_take(line=line, measure="suspension", motive="SIM box", actor=supervisor)
    lifted = risk_measure_lift(
        case=case, reason="Customer travelling, usage explained", unfounded=True, actor=supervisor
    )
    assert lifted.data == {
        "unfounded": True,
        "reason": "Customer travelling, usage explained",
        "measure": "suspension",
    }
    line.refresh_from_db()
    assert line.status == LineStatus.ACTIVE
    back = LineEvent.objects.filter(line=line).order_by("-seq")[0]
    assert (back.data, back.case_id) == ({"cause": "risk_lifted"}, case.pk)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert measures_in_force(line_id=line.pk) == []


def test_a_measure_is_lifted_once(supervisor):
    case = risk_measure_take(
        line=LineFactory.create(), measure="deposit", motive="Risk score", actor=supervisor
    )
    risk_measure_lift(case=case, reason="Deposit paid", unfounded=False, actor=supervisor)
    with pytest.raises(AlreadyLiftedError) as twice:
        risk_measure_lift(case=case, reason="Again", unfounded=True, actor=supervisor)
    assert twice.value.code == OperationError.RISK_ALREADY_LIFTED
    assert twice.value.status_code == 409
    assert CaseEvent.objects.filter(case=case, kind=EventKind.MEASURE_LIFTED).count() == 1


def test_lifting_needs_a_reason_and_a_measure_case(supervisor):
    case = risk_measure_take(
        line=LineFactory.create(), measure="restriction", motive="Risk", actor=supervisor
    )
    with pytest.raises(PacteError) as no_reason:
        risk_measure_lift(case=case, reason="  ", unfounded=False, actor=supervisor)
    assert no_reason.value.code == OperationError.RISK_LIFT_REASON_REQUIRED
    assert not CaseEvent.objects.filter(kind=EventKind.MEASURE_LIFTED).exists()
    with pytest.raises(PacteError) as not_measure:
        risk_measure_lift(
            case=open_case(received_at=MONDAY), reason="x", unfounded=False, actor=supervisor
        )
    assert not_measure.value.code == OperationError.NOT_RISK_MEASURE


def test_the_line_keeps_the_status_of_a_measure_still_in_force(supervisor):
    # given a restriction, then a suspension on the same line
    line = LineFactory.create()
    restriction = risk_measure_take(line=line, measure="restriction", motive="A", actor=supervisor)
    suspension = risk_measure_take(line=line, measure="suspension", motive="B", actor=supervisor)
    assert sorted(measures_in_force(line_id=line.pk)) == ["restriction", "suspension"]
    # when the suspension is lifted, the restriction still holds the line
    risk_measure_lift(case=suspension, reason="Cleared", unfounded=False, actor=supervisor)
    line.refresh_from_db()
    assert line.status == LineStatus.RESTRICTED
    # and a restriction taken on a suspended line leaves it suspended
    again = risk_measure_take(line=line, measure="suspension", motive="C", actor=supervisor)
    risk_measure_take(line=line, measure="restriction", motive="D", actor=supervisor)
    line.refresh_from_db()
    assert line.status == LineStatus.SUSPENDED
    risk_measure_lift(case=again, reason="Cleared", unfounded=True, actor=supervisor)
    risk_measure_lift(case=restriction, reason="Cleared", unfounded=False, actor=supervisor)
    line.refresh_from_db()
    assert line.status == LineStatus.RESTRICTED  # "D" is still in force


def test_lifting_leaves_a_line_blocked_as_stolen_meanwhile(supervisor):
    line = LineFactory.create()
    case = risk_measure_take(line=line, measure="restriction", motive="Risk", actor=supervisor)
    line_status_set(line=line, status=LineStatus.BLOCKED, reason="Stolen", actor=supervisor,
                    imei_blocked=True, data={"cause": "stolen"})  # fmt: skip
    risk_measure_lift(case=case, reason="Cleared", unfounded=False, actor=supervisor)
    line.refresh_from_db()
    assert line.status == LineStatus.BLOCKED


def test_an_administrator_without_a_team_files_the_measure_to_the_channel_route():
    admin = UserFactory.create(role="administrator")
    line = LineFactory.create()
    with pytest.raises(PacteError) as no_route:
        risk_measure_take(line=line, measure="deposit", motive="x", actor=admin)
    assert no_route.value.code == "no_route_for_channel"
    team = TeamFactory.create(code="risk-desk")
    ChannelRoute.objects.create(channel="phone", team=team, motive=MotiveFactory.create())
    case = risk_measure_take(line=line, measure="deposit", motive="x", actor=admin)
    assert case.team == team
    chosen = TeamFactory.create(code="chosen")
    assert (
        risk_measure_take(line=line, measure="deposit", motive="x", actor=admin, team=chosen).team
        == chosen
    )


def test_a_blocked_line_cannot_be_restricted_and_nothing_is_written(supervisor):
    line = LineFactory.create()
    line_status_set(line=line, status=LineStatus.BLOCKED, reason="Stolen", actor=supervisor,
                    imei_blocked=True, data={"cause": "stolen"})  # fmt: skip
    with pytest.raises(PacteError) as refused:
        risk_measure_take(line=line, measure="restriction", motive="Risk", actor=supervisor)
    assert refused.value.code == OperationError.TRANSITION_REFUSED
    assert not CaseEvent.objects.filter(kind=EventKind.MEASURE_TAKEN).exists()
    assert not line.account.customer.cases.exists()
    # a deposit request changes no status: it is taken
    risk_measure_take(line=line, measure="deposit", motive="Risk", actor=supervisor)
