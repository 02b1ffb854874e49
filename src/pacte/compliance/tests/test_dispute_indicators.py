"""T5.2-c: every proven bill dispute is corrected or credited."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import time_machine

from pacte.cases.bills import BillDetails
from pacte.cases.models import Case
from pacte.complaints.disputes import correction_issue, dispute_assess
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.indicators.registry import computation_for
from pacte.compliance.selectors import indicator_tallies, indicator_verdicts
from pacte.compliance.tests.conftest import case_at, indicator
from pacte.conftest import Cast, paris
from pacte.core.vocabulary import CaseKind
from pacte.factories import MotiveFactory

NOW = paris(2026, 4, 20, 12)


def dispute(cast: Cast, received_at: datetime) -> Case:
    return case_at(
        received_at,
        team=cast.front,
        kind=CaseKind.BILL_DISPUTE,
        motive=MotiveFactory.create(code="bill", billing=True),
        bill=BillDetails.parse(invoice="F-1", amount="10"),
    )


def assess_at(case: Case, at: datetime, cast: Cast, *, proven: bool) -> None:
    with time_machine.travel(at, tick=False):
        dispute_assess(case=case, actor=cast.agent, proven=proven, reason="Checked the bill.")


def correct_at(case: Case, at: datetime, cast: Cast) -> None:
    with time_machine.travel(at, tick=False):
        correction_issue(
            case=case, actor=cast.agent, amount="10", reference="AV-1", issued_on=at.date()
        )


def verdicts(month: int, now: datetime = NOW) -> list[tuple[int, str, str]]:
    rows = indicator_verdicts(indicator=indicator("T5.2-c"), year=2026, month=month, now=now)
    return [(row.case_id, row.verdict, row.reason_code) for row in rows]


def test_the_indicator_has_data_now() -> None:
    assert computation_for("proven_dispute_corrected").implemented


def test_a_proven_dispute_corrected_passes_in_the_month_of_its_assessment(cast: Cast) -> None:
    case = dispute(cast, paris(2026, 3, 20, 9))
    assess_at(case, paris(2026, 3, 31, 23, 30), cast, proven=True)  # still March in Paris
    correct_at(case, paris(2026, 4, 2, 10), cast)  # corrected early in April: it counts
    assert verdicts(3) == [(case.pk, Verdict.PASS, Reason.DISPUTE_CORRECTED)]
    assert verdicts(4) == []


def test_a_proven_dispute_not_corrected_fails(cast: Cast) -> None:
    case = dispute(cast, paris(2026, 3, 20, 9))
    assess_at(case, paris(2026, 3, 23, 9), cast, proven=True)
    assert verdicts(3) == [(case.pk, Verdict.FAIL, Reason.DISPUTE_NOT_CORRECTED)]
    (tally,) = indicator_tallies(indicator=indicator("T5.2-c"), year=2026, month=3, now=NOW)
    assert (tally.numerator, tally.denominator, tally.rate) == (0, 1, Decimal("0.00"))


def test_a_correction_after_now_does_not_count_yet(cast: Cast) -> None:
    case = dispute(cast, paris(2026, 3, 20, 9))
    assess_at(case, paris(2026, 3, 23, 9), cast, proven=True)
    correct_at(case, paris(2026, 4, 2, 10), cast)
    # judged as of 1 April, the correction of 2 April is not there yet
    assert verdicts(3, now=paris(2026, 4, 1, 12)) == [
        (case.pk, Verdict.FAIL, Reason.DISPUTE_NOT_CORRECTED)
    ]


def test_a_dispute_not_proven_is_not_in_the_population(cast: Cast) -> None:
    case = dispute(cast, paris(2026, 3, 20, 9))
    assess_at(case, paris(2026, 3, 23, 9), cast, proven=False)
    assert verdicts(3) == []


def test_a_dispute_assessed_twice_is_judged_on_its_latest_assessment(cast: Cast) -> None:
    # proven in March, then found not proven in April: no longer owed a correction
    retracted = dispute(cast, paris(2026, 3, 2, 9))
    assess_at(retracted, paris(2026, 3, 3, 9), cast, proven=True)
    assess_at(retracted, paris(2026, 4, 1, 9), cast, proven=False)
    # not proven in March, then proven in April: judged in April
    confirmed = dispute(cast, paris(2026, 3, 2, 10))
    assess_at(confirmed, paris(2026, 3, 3, 10), cast, proven=False)
    assess_at(confirmed, paris(2026, 4, 1, 10), cast, proven=True)
    # proven twice in March: one item, not two
    twice = dispute(cast, paris(2026, 3, 2, 11))
    assess_at(twice, paris(2026, 3, 3, 11), cast, proven=True)
    assess_at(twice, paris(2026, 3, 4, 11), cast, proven=True)
    correct_at(twice, paris(2026, 3, 5, 11), cast)
    assert verdicts(3) == [(twice.pk, Verdict.PASS, Reason.DISPUTE_CORRECTED)]
    assert verdicts(4) == [(confirmed.pk, Verdict.FAIL, Reason.DISPUTE_NOT_CORRECTED)]
    # and judged as of March's end, the April reassessments are not known yet
    march_end = paris(2026, 4, 1, 0, 30)
    assert sorted(verdicts(3, now=march_end)) == sorted(
        [
            (retracted.pk, Verdict.FAIL, Reason.DISPUTE_NOT_CORRECTED),
            (twice.pk, Verdict.PASS, Reason.DISPUTE_CORRECTED),
        ]
    )


def test_issued_on_is_a_date(cast: Cast) -> None:
    case = dispute(cast, paris(2026, 3, 20, 9))
    assess_at(case, paris(2026, 3, 23, 9), cast, proven=True)
    with time_machine.travel(paris(2026, 3, 24, 9), tick=False):
        event = correction_issue(
            case=case,
            actor=cast.agent,
            amount=Decimal("10"),
            reference="AV-2",
            issued_on=date(2026, 3, 20),  # issued before it was recorded: allowed
        )
    assert event.data["issued_on"] == "2026-03-20"
