"""Fixtures of the bill-dispute tests: a bill motive, routes, a dispute."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from pytest_django import Settings

from pacte.cases.bills import BillDetails
from pacte.cases.models import Case, Motive
from pacte.conftest import Cast
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import MotiveFactory, open_case


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
