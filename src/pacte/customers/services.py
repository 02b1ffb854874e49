"""Writes to customers: a change of a fact that decides a clock."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from django.db import transaction

from pacte.core import clock
from pacte.core.models import User
from pacte.customers.facts import CUSTOMER_FACTS, fact_record
from pacte.customers.models import Customer, CustomerFact, CustomerFactChange


@transaction.atomic
def customer_fact_set(
    *,
    customer: Customer,
    fact: CustomerFact,
    value: object,
    actor: User,
    reason: str,
    effective_at: datetime | None = None,
) -> CustomerFactChange:
    """Change one of the customer's facts (fraud-victim status, segment) from an instant.

    ``effective_at`` defaults to now; a past instant is for quality managers and
    administrators only, at most ``PACTE_FACT_BACKDATE_DAYS`` back and not before the
    fact's latest change; the change is then late-recorded. Who may change which fact is
    the permission table's (``core.permissions.GRANTS``); a reason is required;
    setting the value the fact has is refused (``customers.facts.prepare_change``).

    Locks the customer row, records one ``CustomerFactChange`` (value, previous value,
    actor, reason, effective and recorded instants) and writes the customer's column in
    the same transaction. Clocks are not touched here: they read the value in force at
    each case's receipt, so a change effective now changes no clock, and a backdated one
    reaches the clocks of the cases received since at the next ``recompute_clocks``.
    """
    row = fact_record(
        owner=customer,
        log=CustomerFactChange,
        owner_field="customer",
        key=f"customer.{fact}",
        fact=str(fact),
        kind=CUSTOMER_FACTS[fact],
        value=value,
        actor=actor,
        reason=reason,
        effective_at=effective_at,
        now=clock.now(),
    )
    return cast("CustomerFactChange", row)  # a row of the log given above
