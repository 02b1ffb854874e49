"""The facts that decide clocks on screen: the customer block of the case page and the
motives page. Each role sees what the permission table lets it change; every change goes
through the service and shows in the history."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from pacte.cases.models import MotiveFactChange
from pacte.conftest import Cast, paris
from pacte.customers.models import CustomerFact, CustomerFactChange
from pacte.customers.services import customer_fact_set
from pacte.factories import MotiveFactory
from pacte.workspace.tests.conftest import ROLES, Cases, client_for

pytestmark = pytest.mark.django_db

# Who gets a form for each fact on the case page (among those who read the case).
FRAUD_EDITORS = {"agent", "supervisor", "quality_manager", "administrator"}
SEGMENT_EDITORS = {"supervisor", "administrator"}
CASE_READERS = {"agent", "supervisor", "quality_manager", "auditor", "administrator"}
MOTIVE_READERS = {"supervisor", "quality_manager", "auditor", "administrator"}
MOTIVE_EDITORS = {"quality_manager", "administrator"}


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def fact_url(cases: Cases, fact: str = "fraud_victim") -> str:
    return reverse("workspace:customer_fact", args=[cases.front.pk, fact])


def flag_form(**extra: str) -> dict[str, str]:
    return {
        "fact-fraud_victim-value": "true",
        "fact-fraud_victim-reason": "Customer reported a SIM swap.",
        **{f"fact-fraud_victim-{name}": value for name, value in extra.items()},
    }


def messages_of(response: object) -> list[str]:
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


# --- the case page ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_case_page_offers_each_fact_form_by_role(
    client: Client, cast: Cast, cases: Cases, role: str
) -> None:
    response = client_for(client, cast, role).get(reverse("workspace:case", args=[cases.front.pk]))
    if role not in CASE_READERS or role == "other_agent":
        # the page is not for customers and distributors (403); a case outside one's
        # teams does not exist for an agent (404)
        assert response.status_code == (404 if role == "other_agent" else 403)
        return
    html = response.content.decode()
    assert 'data-fact="fraud_victim"' in html
    assert ('name="fact-fraud_victim-reason"' in html) == (role in FRAUD_EDITORS)
    assert ('name="fact-segment-reason"' in html) == (role in SEGMENT_EDITORS)
    backdates = role in {"quality_manager", "administrator"}
    assert ('name="fact-fraud_victim-effective_at"' in html) == backdates


def test_agent_flags_the_customer_from_the_case_page(
    client: Client, cast: Cast, cases: Cases, frozen_now: datetime
) -> None:
    # when the agent flags the case's customer as a fraud victim
    response = english(client_for(client, cast, "agent")).post(
        fact_url(cases), flag_form(), follow=True
    )
    # then the change is recorded through the service, effective now
    change = CustomerFactChange.objects.get()
    assert (change.customer, change.actor, change.effective_at, change.late_recorded) == (
        cast.customer,
        cast.agent,
        frozen_now,
        False,
    )
    assert response.redirect_chain == [(reverse("workspace:case", args=[cases.front.pk]), 302)]
    assert messages_of(response) == ["Change recorded; it applies to cases received from now."]
    # and the page shows the new status, the history, and the status at this case's receipt
    html = response.content.decode()
    assert '<dd data-fact="fraud_victim">yes · <small class="fact-at-receipt">' in html
    assert "at this case's receipt: no" in html
    assert "<strong>Fraud victim: no → yes</strong>" in html
    assert "Customer reported a SIM swap." in html
    assert f"recorded Tue\u00a010\u00a0Mar\u00a02026, 10:00 by {cast.agent}" in html


def test_an_effective_date_from_an_agent_is_ignored(
    client: Client, cast: Cast, cases: Cases, frozen_now: datetime
) -> None:
    client_for(client, cast, "agent").post(
        fact_url(cases), flag_form(effective_at="2026-03-01T09:00")
    )
    change = CustomerFactChange.objects.get()
    assert (change.effective_at, change.late_recorded) == (frozen_now, False)


def test_quality_manager_backdates_and_the_history_marks_it(
    client: Client, cast: Cast, cases: Cases
) -> None:
    # when the quality manager flags the customer from 1 March 09:00, Paris time
    response = english(client_for(client, cast, "quality_manager")).post(
        fact_url(cases), flag_form(effective_at="2026-03-01T09:00"), follow=True
    )
    # then the change takes effect then, is late-recorded, and the page says the clocks follow
    change = CustomerFactChange.objects.get()
    assert (change.effective_at, change.late_recorded) == (paris(2026, 3, 1, 9), True)
    assert "follow at the next clock recomputation" in messages_of(response)[0]
    html = response.content.decode()
    assert "effective from Sun\u00a01\u00a0Mar\u00a02026, 09:00" in html
    assert 'class="late-recorded"' in html


def test_supervisor_changes_the_segment(client: Client, cast: Cast, cases: Cases) -> None:
    data = {"fact-segment-value": "professional", "fact-segment-reason": "Company account."}
    response = client_for(client, cast, "supervisor").post(fact_url(cases, "segment"), data)
    assert response.status_code == 302
    cast.customer.refresh_from_db()
    assert cast.customer.segment == "professional"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (flag_form(reason=" "), "This field is required."),
        (flag_form(value="false"), "The fact is already “no”: nothing to change."),
        (flag_form(effective_at="2026-03-11T09:00"), "A fact cannot change in the future"),
    ],
)
def test_refusals_are_shown_on_the_form_and_change_nothing(
    client: Client, cast: Cast, cases: Cases, data: dict[str, str], message: str
) -> None:
    response = english(client_for(client, cast, "quality_manager")).post(fact_url(cases), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CustomerFactChange.objects.exists()


def test_with_htmx_a_refusal_swaps_only_the_facts_block(
    client: Client, cast: Cast, cases: Cases
) -> None:
    response = english(client_for(client, cast, "agent")).post(
        fact_url(cases), flag_form(reason=""), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="customer-facts" id="customer-facts">')
    assert "This field is required." in html


def test_with_htmx_a_change_redirects_to_the_case(client: Client, cast: Cast, cases: Cases) -> None:
    response = client_for(client, cast, "agent").post(
        fact_url(cases), flag_form(), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("workspace:case", args=[cases.front.pk])


@pytest.mark.parametrize(
    ("role", "fact", "status"),
    [
        ("auditor", "fraud_victim", 403),
        ("agent", "segment", 403),
        ("quality_manager", "segment", 403),
        ("other_agent", "fraud_victim", 404),
        ("customer_user", "fraud_victim", 403),
        ("distributor_user", "fraud_victim", 403),
        ("agent", "nonsense", 404),
        (None, "fraud_victim", 302),
    ],
)
def test_who_may_not_post_a_change_gets_an_error_and_nothing_changes(
    client: Client, cast: Cast, cases: Cases, role: str | None, fact: str, status: int
) -> None:
    value = "professional" if fact == "segment" else "true"
    data = {f"fact-{fact}-value": value, f"fact-{fact}-reason": "Checked."}
    response = client_for(client, cast, role).post(fact_url(cases, fact), data)
    assert response.status_code == status
    assert not CustomerFactChange.objects.exists()


# --- the motives page -------------------------------------------------------------------


@pytest.mark.parametrize("role", [*ROLES, None])
def test_motives_page_by_role(client: Client, cast: Cast, role: str | None) -> None:
    MotiveFactory.create(code="invoice-copy")
    response = client_for(client, cast, role).get(reverse("workspace:motives"))
    if role is None:
        assert response.status_code == 302
        return
    assert response.status_code == (200 if role in MOTIVE_READERS else 403)
    if response.status_code == 200:
        html = response.content.decode()
        assert 'data-motive="invoice-copy"' in html
        assert ('name="invoice-copy-billing-reason"' in html) == (role in MOTIVE_EDITORS)


def motive_form(**extra: str) -> dict[str, str]:
    data = {"value": "true", "reason": "Copies of invoices are bill requests.", **extra}
    return {f"invoice-copy-billing-{name}": value for name, value in data.items()}


MOTIVE_URL = "/motives/invoice-copy/facts/billing/"


def test_quality_manager_rules_a_motive_a_bill_one_from_a_past_date(
    client: Client, cast: Cast, frozen_now: datetime
) -> None:
    # given a motive that is not about bills
    motive = MotiveFactory.create(code="invoice-copy")
    # when the quality manager changes it with effect from 1 March
    response = english(client_for(client, cast, "quality_manager")).post(
        MOTIVE_URL, motive_form(effective_at="2026-03-01T00:00"), follow=True
    )
    # then the change is recorded, late, and listed on the page
    change = MotiveFactChange.objects.get()
    assert (change.motive, change.value, change.effective_at, change.late_recorded) == (
        motive,
        "true",
        paris(2026, 3, 1),
        True,
    )
    assert response.redirect_chain == [("/motives/", 302)]
    html = response.content.decode()
    assert '<span class="billing" data-billing="true">about a bill: yes</span>' in html
    assert "<strong>About a bill: no → yes</strong>" in html


@pytest.mark.parametrize(
    ("role", "status"), [("supervisor", 403), ("auditor", 403), ("agent", 403)]
)
def test_others_may_not_change_a_motive(client: Client, cast: Cast, role: str, status: int) -> None:
    MotiveFactory.create(code="invoice-copy")
    response = client_for(client, cast, role).post(MOTIVE_URL, motive_form())
    assert response.status_code == status
    assert not MotiveFactChange.objects.exists()


def test_unknown_motive_or_fact_is_404(client: Client, cast: Cast) -> None:
    MotiveFactory.create(code="invoice-copy")
    quality = client_for(client, cast, "quality_manager")
    assert quality.post("/motives/nowhere/facts/billing/", motive_form()).status_code == 404
    assert quality.post("/motives/invoice-copy/facts/colour/", motive_form()).status_code == 404


def test_a_refused_motive_change_is_shown_on_its_form(client: Client, cast: Cast) -> None:
    MotiveFactory.create(code="invoice-copy")
    quality = english(client_for(client, cast, "quality_manager"))
    response = quality.post(MOTIVE_URL, motive_form(value="false"))
    assert response.status_code == 400
    assert "The fact is already “no”: nothing to change." in response.content.decode()
    htmx = quality.post(MOTIVE_URL, motive_form(reason=""), HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200
    assert (
        htmx.content.decode()
        .lstrip()
        .startswith('<article class="motive" id="motive-invoice-copy"')
    )
    assert not MotiveFactChange.objects.exists()


def test_pages_speak_french_by_default(
    client: Client, cast: Cast, cases: Cases, frozen_now: datetime
) -> None:
    # given a backdated flag of the case's customer
    customer_fact_set(
        customer=cast.customer,
        fact=CustomerFact.FRAUD_VICTIM,
        value=True,
        actor=cast.quality_manager,
        reason="Usurpation d'identité.",
        effective_at=paris(2026, 3, 5, 9),
    )
    MotiveFactory.create(code="invoice-copy")
    quality = client_for(client, cast, "quality_manager")
    # then the case page and the motives page are in French
    case_html = quality.get(reverse("workspace:case", args=[cases.front.pk])).content.decode()
    assert "Faits qui décident des délais" in case_html
    assert "<strong>Victime de fraude\u00a0: non → oui</strong>" in case_html
    assert "en vigueur à partir du jeu.\u00a05\u00a0mars\u00a02026, 9\u00a0h\u00a000" in case_html
    assert "enregistré le mar.\u00a010\u00a0mars\u00a02026, 10\u00a0h\u00a000 par" in case_html
    assert "enregistré en retard" in case_html
    motives_html = quality.get(reverse("workspace:motives")).content.decode()
    assert "<h1>Motifs</h1>" in motives_html
    assert "Modifier le statut de facturation" in motives_html
