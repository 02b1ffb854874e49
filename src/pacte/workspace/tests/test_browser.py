"""One walk through the workspace in a real headless Chromium.

An agent logs in, opens the most urgent case of the queue, tries to hand it off
without a context note (refused, the error is shown), then with one (done), and
reads the hand-off and its note in the customer's timeline.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from pacte.cases.models import CaseEvent, EventKind
from pacte.core import clock
from pacte.core.roles import Role
from pacte.core.vocabulary import Channel
from pacte.factories import PASSWORD, CustomerFactory, TeamFactory, UserFactory, open_case


@pytest.mark.browser
# The live server reads what the test commits; serialized_rollback restores the data
# migrations' rows (calendars, schemes) that an earlier transactional test flushed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
# The live server starts WhiteNoise, which warns when `collectstatic` has not run; the
# live server serves the static files from the finders anyway.
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_agent_hands_off_the_most_urgent_case(live_server: Any, page: Page) -> None:
    # Given an agent of the front office, a colleague, and two open cases
    team = TeamFactory.create(code="front", name="Front office")
    agent = UserFactory.create(username="browser-agent", role=Role.AGENT, first_name="Alice")
    colleague = UserFactory.create(username="browser-mate", role=Role.AGENT, first_name="Bruno")
    team.members.add(agent, colleague)
    now = clock.now()
    urgent = open_case(
        received_at=now - timedelta(days=6),
        team=team,
        customer=CustomerFactory.create(),
        subject="Urgent: line cut",
    )
    open_case(
        received_at=now - timedelta(minutes=5),
        team=team,
        channel=Channel.LETTER,
        subject="Not urgent",
    )
    page.set_default_timeout(30_000)  # a loaded 2-core CI machine

    # When the agent switches the login page from French to English and logs in
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="English").click()
    page.get_by_label("User name").fill("browser-agent")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # Then the queue opens, the most urgent case first
    expect(page.get_by_role("heading", name="Queue")).to_be_visible()
    first_row = page.locator("table.queue tbody tr").first
    expect(first_row).to_contain_text(urgent.reference)
    first_row.get_by_role("link", name=urgent.reference).click()
    expect(page).to_have_url(re.compile(rf"/cases/{urgent.pk}/$"))

    # When they hand it off to a colleague without a context note
    panel = page.locator("#panel-hand-off")
    panel.locator("summary").click()
    panel.get_by_label("To agent").select_option(label=str(colleague))
    panel.get_by_role("button", name="Hand off", exact=True).click()

    # Then the refusal is shown in the panel, and nothing was recorded
    expect(page.locator("#panel-hand-off [role=alert]")).to_contain_text(
        "A hand-off needs a context note"
    )
    assert not CaseEvent.objects.filter(case=urgent, kind=EventKind.HANDED_OFF).exists()

    # When they try again with a note
    panel = page.locator("#panel-hand-off")
    panel.get_by_label("To agent").select_option(label=str(colleague))
    panel.get_by_label("Context note for the next agent").fill(
        "Customer's line was cut by mistake; restore it today."
    )
    panel.get_by_role("button", name="Hand off", exact=True).click()

    # Then the case page reloads with the hand-off and its note in the timeline
    expect(page.locator(".message")).to_contain_text("Case handed off.")
    hand_off = page.locator(".timeline li.event-handed_off")
    expect(hand_off).to_contain_text("Handed off")
    expect(hand_off).to_contain_text("restore it today")
    expect(page.locator(".case-facts .assignee")).to_contain_text(str(colleague))
    assert CaseEvent.objects.filter(case=urgent, kind=EventKind.HANDED_OFF).count() == 1
