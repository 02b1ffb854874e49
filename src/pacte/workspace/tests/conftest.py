"""Cases the workspace tests look at, opened through the real service at the frozen now.

The suite's "now" is Tuesday 10 March 2026, 10:00 in Paris. An email request gets 2
business days, a phone request is due the same day, an operation has no clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django.test import Client
from playwright.sync_api import Playwright, sync_playwright
from pytest_django import Settings

from pacte.cases.models import Case, CaseEvent
from pacte.conftest import PARIS, Cast, skip_or_fail
from pacte.core.models import User
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import open_case

ROLES = (
    "agent",
    "other_agent",
    "supervisor",
    "quality_manager",
    "auditor",
    "administrator",
    "customer_user",
    "other_customer_user",
    "distributor_user",
)
NON_STAFF = ("customer_user", "other_customer_user", "distributor_user")
WRITERS = ("agent", "supervisor", "administrator")
READERS = ("quality_manager", "auditor")


@pytest.fixture(autouse=True)
def _static_root_not_collected(settings: Settings) -> None:
    """WhiteNoise warns (an error here) when ``collectstatic`` has not run; tests need not."""
    settings.WHITENOISE_AUTOREFRESH = True


@dataclass
class Cases:
    """Open cases of the front team (the agent's) and one of the back team."""

    front: Case  # the customer's email request, received Monday: due Wednesday
    back: Case  # the other customer's letter, in the back team


@pytest.fixture
def cases(cast: Cast, frozen_now: datetime) -> Cases:
    front = open_case(
        received_at=datetime(2026, 3, 9, 9, tzinfo=PARIS),
        team=cast.front,
        customer=cast.customer,
        distributor=cast.distributor,
        subject="Cannot change my plan",
    )
    back = open_case(
        received_at=datetime(2026, 3, 9, 8, tzinfo=PARIS),
        team=cast.back,
        customer=cast.other_customer,
        channel=Channel.LETTER,
        subject="Letter about my contract",
    )
    return Cases(front=front, back=back)


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def client_for(client: Client, cast: Cast, role: str | None) -> Client:
    """The test client logged in as ``role`` (None: anonymous)."""
    if role is not None:
        client.force_login(cast.by_role_name(role))
    return client


def event_count(case: Case) -> int:
    return CaseEvent.objects.filter(case=case).count()


def open_operation(cast: Cast, **extra: object) -> Case:
    """An operation case: no commitment clock, so no deadline."""
    return open_case(
        received_at=datetime(2026, 3, 10, 9, tzinfo=PARIS),
        team=cast.front,
        kind=CaseKind.OPERATION,
        **extra,  # type: ignore[arg-type]
    )


# Headless Chromium for the browser tests (pytest-playwright), shared by every file:
# only one sync Playwright driver may run in a thread.
CHROMIUM = Path("/usr/bin/chromium")
SERIALIZED = "_test_serialized_contents"  # where Django's test runner keeps them


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    if not CHROMIUM.exists():
        skip_or_fail("chromium not installed")
    return {
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def playwright(django_db_setup: None) -> Iterator[Playwright]:
    """pytest-playwright's fixture, keeping the test database's serialized contents.

    The sync API leaves an event loop running in this thread, after which Django
    hands this thread new connection objects: without the serialized contents on
    them, ``serialized_rollback`` would neither restore the data migrations' rows
    for the tests after this one nor spare them a flush that re-creates the content
    types. Carry the contents over.
    """
    saved = {
        conn.alias: getattr(conn, SERIALIZED)
        for conn in connections.all()
        if hasattr(conn, SERIALIZED)
    }
    driver = sync_playwright().start()
    for alias, contents in saved.items():
        setattr(connections[alias], SERIALIZED, contents)
    yield driver
    driver.stop()


@pytest.fixture(scope="session")
def base_url() -> str | None:
    """Shadow pytest-playwright's fallback ``base_url`` (a method fixture pytest 9 deprecates)."""
    return None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}
