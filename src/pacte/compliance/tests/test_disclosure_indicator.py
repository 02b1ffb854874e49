"""T3.2-a: disclosures of account data in the month → the caller's identity checked first."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine

from pacte.cases.models import CaseEvent, EventKind
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.indicators.registry import REGISTRY
from pacte.compliance.selectors import indicator_tallies, indicator_verdicts
from pacte.compliance.tests.conftest import indicator
from pacte.conftest import paris
from pacte.core.vocabulary import Channel
from pacte.factories import open_case
from pacte.operations.disclosure import disclosure_record
from pacte.operations.identity import identity_check_record

NOW = paris(2026, 4, 2, 12)


@pytest.fixture
def contact(cast):
    def make(at, channel=Channel.PHONE):
        return open_case(received_at=at, team=cast.front, customer=cast.customer, channel=channel)

    return make


def _at(at, service, **kwargs):
    with time_machine.travel(at, tick=False):
        return service(**kwargs)


def _imported(case, kind, at, **data):
    """An event as an import brings it (the services would refuse the disclosure)."""
    return CaseEvent.objects.create(case=case, kind=kind, at=at, data=data)


def verdicts(month=3):
    return list(indicator_verdicts(indicator=indicator("T3.2-a"), year=2026, month=month, now=NOW))


def test_the_indicator_has_data_now():
    assert REGISTRY["identity_verified_before_disclosure"].implemented


def test_a_disclosure_after_the_check_passes_in_its_month(cast, contact):
    case = contact(paris(2026, 3, 31, 23))
    _at(paris(2026, 3, 31, 23, 5), identity_check_record, case=case, actor=cast.agent,
        method="security_questions", questions=["Postcode"])  # fmt: skip
    told = _at(paris(2026, 3, 31, 23, 10), disclosure_record, case=case, actor=cast.agent,
               what="bills")  # fmt: skip
    (row,) = verdicts()
    assert (row.pk, row.case_id, row.verdict, row.reason_code) == (
        told.pk,
        case.pk,
        Verdict.PASS,
        Reason.IDENTITY_CHECKED_FIRST,
    )
    assert verdicts(month=4) == []
    (tally,) = indicator_tallies(indicator=indicator("T3.2-a"), year=2026, month=3, now=NOW)
    assert (tally.numerator, tally.denominator, tally.rate) == (1, 1, Decimal("100.00"))


def test_a_check_in_the_same_instant_counts_as_first(cast, contact):
    case = contact(paris(2026, 3, 10, 9))
    _imported(case, EventKind.IDENTITY_CHECKED, paris(2026, 3, 10, 9, 30), method="document")
    _imported(case, EventKind.DATA_DISCLOSED, paris(2026, 3, 10, 9, 30), what="usage")
    (row,) = verdicts()
    assert row.verdict == Verdict.PASS


def test_a_check_only_after_the_disclosure_fails(cast, contact):
    case = contact(paris(2026, 3, 10, 9))
    _imported(case, EventKind.DATA_DISCLOSED, paris(2026, 3, 10, 9, 5), what="usage")
    _imported(case, EventKind.IDENTITY_CHECKED, paris(2026, 3, 10, 9, 6), method="document")
    (row,) = verdicts()
    assert (row.verdict, row.reason_code) == (Verdict.FAIL, Reason.IDENTITY_CHECKED_AFTER)


@pytest.mark.parametrize("channel", [Channel.PHONE, Channel.CHAT])
def test_no_check_at_all_fails(cast, contact, channel):
    case = contact(paris(2026, 3, 10, 9), channel)
    _imported(case, EventKind.DATA_DISCLOSED, paris(2026, 3, 10, 9, 5), what="contract")
    other = contact(paris(2026, 3, 10, 9))
    _imported(other, EventKind.IDENTITY_CHECKED, paris(2026, 3, 10, 9, 1), method="document")
    (row,) = verdicts()
    assert (row.verdict, row.reason_code) == (Verdict.FAIL, Reason.IDENTITY_NOT_CHECKED)


def test_a_written_contact_is_left_out(cast, contact):
    letter = contact(paris(2026, 3, 10, 9), Channel.EMAIL)
    _at(paris(2026, 3, 11), disclosure_record, case=letter, actor=cast.agent, what="bills")
    (row,) = verdicts()
    assert (row.verdict, row.reason_code) == (Verdict.EXCLUDED, Reason.DISCLOSURE_WRITTEN_CONTACT)
    (tally,) = indicator_tallies(indicator=indicator("T3.2-a"), year=2026, month=3, now=NOW)
    assert tally.denominator == 0


def test_each_disclosure_is_an_item_and_checks_alone_are_not(cast, contact):
    case = contact(paris(2026, 3, 10, 9))
    _at(paris(2026, 3, 10, 9, 1), identity_check_record, case=case, actor=cast.agent,
        method="one_time_code")  # fmt: skip
    for minute, what in ((2, "bills"), (3, "usage")):
        _at(paris(2026, 3, 10, 9, minute), disclosure_record, case=case, actor=cast.agent,
            what=what)  # fmt: skip
    contact(paris(2026, 3, 12, 9))  # a checked-free contact with no disclosure
    assert [row.verdict for row in verdicts()] == [Verdict.PASS, Verdict.PASS]
