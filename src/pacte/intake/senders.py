"""Who wrote: the customer matched by email address, or created from what the sender gave."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from pacte.core.errors import PacteError
from pacte.customers.models import Customer
from pacte.intake.errors import IntakeError


def normalised_email(address: str) -> str:
    """The address lower-cased and stripped; PacteError if it is not an address."""
    cleaned = (address or "").strip().lower()
    try:
        validate_email(cleaned)
    except ValidationError:
        raise PacteError(IntakeError.BAD_ADDRESS, f"{address!r} is not an email address.") from None
    return cleaned


def customer_for_email(address: str, *, name: str = "", phone: str = "") -> tuple[Customer, bool]:
    """The customer whose email is ``address`` (the oldest if several), else a new one.

    Returns ``(customer, created)``. A new customer gets a ``W…`` reference and the
    name the sender gave (or the address's local part).
    """
    return _customer_for(normalised_email(address), name=name, phone=phone)


def customer_for_mail_sender(address: str, *, name: str = "") -> tuple[Customer, bool]:
    """As ``customer_for_email``, for an address read from a message's From header.

    The mail app has checked its shape (``local@domain``); what mail accepts is wider
    than what a web form should: a quoted local part (``"Jean Dupont"@example.org``),
    a domain without a dot (``support@intranet``). The domain is lower-cased; the local
    part is kept as written (it is matched case-insensitively).
    """
    local, _at, domain = address.strip().rpartition("@")
    if not local or not domain:
        raise PacteError(IntakeError.BAD_ADDRESS, f"{address!r} is not an email address.")
    return _customer_for(f"{local}@{domain.lower()}", name=name, phone="")


def customer_unidentified(*, name: str = "") -> Customer:
    """A customer for a message whose sender could not be read: a ``W…`` reference, the
    name the message gave if any, ``unidentified`` until an agent matches the case."""
    return Customer.objects.create(
        reference=new_customer_reference(), last_name=name[:100], unidentified=True
    )


def _customer_for(email: str, *, name: str, phone: str) -> tuple[Customer, bool]:
    existing = (
        Customer.objects.filter(email__iexact=email, unidentified=False).order_by("pk").first()
    )
    if existing is not None:
        return existing, False
    first, _space, last = (name or "").strip().rpartition(" ")
    customer = Customer.objects.create(
        reference=new_customer_reference(),
        first_name=first[:100],
        last_name=(last or email.rsplit("@", 1)[0].strip('"'))[:100],
        email=email,
        phone=phone[:32],
    )
    return customer, True


def new_customer_reference() -> str:
    """A customer number for someone who contacted us before having one."""
    return f"W{uuid.uuid4().hex[:12].upper()}"
