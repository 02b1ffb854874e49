"""The compliance dashboard, its drill-down, closing a month and the public page, in a
real headless Chromium.

A supervisor reads last month's T3.1-a figure, opens the items behind it and follows a
failed case to its event trail; the quality manager closes the month from the dashboard
(the worker runs the job; the page polls it) and sees the seal; an anonymous visitor
reads the sealed figure on the public page.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from playwright.sync_api import Page, expect

from pacte.cases.models import Case
from pacte.cases.services import case_answer
from pacte.compliance.models import MonthClosing
from pacte.core import clock
from pacte.core.roles import Role
from pacte.core.vocabulary import Channel
from pacte.factories import PASSWORD, TeamFactory, UserFactory, open_case


def last_month_monday(now: datetime) -> datetime:
    """09:00 on the first Monday of the month before ``now`` (Paris): the receipt day."""
    local = timezone.localtime(now)
    first = (local.replace(day=1) - timedelta(days=1)).replace(day=1, hour=9, minute=0)
    first = first.replace(second=0, microsecond=0)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def answered(received: datetime, answered_at: datetime, team: Any, agent: Any) -> Case:
    with time_machine.travel(received, tick=False):
        case = open_case(received_at=received, team=team, subject="Change my plan")
    with time_machine.travel(answered_at, tick=False):
        return case_answer(
            case=case, actor=agent, channel=Channel.EMAIL, body="Done.", at=answered_at
        )


def run_worker() -> None:
    """Run the queued jobs, as ``manage.py db_worker`` does.

    On SQLite the live server shares the in-memory test database with this thread, and
    SQLite refuses a second writer at once ("database table is locked") instead of
    waiting; the page polls every 2 seconds, so try again a few times.
    """
    for _ in range(9):
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        except OperationalError:
            time.sleep(0.3)
        else:
            return
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def log_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_dashboard_drill_down_closing_and_public_page(live_server: Any, page: Page) -> None:
    # Given last month: three email requests answered the next day, one ten days late
    team = TeamFactory.create(code="front", name="Front office")
    agent = UserFactory.create(username="b-agent", role=Role.AGENT)
    team.members.add(agent)
    UserFactory.create(username="b-supervisor", role=Role.SUPERVISOR)
    UserFactory.create(username="b-quality", role=Role.QUALITY_MANAGER)
    received = last_month_monday(clock.now())
    for _ in range(3):
        answered(received, received + timedelta(days=1, hours=6), team, agent)
    late = answered(received, received + timedelta(days=10), team, agent)
    label = f"{received.year:04d}-{received.month:02d}"
    page.set_default_timeout(30_000)  # a loaded 2-core CI machine

    # When the supervisor logs in (in English) and opens the compliance dashboard
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="English").click()
    log_in(page, live_server.url, "b-supervisor")
    page.get_by_role("link", name="Compliance").click()

    # Then last month's T3.1-a figure is 3 out of 4
    expect(page.locator("p.scheme-version")).to_contain_text(label)
    row = page.locator('tr[data-indicator="T3.1-a"]')
    expect(row.locator("td.numerator")).to_have_text("3")
    expect(row.locator("td.denominator")).to_have_text("4")
    expect(row.locator("td.rate")).to_contain_text("75.00 %")
    expect(page.locator("#closing-panel")).to_contain_text("Open: this month has not been closed.")

    # When they open the indicator: the four items, the late one failed with its reason
    row.get_by_role("link", name="T3.1-a").click()
    expect(page.locator("table.drill tbody tr")).to_have_count(4)
    failed = page.locator("table.drill tbody tr.verdict-fail")
    expect(failed).to_have_count(1)
    expect(failed.locator("td.reason")).to_have_text("Answered after the deadline in force.")
    expect(page.locator("table.drill tbody tr.verdict-pass")).to_have_count(3)

    # And follow the failed case to its page: its event trail shows the answer
    failed.get_by_role("link", name=late.reference).click()
    expect(page.locator(".timeline li.event-answered")).to_have_count(1)
    page.get_by_role("button", name="Log out").click()

    # When the quality manager closes the month from the dashboard, with a confirmation
    log_in(page, live_server.url, "b-quality")
    page.get_by_role("link", name="Compliance").click()
    page.get_by_role("button", name="Close the month").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Close {label}")
    page.get_by_role("button", name="Confirm: close and seal").click()
    expect(page.locator("#closing-task")).to_contain_text("waiting for the worker")
    assert not MonthClosing.objects.exists()
    run_worker()

    # Then the page, polling the job, reloads with the seal
    closing = MonthClosing.objects.get()
    # (the reload recomputes every indicator: slow on a loaded CI machine)
    sealed = page.locator("#closing-panel .seal code").first
    expect(sealed).to_have_text(closing.seal, timeout=30_000)
    expect(page.locator(".message")).to_contain_text("Month closed and sealed.")

    # When an anonymous visitor opens the public page (French by default)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/public/results/")

    # Then the closed month's sealed figure and the short seal are there
    expect(page.locator(f'th[data-month="{label}"]')).to_be_visible()
    public_row = page.locator('tr[data-indicator="T3.1-a"]')
    expect(public_row).to_contain_text("75,00 %")
    expect(page.locator("tfoot td.seal code")).to_have_text(closing.seal[:12])
