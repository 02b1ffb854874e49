"""Since when, and why, a customer is flagged fraud victim (T6.2): what every agent sees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pacte.core import clock
from pacte.customers.models import Customer, CustomerFact, CustomerFactChange


@dataclass(frozen=True, slots=True)
class FraudFlag:
    since: datetime | None  # None: flagged without a recorded change (bulk-loaded rows)
    reason: str


def fraud_victim_since(customer: Customer) -> FraudFlag | None:
    """The fraud-victim flag in force now: since the latest change that set it, with
    its reason; None when the customer is not flagged (no query then)."""
    if not customer.fraud_victim:
        return None
    change = (
        CustomerFactChange.objects.filter(
            customer=customer, fact=CustomerFact.FRAUD_VICTIM, effective_at__lte=clock.now()
        )
        .order_by("-effective_at", "-pk")
        .only("effective_at", "reason", "value")
        .first()
    )
    if change is None or change.value != "true":
        return FraudFlag(since=None, reason="")
    return FraudFlag(since=change.effective_at, reason=change.reason)
