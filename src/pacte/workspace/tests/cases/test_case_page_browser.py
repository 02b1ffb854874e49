"""The case page in a real headless Chromium at 1366x768: the case first.

A customer with a long history (older cases, notes, hand-offs) writes again; the agent
opening the case sees, without scrolling, the customer's last message, the case's clock
in words and the answer form.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from pacte.cases.messages import case_customer_message
from pacte.cases.services import case_add_note, case_hand_off
from pacte.core import clock
from pacte.core.roles import Role
from pacte.core.vocabulary import Channel
from pacte.factories import PASSWORD, CustomerFactory, TeamFactory, UserFactory, open_case

VIEWPORT = ViewportSize(width=1366, height=768)


def login(page: Page, live_server: Any, username: str, language: str) -> None:
    """Log in, in ``language`` (the login page is French until one switches)."""
    page.set_viewport_size(VIEWPORT)
    page.goto(f"{live_server.url}/login/")
    if language == "en":
        page.get_by_role("button", name="English").click()
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("nav")).to_contain_text("Alice Martin")


def in_view(locator: Locator) -> None:
    """The element is drawn entirely inside the 1366x768 viewport, the page unscrolled."""
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["y"] >= 0
    assert box["x"] + box["width"] <= VIEWPORT["width"]
    assert box["y"] + box["height"] <= VIEWPORT["height"], box


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
@pytest.mark.parametrize("language", ["en", "fr"])
def test_agent_sees_the_last_message_its_clock_and_the_answer_form_without_scrolling(
    live_server: Any, page: Page, language: str
) -> None:
    # Given a customer with a long history: six older cases, each with notes and a
    # hand-off between the front and back offices
    front = TeamFactory.create(code="paris-front", name="Front office Paris")
    back = TeamFactory.create(code="appeals", name="Appeals service")
    agent = UserFactory.create(
        username="page-agent", role=Role.AGENT, first_name="Alice", last_name="Martin"
    )
    front.members.add(agent)
    back.members.add(agent)
    customer = CustomerFactory.create(first_name="Jeanne", last_name="Durand")
    now = clock.now()
    for weeks in range(6, 0, -1):
        older = open_case(
            received_at=now - timedelta(weeks=weeks),
            team=front,
            customer=customer,
            subject=f"Older request {weeks}",
        )
        for number in range(3):
            case_add_note(case=older, actor=agent, body=f"Called back, attempt {number}.\n" * 3)
        case_hand_off(case=older, actor=agent, note="Appeals handle this one.", to_team=back)
    # and the case of today, to which the customer has just written again
    case = open_case(
        received_at=now - timedelta(hours=1),
        team=front,
        customer=customer,
        subject="No network since Monday",
    )
    case_add_note(case=case, actor=agent, body="Checked the antenna: no outage.")
    case_customer_message(
        case=case,
        at=clock.now(),
        channel=Channel.EMAIL,
        body="Still no network this morning, please call me.",
    )
    page.set_default_timeout(30_000)  # a loaded 2-core CI machine

    # When the agent opens the case at 1366x768
    login(page, live_server, "page-agent", language)
    page.goto(f"{live_server.url}/cases/{case.pk}/")

    # Then, without scrolling, the newest event first is the customer's last message
    assert page.evaluate("window.scrollY") == 0
    last = page.locator(".case-trail .timeline > li").first
    expect(last).to_contain_text("Still no network this morning")
    in_view(last)
    # the case's clock in words
    in_view(page.locator(".clock-words li").first)
    expect(page.locator(".clock-words li").first).to_contain_text(
        "business day" if language == "en" else "ouvré"
    )
    # and the answer form, its text and its button
    panel = page.locator("#panel-answer")
    answer, send = panel.locator("textarea"), panel.locator("button[type=submit]")
    in_view(answer)
    in_view(send)
    # the customer panel is beside them
    in_view(page.locator(".customer-panel h2"))
    expect(page.locator(".customer-panel h2")).to_contain_text("Jeanne Durand")

    # The older cases are one click away, folded
    others = page.locator("details.other-cases")
    expect(others.locator("tr.other-case").first).to_be_hidden()
    others.locator("summary").click()
    expect(others.locator("tr.other-case")).to_have_count(6)

    # When the agent answers from there
    answer.fill("A technician calls you at 2 pm.")
    send.click()

    # Then the answer is the newest event of the trail
    expect(page.locator(".message")).to_be_visible()
    expect(page.locator(".case-trail .timeline > li").first).to_contain_text(
        "A technician calls you at 2 pm."
    )
