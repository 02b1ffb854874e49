"""The customer portal on a phone screen (375 px), in a real headless Chromium, without
a password: log in by emailed link, file a complaint, see its deadline, add
information, rate the answer."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django import Settings

from pacte.cases.models import Case
from pacte.cases.services import case_answer
from pacte.core.roles import Role
from pacte.core.vocabulary import Channel
from pacte.factories import CustomerFactory, MotiveFactory, TeamFactory, UserFactory
from pacte.intake.models import ChannelRoute

PHONE = ViewportSize(width=375, height=740)


def fits(page: Page) -> None:
    """Nothing is wider than the phone's screen: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_a_customer_without_a_password_files_a_complaint_and_rates_the_answer(
    live_server: Any, page: Page, settings: Settings, tmp_path: Any
) -> None:
    # Given Jeanne, a customer whose account has no password yet, and the web route
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = str(tmp_path / "media")
    team = TeamFactory.create(code="web-front", name="Web front office")
    agent = UserFactory.create(username="web-agent", role=Role.AGENT)
    team.members.add(agent)
    motive = MotiveFactory.create(code="network", label_en="Network", label_fr="Réseau")
    ChannelRoute.objects.create(channel=Channel.WEB, team=team, motive=motive)
    user = UserFactory.create(username="jeanne", role=Role.CUSTOMER, first_name="Jeanne")
    user.set_unusable_password()
    user.save()
    CustomerFactory.create(user=user, email="jeanne@example.org", first_name="Jeanne")
    page.set_default_timeout(30_000)
    page.set_viewport_size(PHONE)

    # When she asks for a login link (in English) from the login page
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name="No password yet? Log in by email").click()
    page.get_by_label("Your email address").fill("jeanne@example.org")
    page.get_by_role("button", name="Send me a login link").click()
    expect(page.locator(".login-link-sent")).to_contain_text("If this address belongs")
    fits(page)

    # and follows the link from the email
    (message,) = mail.outbox
    link = next(line for line in message.body.splitlines() if "/login/link/" in line)
    page.goto(link)
    page.get_by_role("button", name="Log in to my cases").click()
    expect(page.get_by_role("heading", name="My cases")).to_be_visible()

    # and files a complaint
    page.get_by_role("button", name="File a complaint or a bill dispute").click()
    page.get_by_label("Complaint").check()
    page.get_by_label("About").select_option(label="Network")
    page.get_by_label("Subject").fill("No network since Monday")
    page.get_by_label("Your message", exact=True).fill("The antenna near my home seems down.")
    fits(page)
    page.get_by_role("button", name="File my case").click()

    # Then her case page shows the deadline we committed to
    case = Case.objects.get(customer__user=user)
    expect(
        page.get_by_role("heading", name=f"{case.reference} — No network since Monday")
    ).to_be_visible()
    assert case.due_at is not None
    due = timezone.localtime(case.due_at).strftime("%Y-%m-%dT%H:%M")
    deadline = page.locator(".my-case-deadline time")
    expect(deadline).to_be_visible()
    assert (deadline.get_attribute("datetime") or "").startswith(due)
    fits(page)

    # When she adds information
    page.get_by_label("Your message", exact=True).fill("It is the 06 11 22 33 44 line.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".timeline")).to_contain_text("It is the 06 11 22 33 44 line.")

    # and, once an agent answered, rates the answer
    case_answer(case=case, actor=agent, channel=Channel.WEB, body="The antenna is repaired.")
    page.reload()
    page.get_by_text("Rate this answer").click()
    page.get_by_label("4").check()
    page.get_by_label("Comment (optional)").fill("Quick, thanks.")
    fits(page)
    page.get_by_role("button", name="Send my rating").click()

    # Then the rating shows under the answer, with no form left to rate it again
    expect(page.locator(".rated")).to_contain_text("You rated this answer 4/5.")
    expect(page.get_by_role("button", name="Send my rating")).to_have_count(0)
    fits(page)
