"""Reads of customers' facts and their history."""

from __future__ import annotations

from django.db.models import Q

from pacte.customers.models import Customer, CustomerFactChange


def customer_fact_history(*, customer: Customer) -> list[CustomerFactChange]:
    """Every change of the customer's facts, latest recorded first, with its actor (one query)."""
    return list(
        CustomerFactChange.objects.filter(customer=customer)
        .select_related("actor")
        .order_by("-recorded_at", "-pk")
    )


def customer_suggestions(*, typed: str, limit: int) -> list[Customer]:
    """Up to ``limit`` identified customers whose number, email, last name or company name
    starts with ``typed`` (case-insensitive), by number. One query."""
    return list(
        Customer.objects.filter(unidentified=False)
        .filter(
            Q(reference__istartswith=typed)
            | Q(email__istartswith=typed)
            | Q(last_name__istartswith=typed)
            | Q(company_name__istartswith=typed)
        )
        .order_by("reference")[:limit]
    )
