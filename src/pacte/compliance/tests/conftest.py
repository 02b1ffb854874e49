"""Helpers for compliance tests: cases built through the real services at frozen instants."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import time_machine

from pacte.cases.models import Case, Clock
from pacte.cases.services import case_answer, case_commit_deadline
from pacte.commitments.models import Indicator, SchemeVersion, VersionStatus
from pacte.core.models import User
from pacte.core.vocabulary import Channel
from pacte.factories import open_case


def telecom_version() -> SchemeVersion:
    return SchemeVersion.objects.select_related("scheme").get(
        scheme__code="telecom-2004", status=VersionStatus.ACTIVE
    )


def indicator(code: str) -> Indicator:
    return Indicator.objects.select_related("commitment__version__scheme").get(
        code=code, commitment__version=telecom_version()
    )


def case_at(received_at: datetime, **extra: Any) -> Case:
    """Open a case as if it arrived at ``received_at``."""
    with time_machine.travel(received_at, tick=False):
        return open_case(received_at=received_at, **extra)


def answer_at(case: Case, at: datetime, *, actor: User) -> Case:
    with time_machine.travel(at, tick=False):
        return case_answer(
            case=case, actor=actor, channel=Channel.EMAIL, body="Here you go.", at=at
        )


def commit_at(case: Case, *, told_at: datetime, new_due_at: datetime, actor: User) -> Case:
    with time_machine.travel(told_at, tick=False):
        return case_commit_deadline(
            case=case, actor=actor, new_due_at=new_due_at, told_at=told_at, told_via=Channel.EMAIL
        )


def clock_of(case: Case, commitment_code: str) -> Clock:
    return Clock.objects.get(case=case, commitment__code=commitment_code)


@pytest.fixture
def version(db: None) -> SchemeVersion:
    return telecom_version()
