"""Reads of customers' facts and their history."""

from __future__ import annotations

from django.db.models import Q

from pacte.customers.models import Customer, CustomerFactChange, Line

MIN_SEARCH = 2


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


def customer_search(*, text: str, limit: int = 10) -> list[Customer]:
    """Identified customers matching ``text``: every word of it starts their number,
    email, phone number, first or last name or company (spaces in a phone number
    ignored). Empty for fewer than two characters; at most ``limit``, by name (one query)."""
    words = text.split()
    if len("".join(words)) < MIN_SEARCH:
        return []
    found = Customer.objects.filter(unidentified=False)
    digits = "".join(words)
    phone = Q(pk__in=[])
    if digits.lstrip("+").isdigit():
        phone = Q(phone__startswith=digits)
        if digits.startswith("0"):  # a French number as said: 06…, stored +336…
            phone |= Q(phone__startswith="+33" + digits[1:])
    for word in words:
        found = found.filter(
            phone
            | Q(reference__istartswith=word)
            | Q(email__istartswith=word)
            | Q(phone__startswith=word)
            | Q(first_name__istartswith=word)
            | Q(last_name__istartswith=word)
            | Q(company_name__istartswith=word)
        )
    return list(found.order_by("last_name", "first_name", "reference")[:limit])


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


def identified_customer(*, reference: str) -> Customer | None:
    """The identified customer numbered ``reference`` exactly; None if none (one query)."""
    return Customer.objects.filter(reference=reference, unidentified=False).first()


def customer_of_user(*, user_id: int) -> Customer | None:
    """The customer record of the login ``user_id`` (a customer's own account); None if none."""
    return Customer.objects.filter(user_id=user_id).first()
