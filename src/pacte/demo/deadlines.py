"""First deadlines of the demo's clocks, computed a group at a time with the vectorised arithmetic.

Cases sharing a site and the same rule facts (channel, kind, bill, fraud victim) get
the same rules; each (group, rule) is one call to ``add_business_days_batch``. The
result is exactly what ``cases.recompute`` derives one case at a time with
``rule_due_at`` (the tests run the recompute afterwards and expect no change).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt

from pacte.business_calendar.spec import CalendarSpec
from pacte.business_calendar.vectorised import add_business_days_batch
from pacte.commitments.rules import (
    BUSINESS_DAYS,
    CaseFacts,
    RuleData,
    applicable_rules,
    rule_due_at,
)
from pacte.demo.catalogue import CHANNELS, KINDS

Ints = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]

NO_DEADLINE = np.iinfo(np.int64).max
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True)
class SiteRules:
    """What one site's deadlines are computed with."""

    spec: CalendarSpec
    rules: Sequence[RuleData]


@dataclass(frozen=True)
class FirstDeadlines:
    """Per case (rows) and clock (columns): the commitment (0: none) and its first deadline."""

    commitment: Ints
    due_us: Ints

    @property
    def first_due_us(self) -> Ints:
        """The earliest first deadline of each case; NO_DEADLINE for a case without clocks."""
        if self.due_us.shape[1] == 0:
            return np.full(self.due_us.shape[0], NO_DEADLINE, dtype=np.int64)
        earliest: Ints = self.due_us.min(axis=1)
        return earliest

    @property
    def has_clock(self) -> Flags:
        clocked: Flags = self.first_due_us != NO_DEADLINE
        return clocked


def to_us(instant: datetime) -> int:
    return (instant - EPOCH) // MICROSECOND


def to_datetime(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=micros)


def _business_days_us(received_us: Ints, days: int | Ints, spec: CalendarSpec) -> Ints:
    due = add_business_days_batch(received_us.view("datetime64[us]"), days, spec)
    return np.asarray(due, dtype="datetime64[us]").view(np.int64)


def rule_due_us(received_us: Ints, rule: RuleData, spec: CalendarSpec) -> Ints:
    """The first deadline ``rule`` gives each receipt (µs), vectorised for business days."""
    if rule.delay_unit == BUSINESS_DAYS:
        return _business_days_us(received_us, rule.delay_value, spec)
    return np.array(
        [
            to_us(rule_due_at(received_at=to_datetime(us), rule=rule, spec=spec))
            for us in received_us.tolist()
        ],
        dtype=np.int64,
    )


def business_days_after_us(
    instants_us: Ints, days: Ints, site: Ints, sites: Sequence[SiteRules]
) -> Ints:
    """For each instant, the end of the ``days``-th business day after it on its site."""
    result = np.zeros(len(instants_us), dtype=np.int64)
    for index, site_rules in enumerate(sites):
        chosen = np.flatnonzero(site == index)
        if len(chosen):
            result[chosen] = _business_days_us(instants_us[chosen], days[chosen], site_rules.spec)
    return result


def first_deadlines(
    *,
    received_us: Ints,
    channel: Ints,
    kind: Ints,
    billing: Flags,
    fraud_victim: Flags,
    site: Ints,
    sites: Sequence[SiteRules],
) -> FirstDeadlines:
    """The clocks each case starts and their first deadlines, one batch per group of cases."""
    key = (((channel * len(KINDS) + kind) * 2 + billing) * 2 + fraud_victim) * len(sites) + site
    _, first_members, inverse = np.unique(key, return_index=True, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    groups = np.split(order, np.cumsum(np.bincount(inverse))[:-1])
    chosen_rules = [
        _rules_for(int(first), channel, kind, billing, fraud_victim, site, sites)
        for first in first_members
    ]
    width = max((len(rules) for rules in chosen_rules), default=0)
    commitment = np.zeros((len(received_us), width), dtype=np.int64)
    due = np.full((len(received_us), width), NO_DEADLINE, dtype=np.int64)
    for members, rules in zip(groups, chosen_rules, strict=True):
        spec = sites[int(site[members[0]])].spec
        for column, rule in enumerate(rules):
            commitment[members, column] = rule.commitment_id
            due[members, column] = rule_due_us(received_us[members], rule, spec)
    return FirstDeadlines(commitment=commitment, due_us=due)


def _rules_for(
    case: int,
    channel: Ints,
    kind: Ints,
    billing: Flags,
    fraud_victim: Flags,
    site: Ints,
    sites: Sequence[SiteRules],
) -> list[RuleData]:
    facts = CaseFacts(
        channel=CHANNELS[int(channel[case])],
        kind=KINDS[int(kind[case])],
        billing=bool(billing[case]),
        fraud_victim=bool(fraud_victim[case]),
    )
    return applicable_rules(facts, sites[int(site[case])].rules)
