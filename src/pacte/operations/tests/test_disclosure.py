"""T3.2-a's rule: account data is told to a caller only after their identity check.

On a phone or chat contact a disclosure without a prior IDENTITY_CHECKED on the case is
refused and nothing is written; after the check it is recorded with the check it rests
on. On a written contact there is no caller: the disclosure needs no check
(docs/operations-lines.md).
"""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.utils import translation

from pacte.cases.errors import CaseError
from pacte.cases.models import CaseEvent, EventKind
from pacte.cases.services import case_close
from pacte.conftest import PARIS, Cast
from pacte.core.errors import PacteError
from pacte.core.vocabulary import Channel
from pacte.factories import AccountFactory, LineFactory, open_case
from pacte.operations.disclosure import account_data, disclosure_record
from pacte.operations.errors import OperationError
from pacte.operations.identity import identity_check_record
from pacte.operations.models import UnpaidBill

NOW = datetime(2026, 3, 10, 10, tzinfo=PARIS)


@pytest.fixture
def call(cast: Cast, frozen_now: datetime):
    return open_case(
        received_at=NOW, team=cast.front, customer=cast.customer, channel=Channel.PHONE
    )


def _disclosures(case):
    return CaseEvent.objects.filter(case=case, kind=EventKind.DATA_DISCLOSED)


def test_a_disclosure_before_the_check_is_refused_and_nothing_is_written(cast, call):
    with pytest.raises(PacteError) as refused:
        disclosure_record(case=call, actor=cast.agent, what="bills")
    assert refused.value.code == OperationError.DISCLOSURE_UNCHECKED
    with translation.override("en"):
        assert "identity" in refused.value.text
    assert not _disclosures(call).exists()


@pytest.mark.parametrize("channel", [Channel.PHONE, Channel.CHAT])
def test_after_the_check_the_disclosure_is_recorded_with_the_check(cast, frozen_now, channel):
    case = open_case(received_at=NOW, team=cast.front, customer=cast.customer, channel=channel)
    check = identity_check_record(
        case=case, actor=cast.agent, method="security_questions", questions=["Date of birth"]
    )
    event = disclosure_record(case=case, actor=cast.agent, what="usage", body=" Data used. ")
    assert event.kind == EventKind.DATA_DISCLOSED
    assert event.data == {"what": "usage", "identity_check": check.pk}
    assert (event.body, event.channel, event.actor) == ("Data used.", channel, cast.agent)
    assert event.at == frozen_now


def test_a_written_contact_needs_no_check(cast, frozen_now):
    letter = open_case(
        received_at=NOW, team=cast.front, customer=cast.customer, channel=Channel.EMAIL
    )
    event = disclosure_record(case=letter, actor=cast.agent, what="contract")
    assert event.data == {"what": "contract", "identity_check": None}


def test_what_must_be_bills_usage_or_contract(cast, call):
    identity_check_record(case=call, actor=cast.agent, method="one_time_code")
    with pytest.raises(PacteError) as refused:
        disclosure_record(case=call, actor=cast.agent, what="password")
    assert refused.value.code == OperationError.DISCLOSURE_WHAT_INVALID


@pytest.mark.parametrize("role", ["quality_manager", "auditor", "customer_user"])
def test_readers_and_customers_may_not_record_a_disclosure(cast, call, role):
    with pytest.raises(PacteError) as refused:
        disclosure_record(case=call, actor=cast.by_role_name(role), what="bills")
    assert refused.value.code == OperationError.NOT_ALLOWED


def test_a_closed_case_records_nothing(cast, call):
    identity_check_record(case=call, actor=cast.agent, method="one_time_code")
    case_close(case=call, actor=cast.agent)
    with pytest.raises(PacteError) as refused:
        disclosure_record(case=call, actor=cast.agent, what="bills")
    assert refused.value.code == CaseError.CLOSED


def test_the_check_of_another_case_does_not_count(cast, call):
    other = open_case(
        received_at=NOW, team=cast.front, customer=cast.customer, channel=Channel.PHONE
    )
    identity_check_record(case=other, actor=cast.agent, method="one_time_code")
    with pytest.raises(PacteError):
        disclosure_record(case=call, actor=cast.agent, what="bills")


def test_account_data_is_the_customers_accounts_lines_and_unpaid_bills(cast, call):
    account = AccountFactory.create(customer=cast.customer)
    line = LineFactory.create(account=account, offer="Forfait 100 Go")
    LineFactory.create()  # someone else's
    with time_machine.travel(NOW, tick=False):
        unpaid = UnpaidBill.objects.create(
            account=account, line=line, invoice="F-1", amount="29.99",
            due_on=NOW.date(), reported_at=NOW,
        )  # fmt: skip
        UnpaidBill.objects.create(
            account=account, invoice="F-0", amount="10.00", due_on=NOW.date(),
            reported_at=NOW, settled_at=NOW,
        )  # fmt: skip
    data = account_data(case=call)
    assert (data.accounts, data.lines, data.unpaid) == ([account], [line], [unpaid])
