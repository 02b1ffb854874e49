"""Registering a payment (T4.4): idempotent per account and reference, refusals, bills
settled oldest first, and the restoration queued in the same transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind
from pacte.customers.models import LineStatus
from pacte.factories import LineFactory, UserFactory
from pacte.operations.errors import OperationError
from pacte.operations.models import Payment, PaymentSource
from pacte.operations.payments import payment_register
from pacte.operations.tests.restoration_data import first_team, suspended_line, unpaid_bill

pytestmark = pytest.mark.django_db

SUSPENDED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
PAID = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)


def _register(line, *, reference="PAY-1", amount="50.00", actor=None, source="api"):
    with time_machine.travel(PAID, tick=False):
        return payment_register(
            account=line.account,
            reference=reference,
            amount=amount,
            paid_on=date(2026, 11, 9),
            actor=actor,
            source=source,
        )


def test_a_payment_queues_the_restoration_at_once_received_at_registration(cast):
    # given a line suspended for non-payment, its bill reported unpaid
    line = suspended_line(at=SUSPENDED)
    bill = unpaid_bill(
        account=line.account,
        invoice="F1",
        amount="50.00",
        due_on=date(2026, 10, 1),
        reported_at=SUSPENDED - timedelta(days=9),
        line=line,
    )
    # when a payment covering it is registered
    done = _register(line, actor=cast.agent, source=PaymentSource.SCREEN)
    # then the payment is recorded at the server's clock, the bill settled then
    assert done.created
    assert done.payment.registered_at == PAID
    bill.refresh_from_db()
    assert bill.settled_at == PAID
    # and a restoration case was opened at once, received at the registration
    (case,) = done.restorations
    assert (case.kind, case.received_at, case.team) == (CaseKind.RESTORATION, PAID, first_team())
    opened = CaseEvent.objects.get(case=case, kind=EventKind.OPENED)
    assert opened.data["payment"] == done.payment.pk
    assert (opened.data["line"], opened.data["msisdn"]) == (line.pk, line.msisdn)
    paid = CaseEvent.objects.get(case=case, kind=EventKind.PAYMENT_REGISTERED)
    assert (paid.at, paid.data["reference"], paid.data["amount"]) == (PAID, "PAY-1", "50.00")
    clock = case.clocks.get()
    assert (clock.commitment.code, clock.due_at) == ("T4.4", PAID + timedelta(hours=4))


def test_the_restoration_case_is_in_the_payments_transaction(
    cast, django_capture_on_commit_callbacks
):
    # given a suspended line without bills
    line = suspended_line(at=SUSPENDED)

    # when the payment's transaction is rolled back after registering
    def register_then_fail() -> None:
        with transaction.atomic():
            _register(line)
            assert Case.objects.filter(kind=CaseKind.RESTORATION).count() == 1
            raise RuntimeError

    with pytest.raises(RuntimeError):
        register_then_fail()
    # then neither the payment nor the restoration exists
    assert not Payment.objects.exists()
    assert not Case.objects.filter(kind=CaseKind.RESTORATION).exists()
    # when committed, the job is enqueued on commit
    with django_capture_on_commit_callbacks() as callbacks:
        _register(line)
    assert len(callbacks) == 1


def test_same_payment_again_changes_nothing(cast):
    line = suspended_line(at=SUSPENDED)
    first = _register(line)
    again = _register(line)
    assert (again.created, again.payment.pk, again.restorations) == (False, first.payment.pk, [])
    assert Payment.objects.count() == 1
    assert Case.objects.filter(kind=CaseKind.RESTORATION).count() == 1


def test_reference_reused_for_another_amount_is_refused_with_409(cast):
    line = suspended_line(at=SUSPENDED)
    _register(line)
    with pytest.raises(PacteError) as refused:
        _register(line, amount="51.00")
    assert refused.value.code == OperationError.PAYMENT_REFERENCE_REUSED
    assert refused.value.status_code == 409
    assert "50.00" in refused.value.text
    assert Payment.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"reference": "  "}, OperationError.PAYMENT_REFERENCE_REQUIRED),
        ({"reference": "R" * 65}, OperationError.PAYMENT_REFERENCE_REQUIRED),
        ({"amount": "0"}, OperationError.PAYMENT_AMOUNT_INVALID),
        ({"amount": "-3"}, OperationError.PAYMENT_AMOUNT_INVALID),
        ({"amount": "1.001"}, OperationError.PAYMENT_AMOUNT_INVALID),
        ({"amount": "NaN"}, OperationError.PAYMENT_AMOUNT_INVALID),
        ({"amount": "abc"}, OperationError.PAYMENT_AMOUNT_INVALID),
        ({"paid_on": date(2026, 11, 11)}, OperationError.PAYMENT_DATE_INVALID),
        ({"source": "fax"}, OperationError.PAYMENT_SOURCE_INVALID),
    ],
)
def test_invalid_payments_are_refused_and_nothing_is_written(cast, changes, code):
    line = suspended_line(at=SUSPENDED)
    given = {
        "account": line.account,
        "reference": "PAY-1",
        "amount": "10.00",
        "paid_on": date(2026, 11, 9),
        "actor": None,
        "source": "api",
    }
    with time_machine.travel(PAID, tick=False), pytest.raises(PacteError) as refused:
        payment_register(**{**given, **changes})
    assert refused.value.code == code
    assert not Payment.objects.exists()


def test_a_role_that_may_not_register_payments_is_refused(cast):
    line = suspended_line(at=SUSPENDED)
    with pytest.raises(PacteError) as refused:
        _register(line, actor=cast.auditor)
    assert (refused.value.code, refused.value.status_code) == (OperationError.NOT_ALLOWED, 403)
    assert not Payment.objects.exists()


def test_an_integration_with_the_payment_permission_may_register(cast):
    from django.contrib.auth.models import Permission

    billing = UserFactory.create(username="billing", role="")
    billing.user_permissions.add(Permission.objects.get(codename="add_payment"))
    line = suspended_line(at=SUSPENDED)
    assert _register(line, actor=billing).created


def test_partial_payments_settle_oldest_first_and_add_up(cast):
    # given two unpaid bills of the line, 30 then 20
    line = suspended_line(at=SUSPENDED)
    old = unpaid_bill(
        account=line.account,
        invoice="F1",
        amount="30.00",
        due_on=date(2026, 9, 1),
        reported_at=SUSPENDED,
        line=line,
    )
    new = unpaid_bill(
        account=line.account,
        invoice="F2",
        amount="20.00",
        due_on=date(2026, 10, 1),
        reported_at=SUSPENDED,
        line=line,
    )
    # when 25 is paid: nothing settled (the oldest is not covered), nothing restored
    first = _register(line, reference="P1", amount="25.00")
    assert (first.settled, first.restorations) == ([], [])
    # when 10 more is paid: 35 covers the oldest (30), not the next
    second = _register(line, reference="P2", amount="10.00")
    assert [bill.invoice for bill in second.settled] == ["F1"]
    assert second.restorations == []
    # when 15 more is paid: 5 left + 15 covers the second (20): the line is restored
    third = _register(line, reference="P3", amount="15.00")
    assert [bill.invoice for bill in third.settled] == ["F2"]
    assert len(third.restorations) == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.settled_at is not None
    assert new.settled_at is not None


def test_a_bill_of_another_line_does_not_keep_this_line_suspended(cast):
    line = suspended_line(at=SUSPENDED)
    other = LineFactory.create(account=line.account)
    unpaid_bill(
        account=line.account,
        invoice="F9",
        amount="500.00",
        due_on=date(2026, 8, 1),
        reported_at=SUSPENDED,
        line=other,
    )
    done = _register(line, amount="5.00")
    assert [case.received_at for case in done.restorations] == [PAID]


def test_an_account_bill_for_no_line_keeps_every_line_suspended(cast):
    line = suspended_line(at=SUSPENDED)
    unpaid_bill(
        account=line.account,
        invoice="F9",
        amount="500.00",
        due_on=date(2026, 8, 1),
        reported_at=SUSPENDED,
    )
    assert _register(line, amount="5.00").restorations == []


@pytest.mark.parametrize("cause", ["risk", "stolen"])
def test_a_line_suspended_for_another_cause_is_not_restored(cast, cause):
    line = suspended_line(at=SUSPENDED, cause=cause)
    assert _register(line).restorations == []


def test_an_active_line_is_not_restored_and_no_case_twice(cast):
    line = suspended_line(at=SUSPENDED)
    LineFactory.create(account=line.account, status=LineStatus.ACTIVE)
    assert len(_register(line, reference="P1").restorations) == 1
    # a second payment while the first restoration is queued: no second case
    assert _register(line, reference="P2").restorations == []


def test_amount_accepts_a_decimal_comma():
    from pacte.operations.payments import payment_amount

    assert payment_amount("12,50") == Decimal("12.50")
