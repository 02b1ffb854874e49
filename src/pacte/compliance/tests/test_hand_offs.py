"""T3.3: every hand-off carries the giving agent's context note."""

from __future__ import annotations

from decimal import Decimal

import time_machine

from pacte.cases.models import CaseEvent, EventKind
from pacte.cases.services import case_hand_off
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.selectors import indicator_tallies, indicator_verdicts
from pacte.compliance.tests.conftest import case_at, indicator
from pacte.conftest import paris

NOW = paris(2026, 4, 2, 12)


def test_hand_off_with_a_context_note_passes(cast):
    # given a case handed off on 31 March with a note
    case = case_at(paris(2026, 3, 30, 9), team=cast.front)
    with time_machine.travel(paris(2026, 3, 31, 23, 30), tick=False):
        case_hand_off(
            case=case, actor=cast.agent, note="Customer already sent the form.", to_team=cast.back
        )
    # when T3.3 is judged for March / then it passes, and April has nothing
    (row,) = indicator_verdicts(indicator=indicator("T3.3-a"), year=2026, month=3, now=NOW)
    assert (row.case_id, row.verdict, row.reason_code) == (
        case.pk,
        Verdict.PASS,
        Reason.NOTE_PRESENT,
    )
    april = indicator_verdicts(indicator=indicator("T3.3-a"), year=2026, month=4, now=NOW)
    assert not april.exists()


def test_hand_off_without_a_note_fails(cast):
    # given an imported hand-off event whose note is blank (the service refuses those)
    case = case_at(paris(2026, 3, 30, 9), team=cast.front)
    CaseEvent.objects.create(case=case, kind=EventKind.HANDED_OFF, at=paris(2026, 3, 31), body=" ")
    # when T3.3 is judged / then it fails, and the month's rate says so
    (row,) = indicator_verdicts(indicator=indicator("T3.3-a"), year=2026, month=3, now=NOW)
    assert (row.verdict, row.reason_code) == (Verdict.FAIL, Reason.NOTE_MISSING)
    (tally,) = indicator_tallies(indicator=indicator("T3.3-a"), year=2026, month=3, now=NOW)
    assert (tally.numerator, tally.denominator, tally.rate) == (0, 1, Decimal("0.00"))
