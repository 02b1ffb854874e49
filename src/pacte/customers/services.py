"""Writes to customers: a change of a fact that decides a clock."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from pacte.core import clock
from pacte.core.models import User
from pacte.customers.facts import CUSTOMER_FACTS, prepare_change
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
    the permission table's (``core.roles.FACT_EDITOR_ROLES``); a reason is required;
    setting the value the fact has is refused (``customers.facts.prepare_change``).

    Locks the customer row, records one ``CustomerFactChange`` (value, previous value,
    actor, reason, effective and recorded instants) and writes the customer's column in
    the same transaction. Clocks are not touched here: they read the value in force at
    each case's receipt, so a change effective now changes no clock, and a backdated one
    reaches the clocks of the cases received since at the next ``recompute_clocks``.
    """
    now = clock.now()
    kind = CUSTOMER_FACTS[fact]
    locked = Customer.objects.select_for_update().get(pk=customer.pk)
    last = (
        CustomerFactChange.objects.filter(customer=locked, fact=fact)
        .order_by("-effective_at", "-pk")
        .values_list("effective_at", flat=True)
        .first()
    )
    change = prepare_change(
        key=f"customer.{fact}",
        kind=kind,
        current=getattr(locked, fact),
        raw_value=value,
        actor=actor,
        reason=reason,
        effective_at=effective_at,
        last_effective_at=last,
        now=now,
    )
    row = CustomerFactChange.objects.create(
        customer=locked,
        fact=fact,
        value=change.value,
        previous=change.previous,
        effective_at=change.effective_at,
        recorded_at=now,
        actor=actor,
        reason=change.reason,
        late_recorded=change.late_recorded,
    )
    Customer.objects.filter(pk=locked.pk).update(**{str(fact): kind.to_column(change.value)})
    setattr(customer, fact, kind.to_column(change.value))
    return row
