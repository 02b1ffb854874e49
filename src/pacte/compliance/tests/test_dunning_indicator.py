"""T4.3-a: suspensions for non-payment → a contact with the means N days before."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine

from pacte.cases.models import EventKind
from pacte.cases.services import _locked, _record
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.indicators.registry import REGISTRY
from pacte.compliance.selectors import indicator_tallies, indicator_verdicts
from pacte.compliance.tests.conftest import indicator
from pacte.conftest import paris
from pacte.factories import LineFactory
from pacte.operations.dunning import dunning_case_for, dunning_contact_record
from pacte.operations.models import UnpaidBill
from pacte.operations.suspension import line_suspend_for_non_payment

pytestmark = pytest.mark.django_db

NOW = paris(2026, 4, 2, 12)


def dunned(cast, at):
    line = LineFactory.create()
    UnpaidBill.objects.create(
        account=line.account,
        line=line,
        invoice=f"F{line.pk}",
        amount=Decimal("20.00"),
        due_on=at.date(),
        reported_at=at,
    )
    with time_machine.travel(at, tick=False):
        return dunning_case_for(line=line, actor=cast.agent)


def contact(cast, case, at):
    with time_machine.travel(at, tick=False):
        dunning_contact_record(
            case=case,
            actor=cast.agent,
            channel="phone",
            content="Pay online please.",
            regularisation_means=["pay_online"],
        )


def imported_suspension(case, at):
    """A suspension recorded outside the service (older imported data)."""
    with time_machine.travel(at, tick=False):
        _record(_locked(case), kind=EventKind.LINE_SUSPENDED, actor=None, data={"imported": True})


def verdicts():
    rows = indicator_verdicts(indicator=indicator("T4.3-a"), year=2026, month=3, now=NOW)
    return {row.case_id: (row.verdict, row.reason_code) for row in rows}


def test_the_indicator_has_data_now():
    assert REGISTRY["suspension_preceded_by_contact"].implemented


def test_suspensions_pass_after_a_contact_n_days_before_and_fail_otherwise(cast):
    allowed = dunned(cast, paris(2026, 3, 1, 9))
    contact(cast, allowed, paris(2026, 3, 2, 10))
    with time_machine.travel(paris(2026, 3, 10, 10), tick=False):
        line_suspend_for_non_payment(case=allowed, actor=cast.supervisor, reason="Unpaid")
    too_soon = dunned(cast, paris(2026, 3, 1, 9))
    contact(cast, too_soon, paris(2026, 3, 12, 10))
    imported_suspension(too_soon, paris(2026, 3, 15, 10))
    never = dunned(cast, paris(2026, 3, 1, 9))
    imported_suspension(never, paris(2026, 3, 20, 10))
    april = dunned(cast, paris(2026, 3, 1, 9))
    imported_suspension(april, paris(2026, 4, 1, 10))
    assert verdicts() == {
        allowed.pk: (Verdict.PASS, Reason.SUSPENSION_AFTER_CONTACT),
        too_soon.pk: (Verdict.FAIL, Reason.SUSPENSION_CONTACT_TOO_LATE),
        never.pk: (Verdict.FAIL, Reason.SUSPENSION_WITHOUT_CONTACT),
    }
    (tally,) = indicator_tallies(indicator=indicator("T4.3-a"), year=2026, month=3, now=NOW)
    assert (tally.numerator, tally.denominator) == (1, 3)
