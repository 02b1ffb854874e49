"""The chain's fixtures: a site with an appeals team and its agent, and a complaint."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pacte.cases.models import Case, Team
from pacte.conftest import Cast, paris
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind
from pacte.factories import TeamFactory, UserFactory, open_case


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
