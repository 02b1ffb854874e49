"""Fixtures for the API tests: a client per role, a case in team "front", a valid body."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from pacte.cases.models import Case
from pacte.conftest import Cast
from pacte.core.models import User
from pacte.factories import MotiveFactory, open_case

# Every role of the suite's cast, by attribute name, plus anonymous (None).
ROLES = (
    "customer_user",
    "other_customer_user",
    "agent",
    "other_agent",
    "supervisor",
    "quality_manager",
    "auditor",
    "administrator",
    "distributor_user",
)
ClientFor = Callable[[User | None], APIClient]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Whitenoise warns when collectstatic has not run (a fresh checkout); the API serves
    # no static files. Same filter as workspace/tests/test_browser.py.
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.filterwarnings("ignore:No directory at:UserWarning"))


@pytest.fixture
def client_for() -> ClientFor:
    def make(user: User | None) -> APIClient:
        client = APIClient(headers={"Accept-Language": "en"})
        if user is not None:
            client.force_authenticate(user=user)
        return client

    return make


@pytest.fixture
def case(cast: Cast, frozen_now: datetime) -> Case:
    """A case of ``cast.customer`` in team front, received an hour ago by email."""
    return open_case(
        received_at=frozen_now - timedelta(hours=1), team=cast.front, customer=cast.customer
    )


@pytest.fixture
def body(cast: Cast, frozen_now: datetime) -> dict[str, Any]:
    """A valid staff body for POST /api/cases/."""
    MotiveFactory.create(code="offer-change")
    return {
        "channel": "email",
        "kind": "request",
        "motive": "offer-change",
        "subject": "Change my plan",
        "description": "I would like the 100 GB plan.",
        "team": "front",
        "customer_reference": cast.customer.reference,
    }


def user_or_none(cast: Cast, role: str | None) -> User | None:
    return None if role is None else cast.by_role_name(role)
