"""Importing payments from a CSV file: all rows checked first, nothing half-imported,
bad rows listed with their reason, the same file again changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.utils import translation

from pacte.cases.models import Case
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind
from pacte.factories import AccountFactory
from pacte.operations.models import ImportBatch, Payment, PaymentSource
from pacte.operations.payments_import import payments_import
from pacte.operations.tests.restoration_data import suspended_line

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)


def _import(content: str, actor, name="payments.csv"):
    with time_machine.travel(NOW, tick=False):
        return payments_import(file_name=name, content=content.encode(), actor=actor)


@pytest.fixture(autouse=True)
def english():
    """The report keeps each row's reason in the language of the import: English here."""
    with translation.override("en"):
        yield


def test_a_good_file_registers_every_payment_and_queues_restorations(cast):
    line = suspended_line(at=datetime(2026, 11, 2, tzinfo=UTC))
    other = AccountFactory.create()
    content = (
        "\ufeffaccount;reference;amount;paid_on;note\n"
        f"{line.account.number};P1;12,50;2026-11-09;x\n"
        f"{other.number};P2;30.00;09/11/2026;\n"
    )
    done = _import(content, cast.supervisor)
    batch = done.batch
    assert (batch.imported, batch.rows, batch.accepted, batch.rejected) == (True, 2, 2, 0)
    payments = Payment.objects.filter(batch=batch).order_by("reference")
    assert [(p.reference, str(p.amount), p.source) for p in payments] == [
        ("P1", "12.50", PaymentSource.IMPORT),
        ("P2", "30.00", PaymentSource.IMPORT),
    ]
    assert Case.objects.filter(kind=CaseKind.RESTORATION).count() == 1
    # the same file again: nothing changes, the first import is returned
    again = _import(content, cast.supervisor, name="again.csv")
    assert (again.already, again.batch.pk) == (True, batch.pk)
    assert Payment.objects.count() == 2
    assert ImportBatch.objects.count() == 1


def test_one_bad_row_imports_nothing_and_every_bad_row_is_listed(cast):
    account = AccountFactory.create()
    content = (
        "account,reference,amount,paid_on\n"
        f"{account.number},P1,10.00,2026-11-09\n"
        "NOPE,P2,10.00,2026-11-09\n"
        f"{account.number},,10.00,2026-11-09\n"
        f"{account.number},P3,-1,2026-11-09\n"
        f"{account.number},P4,10.00,2026-12-01\n"
        f"{account.number},P1,11.00,2026-11-09\n"
    )
    batch = _import(content, cast.agent).batch
    assert not Payment.objects.exists()
    assert (batch.imported, batch.rows, batch.accepted, batch.rejected) == (False, 6, 0, 5)
    assert [item["row"] for item in batch.report] == [3, 4, 5, 6, 7]
    reasons = [item["reason"] for item in batch.report]
    assert "NOPE" in reasons[0]
    assert "another amount or date" in reasons[4]


def test_a_reference_registered_before_with_the_same_payload_is_accepted(cast):
    account = AccountFactory.create()
    _import(f"account,reference,amount,paid_on\n{account.number},P1,10.00,2026-11-09\n", cast.agent)
    content = (
        "account,reference,amount,paid_on\n"
        f"{account.number},P1,10.00,2026-11-09\n"
        f"{account.number},P2,5.00,2026-11-09\n"
    )
    batch = _import(content, cast.agent).batch
    assert batch.imported
    assert Payment.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"account,reference\nA,1\n", "missing columns: amount, paid_on"),
        (b"account,reference,amount,paid_on\n", "no payment rows"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(cast, content, reason):
    with time_machine.travel(NOW, tick=False):
        batch = payments_import(file_name="x.csv", content=content, actor=cast.agent).batch
    assert not batch.imported
    assert reason in batch.report[0]["reason"]


def test_a_role_that_may_not_register_payments_may_not_import(cast):
    with pytest.raises(PacteError) as refused:
        _import("account,reference,amount,paid_on\n", cast.auditor)
    assert refused.value.status_code == 403
    assert not ImportBatch.objects.exists()
