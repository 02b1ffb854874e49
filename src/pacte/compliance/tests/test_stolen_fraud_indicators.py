"""T6.4 (line and handset blocked within 1 h, 24/7) and T6.2 (a fraud victim's case
handled in time by the dedicated team)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from pacte.cases.services import case_hand_off
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.indicators.registry import REGISTRY
from pacte.compliance.selectors import indicator_verdicts
from pacte.compliance.tests.conftest import answer_at, case_at, clock_of, indicator
from pacte.conftest import paris
from pacte.core.vocabulary import Channel
from pacte.factories import CustomerFactory, LineFactory, TeamFactory
from pacte.operations.stolen import imei_block, line_block, stolen_phone_declare

pytestmark = pytest.mark.django_db

AFTER_MONTH = paris(2026, 4, 15, 12)


def march(code):
    return list(indicator_verdicts(indicator=indicator(code), year=2026, month=3, now=AFTER_MONTH))


def declare(cast, at):
    line = LineFactory.create(account__customer=cast.customer)
    with time_machine.travel(at, tick=False):
        return stolen_phone_declare(
            customer=cast.customer,
            line=line,
            channel=Channel.PHONE,
            actor=cast.agent,
            lost_or_stolen="stolen",
            team=cast.front,
        )


def block(case, actor, *, line_at, imei_at=None):
    with time_machine.travel(line_at, tick=False):
        line_block(case=case, actor=actor)
    if imei_at is not None:
        with time_machine.travel(imei_at, tick=False):
            imei_block(case=case, actor=actor)


def test_both_indicators_have_data_now():
    assert REGISTRY["stolen_phone_blocked_in_time"].implemented
    assert REGISTRY["fraud_victim_case_handled_in_time"].implemented


def test_stolen_phones_pass_when_both_are_blocked_within_the_hour(cast):
    sunday_night = paris(2026, 3, 8, 3, 10)
    in_time = declare(cast, sunday_night)
    block(
        in_time,
        cast.agent,
        line_at=sunday_night + timedelta(minutes=5),
        imei_at=sunday_night + timedelta(minutes=59),
    )
    late = declare(cast, paris(2026, 3, 14, 23, 30))
    block(late, cast.agent, line_at=paris(2026, 3, 14, 23, 40), imei_at=paris(2026, 3, 15, 0, 45))
    half = declare(cast, paris(2026, 3, 20, 12))
    block(half, cast.agent, line_at=paris(2026, 3, 20, 12, 10))
    rows = {row.case_id: row for row in march("T6.4-a")}
    assert (rows[in_time.pk].verdict, rows[in_time.pk].reason_code) == (
        Verdict.PASS,
        Reason.STOLEN_BLOCKED_IN_TIME,
    )
    assert (rows[late.pk].verdict, rows[late.pk].reason_code) == (
        Verdict.FAIL,
        Reason.STOLEN_BLOCKED_LATE,
    )
    assert rows[half.pk].reason_code == Reason.STOLEN_NOT_BLOCKED


def test_a_fraud_victims_case_goes_to_the_dedicated_team_and_passes(cast):
    fraud = TeamFactory.create(code="fraud-victims", handles_fraud_victims=True)
    victim = CustomerFactory.create(fraud_victim=True)
    case = case_at(paris(2026, 3, 9, 9), team=cast.front, customer=victim)
    assert case.team == fraud
    opened = case.events.get(kind="opened")
    assert (opened.data["routed"], opened.data["chosen_team"]) == ("fraud_victims", "front")
    answer_at(case, clock_of(case, "T6.2").due_at - timedelta(hours=1), actor=cast.agent)
    (row,) = march("T6.2-a")
    assert (row.verdict, row.reason_code) == (Verdict.PASS, Reason.ANSWERED_IN_TIME)


def test_a_fraud_victims_case_answered_in_time_by_another_team_fails(cast):
    TeamFactory.create(code="fraud-victims", handles_fraud_victims=True)
    victim = CustomerFactory.create(fraud_victim=True)
    case = case_at(paris(2026, 3, 9, 9), team=cast.front, customer=victim)
    with time_machine.travel(paris(2026, 3, 9, 10), tick=False):
        case_hand_off(
            case=case, actor=cast.supervisor, note="Billing question, not fraud", to_team=cast.back
        )
    answer_at(case, paris(2026, 3, 9, 15), actor=cast.other_agent)
    (row,) = march("T6.2-a")
    assert (row.verdict, row.reason_code) == (Verdict.FAIL, Reason.FRAUD_OTHER_TEAM)


def test_a_late_answer_by_the_dedicated_team_fails_as_late(cast):
    TeamFactory.create(code="fraud-victims", handles_fraud_victims=True)
    victim = CustomerFactory.create(fraud_victim=True)
    case = case_at(paris(2026, 3, 9, 9), team=cast.front, customer=victim)
    answer_at(case, paris(2026, 3, 13, 9), actor=cast.agent)
    (row,) = march("T6.2-a")
    assert (row.verdict, row.reason_code) == (Verdict.FAIL, Reason.ANSWERED_LATE)


def test_appeals_and_customers_not_flagged_keep_their_team(cast):
    TeamFactory.create(code="fraud-victims", handles_fraud_victims=True)
    case = case_at(paris(2026, 3, 9, 9), team=cast.front)
    assert case.team == cast.front
    assert "routed" not in case.events.get(kind="opened").data
