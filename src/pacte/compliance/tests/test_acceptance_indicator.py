"""T4.7: contract-acceptance cases closed in the month → both parties informed."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine

from pacte.cases.models import CaseEvent, EventKind
from pacte.cases.services import case_close, case_reopen
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.indicators.registry import REGISTRY
from pacte.compliance.selectors import indicator_tallies, indicator_verdicts
from pacte.compliance.tests.conftest import indicator
from pacte.conftest import paris
from pacte.contracts.parties import ACCEPTANCE_MOTIVE
from pacte.contracts.services import (
    acceptance_notice_impossible,
    acceptance_notice_send,
    acceptance_raise,
)
from pacte.core.vocabulary import Channel
from pacte.factories import MotiveFactory

NOW = paris(2026, 4, 2, 12)


@pytest.fixture
def raised(cast):
    MotiveFactory.create(code=ACCEPTANCE_MOTIVE)

    def make(at, *, distributor=True):
        with time_machine.travel(at, tick=False):
            return acceptance_raise(
                customer=cast.customer,
                distributor=cast.distributor if distributor else None,
                contract_kind="renewal",
                blocking="Signature missing.",
                needed="Sign page 2.",
                actor=cast.agent,
                channel=Channel.PHONE,
                team=cast.front,
            )

    return make


def _at(at, service, **kwargs):
    with time_machine.travel(at, tick=False):
        return service(**kwargs)


def verdicts(month=3):
    return list(indicator_verdicts(indicator=indicator("T4.7-a"), year=2026, month=month, now=NOW))


def test_the_indicator_has_data_now():
    assert REGISTRY["contract_acceptance_both_informed"].implemented


def test_both_parties_told_passes_in_the_month_of_the_closing(cast, raised):
    case = raised(paris(2026, 3, 20, 9))
    for party in ("customer", "distributor"):
        _at(
            paris(2026, 3, 25, 10),
            acceptance_notice_send,
            case=case,
            party=party,
            channel=Channel.PHONE,
            body="Sign page 2.",
            actor=cast.agent,
        )
    _at(paris(2026, 3, 31, 23, 30), case_close, case=case, actor=cast.agent)
    (row,) = verdicts()
    assert (row.case_id, row.verdict, row.reason_code) == (
        case.pk,
        Verdict.PASS,
        Reason.ACCEPTANCE_BOTH_INFORMED,
    )
    assert verdicts(month=4) == []
    (tally,) = indicator_tallies(indicator=indicator("T4.7-a"), year=2026, month=3, now=NOW)
    assert (tally.numerator, tally.denominator, tally.rate) == (1, 1, Decimal("100.00"))


def test_an_impossibility_with_its_reason_leaves_the_case_out(cast, raised):
    case = raised(paris(2026, 3, 20, 9), distributor=False)
    _at(
        paris(2026, 3, 21),
        acceptance_notice_send,
        case=case,
        party="customer",
        channel=Channel.LETTER,
        body="Sign page 2.",
        actor=cast.agent,
    )
    _at(
        paris(2026, 3, 21),
        acceptance_notice_impossible,
        case=case,
        party="distributor",
        reason="Sold online: no point of sale.",
        actor=cast.agent,
    )
    _at(paris(2026, 3, 22), case_close, case=case, actor=cast.agent)
    (row,) = verdicts()
    assert (row.verdict, row.reason_code) == (Verdict.EXCLUDED, Reason.ACCEPTANCE_NOTICE_IMPOSSIBLE)


@pytest.mark.parametrize(
    ("told", "reason"),
    [
        (("customer",), Reason.ACCEPTANCE_DISTRIBUTOR_NOT_INFORMED),
        (("distributor",), Reason.ACCEPTANCE_CUSTOMER_NOT_INFORMED),
        ((), Reason.ACCEPTANCE_NEITHER_INFORMED),
    ],
)
def test_a_closing_recorded_around_the_rule_fails_naming_the_party(cast, raised, told, reason):
    # given closings imported as events (the service refuses them)
    case = raised(paris(2026, 3, 20, 9))
    for party in told:
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.NOTICE_SENT,
            at=paris(2026, 3, 21),
            body="Told.",
            data={"party": party, "channel": "phone"},
        )
    CaseEvent.objects.create(case=case, kind=EventKind.CLOSED, at=paris(2026, 3, 22))
    (row,) = verdicts()
    assert (row.verdict, row.reason_code) == (Verdict.FAIL, reason)


def test_notices_after_the_closing_do_not_count(cast, raised):
    case = raised(paris(2026, 3, 20, 9))
    CaseEvent.objects.create(case=case, kind=EventKind.CLOSED, at=paris(2026, 3, 22))
    for party in ("customer", "distributor"):
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.NOTICE_SENT,
            at=paris(2026, 3, 23),
            body="Told late.",
            data={"party": party, "channel": "phone"},
        )
    (row,) = verdicts()
    assert row.reason_code == Reason.ACCEPTANCE_NEITHER_INFORMED


def test_a_case_closed_twice_in_the_month_counts_once_at_its_last_closing(cast, raised):
    case = raised(paris(2026, 3, 2, 9))
    for party in ("customer", "distributor"):
        _at(
            paris(2026, 3, 3),
            acceptance_notice_impossible,
            case=case,
            party=party,
            reason="Unreachable.",
            actor=cast.agent,
        )
    _at(paris(2026, 3, 4), case_close, case=case, actor=cast.agent)
    _at(paris(2026, 3, 5), case_reopen, case=case, actor=cast.agent, reason="New papers.")
    for party in ("customer", "distributor"):
        _at(
            paris(2026, 3, 6),
            acceptance_notice_send,
            case=case,
            party=party,
            channel=Channel.PHONE,
            body="All good now.",
            actor=cast.agent,
        )
    last = _at(paris(2026, 3, 7), case_close, case=case, actor=cast.agent)
    (row,) = verdicts()
    assert row.reason_code == Reason.ACCEPTANCE_BOTH_INFORMED
    assert row.at == last.events.filter(kind=EventKind.CLOSED).latest("at").at


def test_open_cases_and_other_kinds_are_not_items(cast, raised):
    raised(paris(2026, 3, 20, 9))  # still open
    assert verdicts() == []
