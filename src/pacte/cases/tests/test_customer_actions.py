"""A customer's own acts on their case: adding information (a follow-up that restarts
no clock) and rating each answer once; nothing on another customer's case."""

from __future__ import annotations

from datetime import datetime

import pytest

from pacte.cases.customer_actions import (
    AlreadyRatedError,
    case_customer_follow_up,
    case_rate_answer,
)
from pacte.cases.customer_selectors import answer_ratings
from pacte.cases.errors import CaseError, CustomerActionError
from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind
from pacte.cases.services import case_answer, case_close
from pacte.conftest import PARIS, Cast
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.vocabulary import Channel
from pacte.factories import open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(cast: Cast, frozen_now: datetime) -> Case:
    return open_case(
        received_at=datetime(2026, 3, 9, 9, tzinfo=PARIS), team=cast.front, customer=cast.customer
    )


def _answer(case: Case, cast: Cast, body: str = "Done.") -> CaseEvent:
    case_answer(case=case, actor=cast.agent, channel=Channel.EMAIL, body=body)
    return CaseEvent.objects.filter(case=case, kind=EventKind.ANSWERED).latest("pk")


def test_a_follow_up_is_the_customers_message_and_restarts_no_clock(cast: Cast, case: Case) -> None:
    due_at, status = case.due_at, case.status
    event = case_customer_follow_up(case=case, actor=cast.customer_user, body="  My number.  ")
    case.refresh_from_db()
    assert (event.kind, event.actor, event.channel) == (
        EventKind.CUSTOMER_MESSAGE,
        cast.customer_user,
        Channel.WEB,
    )
    assert event.body == "My number."
    assert (case.due_at, case.status) == (due_at, status)
    assert due_at is not None


@pytest.mark.parametrize("state", ["answered", "closed"])
def test_a_follow_up_on_an_answered_or_closed_case_keeps_its_state(
    cast: Cast, case: Case, state: str
) -> None:
    _answer(case, cast)
    if state == "closed":
        case_close(case=case, actor=cast.agent)
    case.refresh_from_db()
    before = (case.status, case.due_at, list(case.clocks.values_list("state", "met_at")))
    case_customer_follow_up(case=case, actor=cast.customer_user, body="Still broken.")
    case.refresh_from_db()
    assert (case.status, case.due_at, list(case.clocks.values_list("state", "met_at"))) == before
    assert case.status == (CaseStatus.CLOSED if state == "closed" else CaseStatus.ANSWERED)


@pytest.mark.parametrize("who", ["other_customer_user", "distributor_user", "agent"])
def test_nobody_else_adds_to_the_customers_case(cast: Cast, case: Case, who: str) -> None:
    with pytest.raises(NotFoundError) as refused:
        case_customer_follow_up(case=case, actor=cast.by_role_name(who), body="Hello")
    assert refused.value.code == CaseError.NOT_FOUND
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.CUSTOMER_MESSAGE).exists()


def test_an_empty_message_is_refused(cast: Cast, case: Case) -> None:
    with pytest.raises(PacteError) as refused:
        case_customer_follow_up(case=case, actor=cast.customer_user, body=" \n ")
    assert refused.value.code == CaseError.EMPTY_ANSWER


def test_an_answer_is_rated_once(cast: Cast, case: Case) -> None:
    answer = _answer(case, cast)
    rated = case_rate_answer(
        case=case, actor=cast.customer_user, answer_event_id=answer.pk, score=4, comment=" Fast "
    )
    assert rated.kind == EventKind.RATED
    assert rated.data == {"score": 4, "answer_event": answer.pk}
    assert rated.body == "Fast"
    assert answer_ratings(case=case) == {answer.pk: rated}

    with pytest.raises(AlreadyRatedError) as twice:
        case_rate_answer(case=case, actor=cast.customer_user, answer_event_id=answer.pk, score=1)
    assert twice.value.code == CustomerActionError.ALREADY_RATED
    assert twice.value.status_code == 409
    assert CaseEvent.objects.filter(case=case, kind=EventKind.RATED).count() == 1


def test_each_answer_has_its_own_rating(cast: Cast, case: Case) -> None:
    first = _answer(case, cast, "First.")
    case_customer_follow_up(case=case, actor=cast.customer_user, body="Not solved.")
    second = _answer(case, cast, "Second.")  # the case is answered: an agent answers again
    case_rate_answer(case=case, actor=cast.customer_user, answer_event_id=first.pk, score=2)
    case_rate_answer(case=case, actor=cast.customer_user, answer_event_id=second.pk, score=5)
    assert {pk: e.data["score"] for pk, e in answer_ratings(case=case).items()} == {
        first.pk: 2,
        second.pk: 5,
    }


@pytest.mark.parametrize("score", [0, 6, -1, True])
def test_a_score_is_from_1_to_5(cast: Cast, case: Case, score: int) -> None:
    answer = _answer(case, cast)
    with pytest.raises(PacteError) as refused:
        case_rate_answer(
            case=case, actor=cast.customer_user, answer_event_id=answer.pk, score=score
        )
    assert refused.value.code == CustomerActionError.BAD_SCORE


def test_only_an_answer_of_this_case_is_rated(cast: Cast, case: Case) -> None:
    other = open_case(
        received_at=datetime(2026, 3, 9, 9, tzinfo=PARIS),
        team=cast.front,
        customer=cast.customer,
    )
    elsewhere = _answer(other, cast)
    opened = CaseEvent.objects.get(case=case, kind=EventKind.OPENED)
    for event_id in (elsewhere.pk, opened.pk, 999999):
        with pytest.raises(NotFoundError) as refused:
            case_rate_answer(case=case, actor=cast.customer_user, answer_event_id=event_id, score=3)
        assert refused.value.code == CustomerActionError.NOT_AN_ANSWER


def test_another_customer_cannot_rate(cast: Cast, case: Case) -> None:
    answer = _answer(case, cast)
    with pytest.raises(NotFoundError):
        case_rate_answer(
            case=case, actor=cast.other_customer_user, answer_event_id=answer.pk, score=5
        )
    assert not CaseEvent.objects.filter(kind=EventKind.RATED).exists()
