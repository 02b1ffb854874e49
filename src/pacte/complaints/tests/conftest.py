"""The complaints app's fixtures: the chain (a site with an appeals team and its agent,
and a complaint) and the bill disputes (a bill motive, a dispute)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from pytest_django import Settings

from pacte.cases.bills import BillDetails
from pacte.cases.models import Case, Motive, Team
from pacte.conftest import Cast, paris
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import MotiveFactory, TeamFactory, UserFactory, open_case


@dataclass
class Chain:
    appeals: Team
    appeals_agent: User
    complaint: Case


@pytest.fixture
def chain(cast: Cast) -> Chain:
    appeals = TeamFactory.create(code="appeals", name="Appeals", handles_appeals=True)
    appeals_agent = UserFactory.create(username="appeals-agent", role=Role.AGENT)
    appeals.members.add(appeals_agent)
    complaint = open_case(
        received_at=paris(2026, 1, 31, 10, 0),
        kind=CaseKind.COMPLAINT,
        team=cast.front,
        customer=cast.customer,
    )
    return Chain(appeals=appeals, appeals_agent=appeals_agent, complaint=complaint)


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def bill(db: None) -> Motive:
    return MotiveFactory.create(code="bill", label_fr="Facture", label_en="Bill", billing=True)


@pytest.fixture
def dispute(cast: Cast, bill: Motive, frozen_now: datetime) -> Case:
    """A bill dispute filed by email with its invoice and amount, on the front team."""
    return open_case(
        received_at=frozen_now,
        team=cast.front,
        customer=cast.customer,
        channel=Channel.EMAIL,
        kind=CaseKind.BILL_DISPUTE,
        motive=bill,
        bill=BillDetails.parse(invoice="F-2026-02-118", amount="42,50"),
    )
