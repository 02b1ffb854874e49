"""Which rules select a case, and the deadline each gives. No database."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from pacte.business_calendar.spec import CalendarSpec
from pacte.commitments.models import DelayUnit
from pacte.commitments.rules import (
    BUSINESS_DAYS,
    CALENDAR_MONTHS,
    HOURS,
    OPENING_HOURS,
    CaseFacts,
    RuleData,
    applicable_rules,
    rule_due_at,
)
from pacte.commitments.schemedata import scheme_file_read

PARIS = ZoneInfo("Europe/Paris")
SPEC = CalendarSpec(timezone="Europe/Paris", closing_time=time(18, 0))


def shipped_rules(name: str) -> list[RuleData]:
    """The deadline rules of a shipped scheme file, numbered in file order."""
    data = scheme_file_read(name)
    return [
        RuleData(commitment_id=number, commitment_code=commitment["code"], **rule)
        for number, commitment in enumerate(data["commitments"], start=1)
        for rule in commitment["deadline_rules"]
    ]


TELECOM = shipped_rules("telecom-2004.json")
NF = shipped_rules("nf-x50-798.json")


def facts(channel: str, kind: str, *, billing: bool = False, fraud: bool = False) -> CaseFacts:
    return CaseFacts(channel=channel, kind=kind, billing=billing, fraud_victim=fraud)


def applied(case: CaseFacts, rules: list[RuleData]) -> list[tuple[str, int]]:
    return [(rule.commitment_code, rule.delay_value) for rule in applicable_rules(case, rules)]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (facts("letter", "request"), [("T3.1", 5)]),
        (facts("letter", "information"), [("T3.1", 5)]),
        (facts("phone", "request"), [("T3.1", 0)]),
        (facts("distributor_hotline", "information"), [("T3.1", 0)]),
        (facts("email", "request"), [("T3.1", 2)]),
        (facts("web", "request"), [("T3.1", 2)]),
        (facts("chat", "information"), [("T3.1", 2)]),
        (facts("email", "complaint"), [("T6.3", 5)]),
        (facts("web", "complaint"), [("T6.3", 5)]),
        (facts("letter", "complaint"), [("T6.3", 5)]),
        (facts("phone", "complaint"), []),
        (facts("chat", "complaint"), []),
        (facts("letter", "request", billing=True), []),
        (facts("email", "complaint", billing=True), []),
        (facts("letter", "bill_dispute", billing=True), [("T5.2", 5)]),
        (facts("phone", "bill_dispute", billing=True), [("T5.2", 5)]),
        (facts("email", "request", fraud=True), [("T3.1", 2), ("T6.2", 1)]),
        (facts("phone", "complaint", fraud=True), [("T6.2", 1)]),
        (facts("letter", "request", billing=True, fraud=True), [("T6.2", 1)]),
        (facts("phone", "operation"), []),
    ],
    ids=lambda value: value if isinstance(value, list) else f"{value.channel}-{value.kind}",
)
def test_telecom_rules_select_cases(case, expected):
    assert applied(case, TELECOM) == expected


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (facts("letter", "request"), [("N3.1", 5)]),
        (facts("email", "request", billing=True), [("N3.1", 2)]),
        (facts("web", "complaint"), [("N5.1", 5)]),
        (facts("email", "bill_dispute", billing=True), [("N5.1", 5)]),
        (facts("phone", "complaint"), []),
        (facts("phone", "request", fraud=True), [("N3.1", 0)]),
    ],
)
def test_nf_rules_select_cases(case, expected):
    assert applied(case, NF) == expected


def rule(
    channel: str = "",
    kind: str = "",
    delay: int = 1,
    *,
    code: str = "C",
    exclude_billing: bool = False,
    fraud_only: bool = False,
    unit: str = BUSINESS_DAYS,
) -> RuleData:
    return RuleData(
        commitment_id=ord(code[0]),
        commitment_code=code,
        channel=channel,
        kind=kind,
        exclude_billing=exclude_billing,
        fraud_victim_only=fraud_only,
        delay_value=delay,
        delay_unit=unit,
    )


LAYERED = [rule(delay=10), rule(kind="request", delay=7), rule("email", delay=3)]
LAYERED.append(rule("email", "request", delay=1))


@pytest.mark.parametrize(
    ("case", "delay"),
    [
        (facts("email", "request"), 1),
        (facts("email", "complaint"), 3),
        (facts("letter", "request"), 7),
        (facts("letter", "complaint"), 10),
    ],
)
def test_most_specific_rule_of_a_commitment_wins(case, delay):
    # given the rules in either order
    for rules in (LAYERED, LAYERED[::-1]):
        # when / then
        assert applied(case, rules) == [("C", delay)]


def test_a_rule_excluded_by_billing_lets_a_less_specific_rule_apply():
    rules = [rule("email", "request", 2, exclude_billing=True), rule(delay=9)]
    assert applied(facts("email", "request", billing=True), rules) == [("C", 9)]
    assert applied(facts("email", "request"), rules) == [("C", 2)]


def test_fraud_only_rule_ignores_other_customers():
    rules = [rule(delay=1, fraud_only=True)]
    assert applied(facts("web", "request"), rules) == []
    assert applied(facts("web", "request", fraud=True), rules) == [("C", 1)]


def test_equally_specific_rules_keep_the_first():
    rules = [rule("email", delay=4), rule("email", delay=6)]
    assert applied(facts("email", "request"), rules) == [("C", 4)]


def test_rules_come_back_one_per_commitment_by_code():
    rules = [rule(code="Z"), rule("web", code="A"), rule(code="A", delay=5), rule(code="M")]
    assert applied(facts("web", "request"), rules) == [("A", 1), ("M", 1), ("Z", 1)]


def test_unit_names_match_the_model():
    assert [unit.value for unit in DelayUnit] == [
        BUSINESS_DAYS,
        CALENDAR_MONTHS,
        HOURS,
        OPENING_HOURS,
    ]


def local(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, micro: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=PARIS)


END_OF_DAY = (23, 59, 59, 999999)


@pytest.mark.parametrize(
    ("received_at", "due_rule", "due_at"),
    [
        # Monday 10:00: 5 business days -> end of the next Monday
        (local(2024, 6, 3, 10), rule(delay=5), local(2024, 6, 10, *END_OF_DAY)),
        # phone: 0 business days -> end of the day of receipt
        (local(2024, 6, 3, 10), rule(delay=0), local(2024, 6, 3, *END_OF_DAY)),
        # after closing on Friday: day 0 is Monday
        (local(2024, 6, 7, 19), rule(delay=0), local(2024, 6, 10, *END_OF_DAY)),
        # 1 calendar month from 31 January of a leap year -> 29 February
        (
            local(2024, 1, 31, 10),
            rule(delay=1, unit=CALENDAR_MONTHS),
            local(2024, 2, 29, *END_OF_DAY),
        ),
        # 4 hours, round the clock, on a Sunday
        (local(2024, 6, 9, 22), rule(delay=4, unit=HOURS), local(2024, 6, 10, 2)),
        # 1 hour across the spring-forward night: 01:30 CET + 1 h = 03:30 CEST
        (local(2024, 3, 31, 1, 30), rule(delay=1, unit=HOURS), local(2024, 3, 31, 3, 30)),
        # 4 opening hours from Friday 16:00: two on Friday, two from Monday's opening
        (local(2024, 6, 7, 16), rule(delay=4, unit=OPENING_HOURS), local(2024, 6, 10, 10)),
    ],
)
def test_rule_due_at_per_unit(received_at, due_rule, due_at):
    # when
    due = rule_due_at(received_at=received_at, rule=due_rule, spec=SPEC)
    # then
    assert due == due_at
    assert due.tzinfo == UTC


def test_hours_need_an_aware_datetime():
    with pytest.raises(ValueError, match="aware"):
        rule_due_at(received_at=datetime(2024, 6, 3, 10), rule=rule(unit=HOURS), spec=SPEC)  # noqa: DTZ001


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="weeks"):
        rule_due_at(received_at=local(2024, 6, 3), rule=rule(unit="weeks"), spec=SPEC)
