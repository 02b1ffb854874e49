"""A March 2026 to sample from, files written to a temporary media folder.

March: email requests received Monday 9 March 09:00 in Paris are due Wednesday 11
March; answered on the 10th they pass, on the 13th they fail, never answered they fail
once due. Packs are built on 15 April 2026, so March has ended.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from django.utils import translation
from pytest_django import Settings

from pacte.cases.models import Case
from pacte.compliance.tests.conftest import answer_at, case_at
from pacte.conftest import Cast, paris

RECEIVED = paris(2026, 3, 9, 9)
IN_TIME = paris(2026, 3, 10, 15)
LATE = paris(2026, 3, 13, 15)
APRIL = paris(2026, 4, 15, 12)


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    """Pack files go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WHITENOISE_AUTOREFRESH = True
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def april() -> Iterator[datetime]:
    with time_machine.travel(APRIL, tick=False), translation.override("en"):
        yield APRIL


@dataclass
class March:
    passed: list[Case]
    late: list[Case]
    unanswered: list[Case]

    @property
    def cases(self) -> list[Case]:
        return self.passed + self.late + self.unanswered


def build_march(cast: Cast, *, passed: int = 4, late: int = 3, unanswered: int = 2) -> March:
    """Email requests of 9 March: answered in time, answered late, never answered."""
    return March(
        passed=[
            answer_at(case_at(RECEIVED, team=cast.front), IN_TIME, actor=cast.agent)
            for _ in range(passed)
        ],
        late=[
            answer_at(case_at(RECEIVED, team=cast.front), LATE, actor=cast.agent)
            for _ in range(late)
        ],
        unanswered=[case_at(RECEIVED, team=cast.back) for _ in range(unanswered)],
    )


@pytest.fixture
def march(cast: Cast) -> March:
    return build_march(cast)
