"""T4.7 in a real headless Chromium: a point of sale raises a contract-acceptance
difficulty, an agent records both notices, the point of sale sees them."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from pacte.cases.models import Case
from pacte.contracts.parties import ACCEPTANCE_MOTIVE
from pacte.core.roles import Role
from pacte.core.vocabulary import Channel
from pacte.factories import (
    PASSWORD,
    AccountFactory,
    CustomerFactory,
    DistributorFactory,
    MotiveFactory,
    TeamFactory,
    UserFactory,
)
from pacte.intake.models import ChannelRoute


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
def test_a_shop_raises_a_difficulty_an_agent_tells_both_the_shop_sees_both_notices(
    live_server: Any, page: Page
) -> None:
    # Given a shop with its seller, a customer of the shop, and the hotline's team
    team = TeamFactory.create(code="pos-hotline", name="Distributor hotline")
    agent = UserFactory.create(username="hotline-agent", role=Role.AGENT)
    team.members.add(agent)
    motive = MotiveFactory.create(
        code=ACCEPTANCE_MOTIVE, label_en="Contract acceptance", label_fr="Acceptation du contrat"
    )
    ChannelRoute.objects.create(channel=Channel.DISTRIBUTOR_HOTLINE, team=team, motive=motive)
    shop = DistributorFactory.create(name="Boutique Rivoli", email="rivoli@example.test")
    seller = UserFactory.create(username="seller", role=Role.DISTRIBUTOR)
    shop.users.add(seller)
    customer = CustomerFactory.create(reference="CU-4242", first_name="Jeanne")
    AccountFactory.create(customer=customer, distributor=shop)
    page.set_default_timeout(30_000)  # a loaded 2-core CI machine
    page.set_viewport_size({"width": 1366, "height": 768})

    # When the seller raises a contract-acceptance difficulty from the shop's pages
    login(page, live_server, "seller")
    page.get_by_role("link", name="My shop's cases").first.click()
    page.get_by_role("link", name="Contract acceptance difficulty").click()
    page.get_by_label("Customer number").fill("CU-4242")
    page.get_by_label("Renewal").check()
    page.get_by_label("What blocks the final acceptance").fill("The signature is missing.")
    page.get_by_label("What is needed to solve it").fill("The customer signs page 2.")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".acceptance-needed")).to_contain_text("The customer signs page 2.")
    expect(page.locator("#notices-customer .notice-missing")).to_be_visible()
    case = Case.objects.get(kind="acceptance")

    # and an agent of the hotline's team records both notices on the case page
    login(page, live_server, "hotline-agent")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.locator(".acceptance-blocking")).to_contain_text("The signature is missing.")
    page.get_by_text("Record a notice sent").click()
    page.locator("#notice_party").select_option("customer")
    page.locator("#notice_channel").select_option("phone")
    page.locator("#notice_body").fill("Please come back to the shop and sign page 2.")
    page.get_by_role("button", name="Record the notice").click()
    expect(page.locator("#notices-customer .notice-sent")).to_contain_text("sign page 2")
    page.get_by_text("Record a notice sent").click()
    page.locator("#notice_party").select_option("distributor")
    page.locator("#notice_channel").select_option("email")
    page.locator("#notice_body").fill("The customer comes back on Saturday to sign.")
    page.get_by_role("button", name="Record the notice").click()
    expect(page.locator("#notices-distributor .notice-sent")).to_contain_text("Saturday")

    # Then the seller sees both notices on the shop's case page, with channel and time
    login(page, live_server, "seller")
    page.goto(f"{live_server.url}/shop/cases/{case.reference}/")
    customer_notice = page.locator("#notices-customer .notice-sent")
    expect(customer_notice).to_contain_text("Please come back to the shop and sign page 2.")
    expect(customer_notice).to_contain_text("Phone")
    distributor_notice = page.locator("#notices-distributor .notice-sent")
    expect(distributor_notice).to_contain_text("The customer comes back on Saturday to sign.")
    expect(distributor_notice).to_contain_text("Email")
    expect(distributor_notice.locator("time")).to_have_count(1)
