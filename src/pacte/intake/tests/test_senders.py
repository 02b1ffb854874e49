"""Who wrote: matched by email address, or created with a generated customer number."""

from __future__ import annotations

import pytest

from pacte.conftest import Cast
from pacte.core.errors import PacteError
from pacte.customers.models import Customer
from pacte.factories import CustomerFactory
from pacte.intake.errors import IntakeError
from pacte.intake.senders import customer_for_email, new_customer_reference

pytestmark = pytest.mark.django_db


def test_a_known_address_matches_the_customer_whatever_its_case(cast: Cast) -> None:
    found, created = customer_for_email(f"  {cast.customer.email.upper()} ")
    assert (found, created) == (cast.customer, False)


def test_the_oldest_customer_wins_when_two_share_an_address() -> None:
    first = CustomerFactory.create(email="shared@example.test")
    CustomerFactory.create(email="shared@example.test")
    assert customer_for_email("shared@example.test") == (first, False)


def test_an_unknown_address_creates_a_customer_with_a_generated_number() -> None:
    customer, created = customer_for_email(
        "Marie.Curie@Example.test", name="Marie Curie", phone="+33612345678"
    )
    assert created
    assert customer.reference.startswith("W")
    assert (customer.first_name, customer.last_name) == ("Marie", "Curie")
    assert (customer.email, customer.phone) == ("marie.curie@example.test", "+33612345678")
    # and the next message from that address finds the same customer
    assert customer_for_email("marie.curie@example.test") == (customer, False)


def test_without_a_name_the_local_part_names_the_customer() -> None:
    customer, _created = customer_for_email("jdupont@example.test")
    assert (customer.first_name, customer.last_name) == ("", "jdupont")


@pytest.mark.parametrize("address", ["", "not an address", "a@", "@b.fr"])
def test_a_bad_address_is_refused_and_creates_nobody(address: str) -> None:
    before = Customer.objects.count()
    with pytest.raises(PacteError) as refused:
        customer_for_email(address)
    assert refused.value.code == IntakeError.BAD_ADDRESS
    assert Customer.objects.count() == before


def test_generated_numbers_differ() -> None:
    assert len({new_customer_reference() for _ in range(100)}) == 100
