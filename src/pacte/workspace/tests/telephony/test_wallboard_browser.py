"""The live wallboard in a real headless Chromium: a new caller appears without a reload.

A supervisor opens the telephone measures, follows the link to the wallboard and sees
one caller waiting in ``support``. A second caller is recorded in the database; after
the panel's 5-second poll the board shows two, and the page was not reloaded.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from pacte.core import clock
from pacte.core.roles import Role
from pacte.factories import PASSWORD, UserFactory
from pacte.telephony.models import Call, CallQueue, CallSource, QueueVisit, VisitOutcome


def caller_waiting(queue: CallQueue, callid: str, waited: timedelta) -> QueueVisit:
    """A caller who entered ``queue`` ``waited`` ago and is still waiting."""
    entered_at = clock.now() - waited
    call = Call.objects.create(callid=callid, source=CallSource.API, started_at=entered_at)
    return QueueVisit.objects.create(
        call=call,
        queue=queue,
        source=CallSource.API,
        entered_at=entered_at,
        outcome=VisitOutcome.WAITING,
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_wallboard_shows_a_new_caller_after_its_poll(live_server: Any, page: Page) -> None:
    # Given a supervisor, the support queue with 2 agents and one caller waiting
    UserFactory.create(username="board-supervisor", role=Role.SUPERVISOR)
    support = CallQueue.objects.create(name="support", label="Support", agents_logged_in=2)
    caller_waiting(support, "first", timedelta(seconds=2))
    page.set_default_timeout(30_000)  # a loaded 2-core CI machine

    # When the supervisor logs in (in English) and opens the wallboard from Telephony
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="English").click()
    page.get_by_label("User name").fill("board-supervisor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator("nav summary", has_text="Channels").click()  # the nav's channel menu
    page.get_by_role("link", name="Telephony").click()
    page.get_by_role("button", name="Live wallboard").click()

    # Then the board shows the queue: one caller waiting, two agents logged in
    board = page.locator('article[data-queue="support"]')
    expect(board.locator(".waiting .figure")).to_have_text("1")
    expect(board.locator(".agents .figure")).to_have_text("2")
    expect(board.locator(".offered .figure")).to_have_text("1")
    page.evaluate("window.notReloaded = true")

    # When a second caller enters the queue
    caller_waiting(support, "second", timedelta(seconds=1))

    # Then after the next poll the board counts two, without a page reload
    expect(board.locator(".waiting .figure")).to_have_text("2", timeout=12_000)
    expect(board.locator(".offered .figure")).to_have_text("2")
    assert page.evaluate("window.notReloaded === true")
