"""In a real headless Chromium, with the clock frozen at a known instant: a supervisor's
suspension for non-payment is refused on screen with rule T4.3 and its reason; once a
contact attempt giving the means to regularise is logged 8 days earlier, it is allowed."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from playwright.sync_api import Page, expect

from pacte.conftest import paris
from pacte.core.roles import Role
from pacte.customers.models import LineStatus
from pacte.factories import PASSWORD, LineFactory, TeamFactory, UserFactory
from pacte.operations.dunning import dunning_case_for, dunning_contact_record
from pacte.operations.models import UnpaidBill

NOW = paris(2026, 11, 20, 10)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_a_suspension_is_refused_then_allowed_after_a_contact(live_server: Any, page: Page) -> None:
    # Given a line with an unpaid bill and its dunning case, opened 10 days ago
    TeamFactory.create(code="front", name="Front office")
    UserFactory.create(username="browser-sup", role=Role.SUPERVISOR)
    agent = UserFactory.create(username="browser-dunning-agent", role=Role.AGENT)
    line = LineFactory.create()
    UnpaidBill.objects.create(
        account=line.account,
        line=line,
        invoice="F-2026-11",
        amount=Decimal("45.90"),
        due_on=(NOW - timedelta(days=30)).date(),
        reported_at=NOW - timedelta(days=20),
    )
    with time_machine.travel(NOW - timedelta(days=10), tick=False):
        case = dunning_case_for(line=line, actor=agent)
    page.set_default_timeout(30_000)

    with time_machine.travel(NOW, tick=True):
        # When the supervisor logs in and asks to suspend the line
        page.goto(f"{live_server.url}/login/")
        page.get_by_role("button", name="English").click()
        page.get_by_label("User name").fill("browser-sup")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.goto(f"{live_server.url}/operations/dunning/{line.pk}/")
        expect(page.get_by_role("heading", name=f"Dunning, line {line.msisdn}")).to_be_visible()
        page.get_by_label("Reason for the suspension").fill("Two months unpaid.")
        page.get_by_role("button", name="Suspend the line").click()

        # Then it is refused on screen, naming the rule and why
        refusal = page.locator("#suspension-refusal")
        expect(refusal).to_contain_text("Suspension refused (rule T4.3)")
        expect(refusal).to_contain_text("no contact attempt giving the means to regularise")
        line.refresh_from_db()
        assert line.status == LineStatus.ACTIVE

        # Given a contact attempt with the means to regularise logged 8 days earlier
        with time_machine.travel(NOW - timedelta(days=8), tick=False):
            dunning_contact_record(
                case=case,
                actor=agent,
                channel="phone",
                content="Pay online or ask for a payment plan.",
                regularisation_means=["pay_online", "payment_plan"],
            )

        # When the supervisor asks again
        page.goto(f"{live_server.url}/operations/dunning/{line.pk}/")
        expect(page.locator(".suspension-rule")).to_contain_text("A suspension is allowed")
        page.get_by_label("Reason for the suspension").fill("Two months unpaid.")
        page.get_by_role("button", name="Suspend the line").click()

        # Then the line is suspended
        expect(page.locator(".line-status")).to_have_text("Suspended")
        line.refresh_from_db()
        assert line.status == LineStatus.SUSPENDED
