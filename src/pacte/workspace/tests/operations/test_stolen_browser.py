"""T6.4 in a real headless Chromium: an agent, from a call's case page, declares the
caller's phone stolen, blocks the line and the handset, and sees the 1 h clock met."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from pacte.core import clock
from pacte.core.roles import Role
from pacte.core.vocabulary import Channel
from pacte.factories import (
    PASSWORD,
    CustomerFactory,
    LineFactory,
    TeamFactory,
    UserFactory,
    open_case,
)


def login(page: Page, live_server: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="English").click()
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_an_agent_blocks_a_stolen_phone_from_a_call_and_sees_the_clock_met(
    live_server: Any, page: Page
) -> None:
    # Given an agent of the front office taking a call from a customer with one line
    team = TeamFactory.create(code="front", name="Front office")
    agent = UserFactory.create(username="front-agent", role=Role.AGENT)
    team.members.add(agent)
    customer = CustomerFactory.create(reference="CU-7007", first_name="Inès")
    line = LineFactory.create(account__customer=customer, msisdn="+33611223344")
    call = open_case(received_at=clock.now(), team=team, customer=customer, channel=Channel.PHONE)
    page.set_default_timeout(30_000)  # a loaded 2-core CI machine
    page.set_viewport_size({"width": 1366, "height": 768})

    # When the agent declares the phone stolen from the call's case page
    login(page, live_server, "front-agent")
    page.goto(f"{live_server.url}/cases/{call.pk}/")
    page.get_by_role("button", name="Declare stolen or lost").click()
    page.get_by_label(line.msisdn, exact=False).check()
    page.get_by_label("Stolen", exact=True).check()
    page.get_by_role("button", name="Declare").click()
    expect(page.locator(".stolen-clock")).to_contain_text("minutes left to block both")

    # and blocks the line, then the handset
    page.get_by_role("button", name="Block line").click()
    expect(page.locator(".stolen-line-blocked time")).to_have_count(1)
    page.get_by_role("button", name="Block handset (IMEI)").click()

    # Then both times show and the 1 h clock is met
    expect(page.locator(".stolen-imei-blocked time")).to_have_count(1)
    expect(page.locator(".stolen-clock.met")).to_contain_text("1 h clock met")
    expect(page.get_by_role("button", name="Block line")).to_have_count(0)
