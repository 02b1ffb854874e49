"""Helpers of the payment and restoration tests: a line suspended for non-payment and
its unpaid bills, written directly (the dunning service is another topic's)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import time_machine

from pacte.cases.models import Team
from pacte.core.models import User
from pacte.customers.models import Account, Line, LineStatus
from pacte.factories import LineFactory
from pacte.operations.lines import line_status_set
from pacte.operations.models import UnpaidBill


def suspended_line(
    *, at: datetime, actor: User | None = None, cause: str = "non_payment", **line: object
) -> Line:
    """A line suspended at ``at`` with ``cause`` in its LineEvent's data."""
    created = LineFactory.create(**line)
    with time_machine.travel(at, tick=False):
        line_status_set(
            line=created,
            status=LineStatus.SUSPENDED,
            reason="Unpaid bills",
            actor=actor,
            data={"cause": cause},
        )
    created.refresh_from_db()
    return created


def unpaid_bill(
    *,
    account: Account,
    invoice: str,
    amount: str,
    due_on: date,
    reported_at: datetime,
    line: Line | None = None,
) -> UnpaidBill:
    return UnpaidBill.objects.create(
        account=account,
        line=line,
        invoice=invoice,
        amount=Decimal(amount),
        due_on=due_on,
        reported_at=reported_at,
    )


def first_team() -> Team:
    found = Team.objects.order_by("site_id", "code").first()
    assert found is not None
    return found
