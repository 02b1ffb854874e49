"""Chains for the mediation tests: a complaint, its appeal, answers, at frozen instants.

The appeal is built by hand (a Case of kind appeal following the complaint, as the
shared contract says): the appeals services are another module's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import time_machine

from pacte.cases.models import Case, Team
from pacte.cases.services import case_answer
from pacte.complaints.appeals import appeal_answer
from pacte.complaints.mediation import (
    mediator_recommendation_record,
    mediator_refer,
    recommendation_apply,
)
from pacte.core.models import User
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import open_case


def complaint_at(received_at: datetime, *, team: Team, **extra: Any) -> Case:
    extra.setdefault("channel", Channel.LETTER)
    with time_machine.travel(received_at, tick=False):
        return open_case(received_at=received_at, team=team, kind=CaseKind.COMPLAINT, **extra)


def appeal_at(complaint: Case, filed_at: datetime, *, team: Team) -> Case:
    with time_machine.travel(filed_at, tick=False):
        appeal = open_case(
            received_at=filed_at,
            team=team,
            kind=CaseKind.APPEAL,
            customer=complaint.customer,
            motive=complaint.motive,
            channel=Channel.LETTER,
        )
    Case.objects.filter(pk=appeal.pk).update(follows=complaint)
    appeal.refresh_from_db()
    return appeal


def answer_at(case: Case, at: datetime, *, actor: User) -> Case:
    with time_machine.travel(at, tick=False):
        if case.kind == CaseKind.APPEAL:  # an appeal's answer carries the mediator notice
            return appeal_answer(
                case=case, actor=actor, channel=Channel.LETTER, body="Our answer.", send=False
            )
        return case_answer(case=case, actor=actor, channel=Channel.LETTER, body="Our answer.")


def refer_at(case: Case, at: datetime, *, actor: User | None, body: str = "Referral.") -> Case:
    with time_machine.travel(at, tick=False):
        return mediator_refer(case=case, channel=Channel.LETTER, body=body, actor=actor)


def recommend_at(case: Case, at: datetime, *, actor: User, accepted: bool = True) -> None:
    with time_machine.travel(at, tick=False):
        mediator_recommendation_record(
            case=case, actor=actor, body="Refund the two months.", accepted=accepted
        )


def apply_at(case: Case, at: datetime, *, actor: User) -> None:
    with time_machine.travel(at, tick=False):
        recommendation_apply(case=case, actor=actor, body="Credit note issued.")
