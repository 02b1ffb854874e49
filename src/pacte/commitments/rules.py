"""Which of a scheme's deadline rules apply to a case, and the deadline they give.

Pure: plain data in, plain data out; no ORM. The selectors turn rows into ``RuleData``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pacte.business_calendar.arithmetic import add_business_days, add_calendar_months
from pacte.business_calendar.hours import add_elapsed_hours, add_opening_hours
from pacte.business_calendar.spec import CalendarSpec

# DelayUnit values (models.DelayUnit), repeated so that this module stays ORM-free.
BUSINESS_DAYS = "business_days"
CALENDAR_MONTHS = "calendar_months"
HOURS = "hours"
OPENING_HOURS = "opening_hours"
# The operator's own operations (docs/operations.md): no customer asked for them, so a
# rule that names no kind (T6.2's "every case of a fraud victim") does not select them;
# only a rule naming their kind does.
OPERATOR_KINDS = frozenset({"risk_measure", "dunning", "restoration"})


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What a rule looks at in a case. ``billing``: the case is about a bill."""

    channel: str
    kind: str
    billing: bool
    fraud_victim: bool


@dataclass(frozen=True, slots=True)
class RuleData:
    """One deadline rule of a commitment. Empty ``channel`` or ``kind`` matches any."""

    commitment_id: int
    commitment_code: str
    channel: str
    kind: str
    exclude_billing: bool
    fraud_victim_only: bool
    delay_value: int
    delay_unit: str

    @property
    def specificity(self) -> int:
        """3 for channel and kind, 2 for channel only, 1 for kind only, 0 for any."""
        return 2 * bool(self.channel) + bool(self.kind)


def rule_matches(facts: CaseFacts, rule: RuleData) -> bool:
    """True if ``rule`` selects a case with ``facts`` (channel, kind and both flags)."""
    return (
        rule.channel in ("", facts.channel)
        and (rule.kind == facts.kind or (rule.kind == "" and facts.kind not in OPERATOR_KINDS))
        and not (rule.exclude_billing and facts.billing)
        and (facts.fraud_victim or not rule.fraud_victim_only)
    )


def applicable_rules(facts: CaseFacts, rules: Sequence[RuleData]) -> list[RuleData]:
    """The rules that start a clock on a case with ``facts``: at most one per commitment.

    Of a commitment's matching rules the most specific wins (channel and kind, then
    channel, then kind, then any); on a tie the first in ``rules``. A rule excluded by
    the billing or fraud-victim flag does not match, so a less specific rule of the
    same commitment may still apply. Sorted by commitment code.
    """
    chosen: dict[int, RuleData] = {}
    for rule in rules:
        if not rule_matches(facts, rule):
            continue
        current = chosen.get(rule.commitment_id)
        if current is None or rule.specificity > current.specificity:
            chosen[rule.commitment_id] = rule
    return sorted(chosen.values(), key=lambda rule: (rule.commitment_code, rule.commitment_id))


def rule_due_at(*, received_at: datetime, rule: RuleData, spec: CalendarSpec) -> datetime:
    """The first deadline ``rule`` gives to a case received at ``received_at`` (aware, UTC).

    Business days and calendar months end at the end of a local day of ``spec``;
    hours are elapsed time, round the clock (DST-safe: counted in UTC); opening hours
    count only the time inside the site's opening hours on its business days
    (``business_calendar.hours``).
    """
    if rule.delay_unit == BUSINESS_DAYS:
        return add_business_days(received_at, rule.delay_value, spec)
    if rule.delay_unit == CALENDAR_MONTHS:
        return add_calendar_months(received_at, rule.delay_value, spec)
    if rule.delay_unit == HOURS:
        return add_elapsed_hours(received_at, rule.delay_value)
    if rule.delay_unit == OPENING_HOURS:
        return add_opening_hours(received_at, rule.delay_value, spec)
    raise ValueError(f"unknown delay unit {rule.delay_unit!r}")
