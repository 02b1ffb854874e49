"""The admin sets a customer's and a motive's facts on creation only; their logs only read."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from pacte.cases.models import Motive, MotiveFact, MotiveFactChange
from pacte.cases.motive_facts import motive_fact_set
from pacte.conftest import Cast
from pacte.customers.models import Customer, CustomerFact, CustomerFactChange, Segment
from pacte.customers.services import customer_fact_set
from pacte.factories import CustomerFactory, MotiveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path) -> None:
    """WhiteNoise warns (an error here) when STATIC_ROOT does not exist yet."""
    settings.STATIC_ROOT = tmp_path


def form_data(client: Client, url: str) -> dict[str, object]:
    """The admin change form's fields and inline management forms, as shown."""
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(
            {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
        )
    return {name: "" if value is None else value for name, value in data.items()}


def test_new_customer_gets_its_facts_without_a_change_row(admin_client: Client) -> None:
    url = reverse("admin:customers_customer_add")
    data = form_data(admin_client, url)
    data.update(reference="CU99", last_name="Martin", segment="professional", fraud_victim="on")
    response = admin_client.post(url, data)
    assert response.status_code == 302
    customer = Customer.objects.get(reference="CU99")
    assert (customer.fraud_victim, customer.segment) == (True, Segment.PROFESSIONAL)
    assert not CustomerFactChange.objects.exists()


def test_a_customers_facts_are_read_only_once_created(admin_client: Client) -> None:
    # given a customer; when the admin posts the form with the facts flipped
    customer = CustomerFactory.create()
    url = reverse("admin:customers_customer_change", args=[customer.pk])
    data = form_data(admin_client, url)
    assert not {"fraud_victim", "segment"} & set(data)
    data.update(last_name="Durand", fraud_victim="on", segment="professional")
    response = admin_client.post(url, data)
    # then the other fields are saved, the facts are not
    assert response.status_code == 302
    customer.refresh_from_db()
    assert (customer.last_name, customer.fraud_victim, customer.segment) == (
        "Durand",
        False,
        Segment.CONSUMER,
    )


def test_a_motives_bill_status_is_read_only_once_created(admin_client: Client) -> None:
    motive = MotiveFactory.create(code="invoice-copy")
    url = reverse("admin:cases_motive_change", args=[motive.pk])
    data = form_data(admin_client, url)
    data.update(label_en="Invoice copy", billing="on")
    assert admin_client.post(url, data).status_code == 302
    motive.refresh_from_db()
    assert (motive.label_en, motive.billing) == ("Invoice copy", False)


def test_new_motive_gets_its_bill_status(admin_client: Client) -> None:
    url = reverse("admin:cases_motive_add")
    data = form_data(admin_client, url)
    data.update(code="bill-dispute", label_fr="Contestation", label_en="Dispute", billing="on")
    assert admin_client.post(url, data).status_code == 302
    assert Motive.objects.get(code="bill-dispute").billing is True
    assert not MotiveFactChange.objects.exists()


def test_fact_changes_are_shown_and_never_edited(
    admin_client: Client, cast: Cast, frozen_now: datetime
) -> None:
    # given one change of each log
    customer = CustomerFactory.create()
    change = customer_fact_set(
        customer=customer,
        fact=CustomerFact.FRAUD_VICTIM,
        value=True,
        actor=cast.agent,
        reason="SIM swap.",
    )
    motive_change = motive_fact_set(
        motive=MotiveFactory.create(code="invoice-copy"),
        fact=MotiveFact.BILLING,
        value=True,
        actor=cast.quality_manager,
        reason="Bill requests.",
    )
    for model, row in (
        ("customers_customerfactchange", change),
        ("cases_motivefactchange", motive_change),
    ):
        # then the admin lists and shows them, with no way to add, save or delete
        assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200
        assert admin_client.get(reverse(f"admin:{model}_add")).status_code == 403
        page = admin_client.get(reverse(f"admin:{model}_change", args=[row.pk]))
        assert page.status_code == 200
        assert b'name="_save"' not in page.content
        delete = reverse(f"admin:{model}_delete", args=[row.pk])
        assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    # and the customer's page shows its history
    page = admin_client.get(reverse("admin:customers_customer_change", args=[customer.pk]))
    assert "SIM swap." in page.content.decode()
