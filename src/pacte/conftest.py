"""Fixtures shared by every app's tests: a frozen clock and one user per role."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from pacte.cases.models import Team
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.customers.models import Customer, Distributor
from pacte.factories import CustomerFactory, DistributorFactory, TeamFactory, UserFactory

PARIS = ZoneInfo("Europe/Paris")
# A Tuesday morning, not near any holiday: the default "now" of the suite.
FROZEN_NOW = datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)


def paris(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    microsecond: int = 0,
) -> datetime:
    """An aware instant in Paris time, for tests."""
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=PARIS)


# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses
# to run there unless told the thread is not async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def require_all() -> bool:
    """Under PACTE_REQUIRE_ALL=1 (CI) a missing service fails the test instead of skipping it."""
    return os.environ.get("PACTE_REQUIRE_ALL", "") == "1"


def skip_or_fail(reason: str) -> None:
    if require_all():
        pytest.fail(f"{reason} (PACTE_REQUIRE_ALL=1)")
    pytest.skip(reason)


@pytest.fixture(autouse=True, scope="session")
def _static_root_exists() -> None:
    """WhiteNoise warns (an error here) when the collected-static folder is missing."""
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def frozen_now() -> Iterator[datetime]:
    with time_machine.travel(FROZEN_NOW, tick=False):
        yield FROZEN_NOW


@dataclass
class Cast:
    """One user per role, and the teams and customers they relate to."""

    front: Team
    back: Team
    agent: User
    other_agent: User
    supervisor: User
    quality_manager: User
    auditor: User
    administrator: User
    customer_user: User
    customer: Customer
    other_customer_user: User
    other_customer: Customer
    distributor_user: User
    distributor: Distributor

    def by_role_name(self, name: str) -> User:
        user: User = getattr(self, name)
        return user


@pytest.fixture
def cast(db: None) -> Cast:
    front = TeamFactory.create(code="front", name="Front office")
    back = TeamFactory.create(code="back", name="Back office")
    agent = UserFactory.create(username="agent", role=Role.AGENT)
    other_agent = UserFactory.create(username="other-agent", role=Role.AGENT)
    front.members.add(agent)
    back.members.add(other_agent)
    customer_user = UserFactory.create(username="customer", role=Role.CUSTOMER)
    other_customer_user = UserFactory.create(username="other-customer", role=Role.CUSTOMER)
    distributor_user = UserFactory.create(username="distributor", role=Role.DISTRIBUTOR)
    distributor = DistributorFactory.create()
    distributor.users.add(distributor_user)
    return Cast(
        front=front,
        back=back,
        agent=agent,
        other_agent=other_agent,
        supervisor=UserFactory.create(username="supervisor", role=Role.SUPERVISOR),
        quality_manager=UserFactory.create(username="quality", role=Role.QUALITY_MANAGER),
        auditor=UserFactory.create(username="auditor", role=Role.AUDITOR),
        administrator=UserFactory.create(username="admin", role=Role.ADMINISTRATOR, is_staff=True),
        customer_user=customer_user,
        customer=CustomerFactory.create(user=customer_user),
        other_customer_user=other_customer_user,
        other_customer=CustomerFactory.create(user=other_customer_user),
        distributor_user=distributor_user,
        distributor=distributor,
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test that takes pytest-playwright's ``page`` is a browser test: marked so, and
    with a live server (the database is ordered for it). A plain test naming a parameter
    ``page`` would silently become one and run among the live-server tests."""
    strays = [
        item.nodeid
        for item in items
        if "page" in getattr(item, "fixturenames", ())
        and item.get_closest_marker("browser") is None
    ]
    if strays:
        raise pytest.UsageError(
            "takes the browser fixture `page` without @pytest.mark.browser: " + ", ".join(strays)
        )
