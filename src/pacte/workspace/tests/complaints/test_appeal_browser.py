"""In a real Chromium: a customer opens their answered complaint on /my-cases/, appeals
and sees the appeal's deadline; an appeals-team agent answers the appeal and the answer
the customer reads carries the mediator's coordinates."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from pacte.cases.services import case_answer
from pacte.core import clock
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import PASSWORD, CustomerFactory, TeamFactory, UserFactory, open_case


def login(page: Page, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="English").click()
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("nav")).to_be_visible()


def logout(page: Page) -> None:
    page.context.clear_cookies()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_customer_appeals_and_the_appeals_team_answers_with_the_mediator(
    live_server: Any, page: Page
) -> None:
    # Given a complaint the front office answered
    front = TeamFactory.create(code="front-paris", name="Front office")
    appeals = TeamFactory.create(code="appeals", name="Appeals service", handles_appeals=True)
    level_one = UserFactory.create(username="level-one", role=Role.AGENT)
    front.members.add(level_one)
    appeals_agent = UserFactory.create(
        username="appeals-agent", role=Role.AGENT, first_name="Paul", last_name="Recours"
    )
    appeals.members.add(appeals_agent)
    customer_user = UserFactory.create(username="jeanne", role=Role.CUSTOMER)
    customer = CustomerFactory.create(user=customer_user, preferred_language="en")
    complaint = open_case(
        received_at=clock.now() - timedelta(days=6),
        kind=CaseKind.COMPLAINT,
        team=front,
        customer=customer,
        subject="Charged twice for roaming",
    )
    case_answer(
        case=complaint, actor=level_one, channel=Channel.EMAIL, body="The charge is correct."
    )
    page.set_default_timeout(30_000)

    # When the customer opens it from their cases and appeals
    login(page, live_server, "jeanne")
    page.goto(f"{live_server.url}/my-cases/")
    page.get_by_role("link", name=complaint.reference).click()
    expect(page.locator("body")).to_contain_text("The charge is correct.")
    page.locator("form.my-case-appeal textarea").fill("I was abroad only once.")
    page.locator("form.my-case-appeal button[type=submit]").click()

    # Then they are on the appeal's page, with its deadline
    expect(page.locator("h1")).to_contain_text("P")
    expect(page.locator(".my-appeal-deadline")).to_contain_text("We answer your appeal by")
    appeal_reference = page.locator("h1").inner_text().split()[0]
    assert appeal_reference != complaint.reference

    # When an agent of the appeals team answers it
    logout(page)
    login(page, live_server, "appeals-agent")
    appeal_pk = int(appeal_reference[1:])
    page.goto(f"{live_server.url}/cases/{appeal_pk}/")
    expect(page.locator(".mediator-notice")).to_contain_text("94257 Gentilly Cedex")
    panel = page.locator("#panel-answer")
    panel.locator("textarea").fill("We checked again: the charge stands.")
    panel.locator("button[type=submit]").click()

    # Then the answer the customer reads carries the mediator's coordinates
    logout(page)
    login(page, live_server, "jeanne")
    page.goto(f"{live_server.url}/my-cases/{appeal_reference}/")
    conversation = page.locator("section[aria-labelledby=conversation]")
    expect(conversation).to_contain_text("We checked again: the charge stands.")
    expect(conversation).to_contain_text("Médiateur des communications électroniques")
    expect(conversation).to_contain_text("CS 30342")
    expect(conversation).to_contain_text("www.mediateur-telecom.fr")
