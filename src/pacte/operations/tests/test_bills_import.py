"""Unpaid bills imported from CSV: whole or nothing, with a report naming each bad row;
the same file twice is a no-op; one bill from the billing system's API."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation

from pacte.conftest import FROZEN_NOW
from pacte.core.errors import PacteError
from pacte.factories import AccountFactory, LineFactory
from pacte.operations.bills_import import bills_csv, bills_import, problem_text, unpaid_bill_report
from pacte.operations.errors import OperationError
from pacte.operations.models import ImportBatch, UnpaidBill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def run(content: bytes, actor, name: str = "bills.csv") -> ImportBatch:
    return bills_import(stream=io.BytesIO(content), file_name=name, actor=actor)


def test_a_valid_file_imports_every_bill_once(cast):
    line = LineFactory.create()
    account = line.account
    content = bills_csv(
        [
            (account.number, line.msisdn, "F-1", "12,50", "2026-02-01"),
            (account.number, "", "F-2", "1 234.00", "2026-02-15"),
        ]
    )
    batch = run(content, cast.supervisor)
    assert batch.imported
    assert batch.rows == 2
    assert batch.accepted == 2
    assert batch.report == []
    bills = list(UnpaidBill.objects.order_by("invoice"))
    assert [(b.invoice, b.amount, b.line_id) for b in bills] == [
        ("F-1", Decimal("12.50"), line.pk),
        ("F-2", Decimal("1234.00"), None),
    ]
    assert bills[0].reported_at == FROZEN_NOW
    assert bills[0].batch == batch
    assert run(content, cast.supervisor, name="again.csv") == batch
    assert UnpaidBill.objects.count() == 2
    assert ImportBatch.objects.count() == 1
    # Another file repeating a known bill with its amount: left as it is.
    more = bills_csv(
        [
            (account.number, line.msisdn, "F-1", "12.50", "2026-02-01"),
            (account.number, line.msisdn, "F-3", "5", "2026-03-01"),
        ]
    )
    assert run(more, cast.supervisor).accepted == 1
    assert UnpaidBill.objects.count() == 3


def test_one_bad_row_imports_nothing_and_the_report_lists_each(cast):
    line = LineFactory.create()
    other = AccountFactory.create()
    account = line.account
    UnpaidBill.objects.create(
        account=account,
        invoice="OLD",
        amount=Decimal("10.00"),
        due_on=FROZEN_NOW.date(),
        reported_at=FROZEN_NOW,
    )
    content = bills_csv(
        [
            (account.number, line.msisdn, "F-1", "12,50", "2026-02-01"),
            ("NOPE", "", "F-2", "1", "2026-02-01"),
            (other.number, line.msisdn, "F-3", "1", "2026-02-01"),
            (account.number, "", "F-4", "-3", "2026-02-01"),
            (account.number, "", "F-5", "3", "01/02/2026"),
            (account.number, "", "F-1", "12.50", "2026-02-01"),
            (account.number, "", "OLD", "11.00", "2026-02-01"),
            (account.number, "", "", "1", "2026-02-01"),
        ]
    )
    batch = run(content, cast.supervisor)
    assert not batch.imported
    assert batch.rows == 8
    assert batch.rejected == 7
    assert UnpaidBill.objects.count() == 1
    codes = [(entry["line"], entry["code"]) for entry in batch.report]
    assert codes == [
        (3, OperationError.BILL_ACCOUNT_UNKNOWN),
        (4, OperationError.BILL_LINE_NOT_OF_ACCOUNT),
        (5, OperationError.BILL_AMOUNT_INVALID),
        (6, OperationError.BILL_DATE_INVALID),
        (7, OperationError.BILL_INVOICE_DUPLICATE),
        (8, OperationError.BILL_INVOICE_CONFLICT),
        (9, OperationError.BILL_INVOICE_INVALID),
    ]
    with translation.override("en"):
        assert problem_text(batch.report[4]) == "Invoice “F-1” is already on line 2 of the file."
    # The same bad file again: checked again, still nothing imported.
    assert not run(content, cast.supervisor).imported


def test_a_file_without_the_columns_or_not_utf8_is_refused_whole(cast):
    batch = run(b"account;amount\nA;1\n", cast.supervisor)
    assert not batch.imported
    assert batch.report[0]["code"] == OperationError.BILLS_FILE_INVALID
    latin = "account;line;invoice;amount;due_on\nAC;;Fé;1;2026-01-01\n".encode("latin-1")
    assert run(latin, cast.supervisor).report[0]["code"] == OperationError.BILLS_FILE_INVALID
    with pytest.raises(PacteError) as agent:
        run(b"account\n", cast.agent)
    assert agent.value.code == OperationError.NOT_ALLOWED


def test_one_bill_from_the_billing_system(cast):
    line = LineFactory.create()
    with time_machine.travel(FROZEN_NOW, tick=False):
        bill, new = unpaid_bill_report(
            account=line.account.number,
            line=line.msisdn,
            invoice="F-9",
            amount="9,90",
            due_on="2026-03-01",
            actor=cast.supervisor,
        )
    assert new
    assert bill.amount == Decimal("9.90")
    again, new = unpaid_bill_report(
        account=line.account.number,
        invoice="F-9",
        amount="9.90",
        due_on="2026-03-01",
        actor=cast.supervisor,
    )
    assert again == bill
    assert not new
    with pytest.raises(PacteError) as conflict:
        unpaid_bill_report(
            account=line.account.number,
            invoice="F-9",
            amount="19.90",
            due_on="2026-03-01",
            actor=cast.supervisor,
        )
    assert conflict.value.code == OperationError.BILL_INVOICE_CONFLICT
