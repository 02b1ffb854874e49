"""An agent on a call opens the caller's case with the deadline told before hang-up, in a
real headless Chromium."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.core import clock
from pacte.core.roles import Role
from pacte.factories import PASSWORD, CustomerFactory, MotiveFactory, TeamFactory, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_agent_on_a_call_opens_a_case_with_a_committed_deadline(
    live_server: Any, page: Page
) -> None:
    # Given an agent of the front office, and Jeanne Durand calling about her network
    team = TeamFactory.create(code="paris-front", name="Front office Paris")
    agent = UserFactory.create(username="call-agent", role=Role.AGENT)
    team.members.add(agent)
    MotiveFactory.create(code="network", label_en="Network", label_fr="Réseau")
    jeanne = CustomerFactory.create(first_name="Jeanne", last_name="Durand", phone="+33611223344")
    day = timezone.localdate(clock.now()) + timedelta(days=7)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    page.set_default_timeout(30_000)  # a loaded 2-core CI machine
    page.set_viewport_size({"width": 1366, "height": 768})

    # When the agent logs in (in English) and opens "New contact" from the nav
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="English").click()
    page.get_by_label("User name").fill("call-agent")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="New contact").click()

    # and finds the caller by the number she calls from
    page.get_by_label("Name, customer number, phone number or email").fill("06 11 22 33")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Jeanne Durand").click()
    expect(page.get_by_role("heading", name="Jeanne Durand")).to_be_visible()

    # and opens the case: a phone request not solved, a deadline told before hang-up
    page.get_by_label("Channel").select_option("phone")
    page.get_by_label("Kind").select_option("request")
    page.get_by_label("Motive").select_option(label="Network")
    page.get_by_label("Subject").fill("No network since Monday")
    page.get_by_label("Not solved: a deadline was told to the customer").check()
    page.get_by_label("Deadline told: a business day (until its end)").fill(day.isoformat())
    page.get_by_label("What the customer was told").fill("A technician calls you back.")
    page.get_by_role("button", name="Open the case").click()

    # Then the case page opens with the promise in its trail
    expect(page.locator(".message")).to_contain_text("opened")
    case = Case.objects.get(customer=jeanne)
    expect(
        page.get_by_role("heading", name=f"{case.reference} · No network since Monday")
    ).to_be_visible()
    promise = page.locator(".case-trail .timeline > li").first
    expect(promise).to_contain_text("New deadline committed")
    expect(promise).to_contain_text("A technician calls you back.")
    event = CaseEvent.objects.get(case=case, kind=EventKind.DEADLINE_COMMITTED)
    assert event.channel == "phone"
    assert event.data["counts"] is True
    assert case.channel == "phone"
    assert timezone.localdate(case.due_at) == day
