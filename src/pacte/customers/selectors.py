"""Reads of customers' facts and their history."""

from __future__ import annotations

from pacte.customers.models import Customer, CustomerFactChange, Line


def customer_fact_history(*, customer: Customer) -> list[CustomerFactChange]:
    """Every change of the customer's facts, latest recorded first, with its actor (one query)."""
    return list(
        CustomerFactChange.objects.filter(customer=customer)
        .select_related("actor")
        .order_by("-recorded_at", "-pk")
    )


def customer_lines(*, customer: Customer) -> list[Line]:
    """The customer's lines, with their accounts, by number (one query)."""
    return list(
        Line.objects.filter(account__customer=customer).select_related("account").order_by("msisdn")
    )
