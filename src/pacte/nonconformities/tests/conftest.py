"""Months of email requests built through the real case services at frozen instants.

A request received on the 9th at 09:00 (Paris) is due two business days later; answered
on the 10th it passes T3.1-a, answered on the 25th it fails. The target is 95 %.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pacte.commitments.models import SchemeVersion
from pacte.compliance.tests.conftest import answer_at, case_at, telecom_version
from pacte.conftest import Cast, paris
from pacte.nonconformities.models import CorrectiveAction, NonConformity
from pacte.nonconformities.raising import nonconformity_raise_missed_target
from pacte.nonconformities.services import corrective_action_plan, nonconformity_record_cause

INDICATOR = "T3.1-a"
AFTER_MARCH = paris(2026, 4, 2, 9)
AFTER_APRIL = paris(2026, 5, 4, 9)


def build_month(cast: Cast, month: int, *, passed: int, failed: int) -> None:
    """``passed`` requests answered in time and ``failed`` answered late, in 2026-``month``."""
    for _ in range(passed):
        answer_at(
            case_at(paris(2026, month, 9, 9), team=cast.front),
            paris(2026, month, 10, 15),
            actor=cast.agent,
        )
    for _ in range(failed):
        answer_at(
            case_at(paris(2026, month, 9, 9), team=cast.back),
            paris(2026, month, 25, 15),
            actor=cast.agent,
        )


def raise_march(cast: Cast, version: SchemeVersion, now: datetime = AFTER_MARCH) -> NonConformity:
    return nonconformity_raise_missed_target(
        scheme_version=version,
        indicator_code=INDICATOR,
        year=2026,
        month=3,
        actor=cast.quality_manager,
        now=now,
    )


def planned(
    cast: Cast,
    nonconformity: NonConformity,
    *,
    now: datetime = AFTER_MARCH,
    due_on: date = date(2026, 4, 20),
    check: tuple[int, int] = (2026, 4),
) -> CorrectiveAction:
    """Record a cause (if none yet) and plan an action owned by the supervisor; the
    non-conformity passed in is refreshed."""
    nonconformity.refresh_from_db()
    if not nonconformity.cause:
        nonconformity_record_cause(
            nonconformity=nonconformity,
            cause="Back office short-staffed after two departures.",
            actor=cast.quality_manager,
            now=now,
        )
    action = corrective_action_plan(
        nonconformity=nonconformity,
        description="Reinforce the back office with two agents.",
        owner=cast.supervisor,
        due_on=due_on,
        check_year=check[0],
        check_month=check[1],
        actor=cast.quality_manager,
        now=now,
    )
    nonconformity.refresh_from_db()
    return action


@pytest.fixture
def version(db: None) -> SchemeVersion:
    return telecom_version()
