"""The customer's own case through the API, as on the portal: a message and a rating;
another's case is a 404, staff are refused (403), an answer is rated once (409)."""

from __future__ import annotations

import pytest

from pacte.api.tests.conftest import ClientFor
from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.cases.services import case_answer
from pacte.conftest import Cast
from pacte.core.vocabulary import Channel

pytestmark = pytest.mark.django_db


def messages_url(case: Case) -> str:
    return f"/api/cases/{case.pk}/messages/"


def ratings_url(case: Case) -> str:
    return f"/api/cases/{case.pk}/ratings/"


def answer_of(case: Case, cast: Cast) -> CaseEvent:
    case_answer(case=case, actor=cast.agent, channel=Channel.EMAIL, body="Done.")
    return CaseEvent.objects.get(case=case, kind=EventKind.ANSWERED)


def test_the_customer_adds_a_message(client_for: ClientFor, cast: Cast, case: Case) -> None:
    due_at = case.due_at
    response = client_for(cast.customer_user).post(
        messages_url(case), {"body": "My number: 0611223344"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["kind"] == "customer_message"
    assert response.json()["channel"] == "web"
    assert response.json()["actor"] == cast.customer_user.username
    case.refresh_from_db()
    assert case.due_at == due_at


@pytest.mark.parametrize("body", [{}, {"body": ""}, {"body": "   "}])
def test_an_empty_message_is_a_400(
    client_for: ClientFor, cast: Cast, case: Case, body: dict[str, str]
) -> None:
    response = client_for(cast.customer_user).post(messages_url(case), body, format="json")
    assert response.status_code == 400
    assert {"code", "detail"} <= set(response.json())


def test_the_customer_rates_an_answer_once(client_for: ClientFor, cast: Cast, case: Case) -> None:
    answer = answer_of(case, cast)
    client = client_for(cast.customer_user)
    body = {"answer_event": answer.pk, "score": 5, "comment": "Perfect"}
    first = client.post(ratings_url(case), body, format="json")
    assert first.status_code == 201
    assert first.json()["data"] == {"score": 5, "answer_event": answer.pk}
    assert first.json()["body"] == "Perfect"
    again = client.post(ratings_url(case), body, format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "already_rated"


@pytest.mark.parametrize("score", [0, 6, "x", None])
def test_a_bad_score_is_a_400(client_for: ClientFor, cast: Cast, case: Case, score: object) -> None:
    answer = answer_of(case, cast)
    response = client_for(cast.customer_user).post(
        ratings_url(case), {"answer_event": answer.pk, "score": score}, format="json"
    )
    assert response.status_code == 400


def test_rating_what_is_not_an_answer_is_a_404(
    client_for: ClientFor, cast: Cast, case: Case
) -> None:
    opened = CaseEvent.objects.get(case=case, kind=EventKind.OPENED)
    response = client_for(cast.customer_user).post(
        ratings_url(case), {"answer_event": opened.pk, "score": 3}, format="json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_customer_user", 404), ("agent", 403), ("auditor", 403), (None, 401)],
)
def test_only_the_customer_acts_on_their_case(
    client_for: ClientFor, cast: Cast, case: Case, who: str | None, status: int
) -> None:
    answer = answer_of(case, cast)
    client = client_for(cast.by_role_name(who) if who else None)
    assert client.post(messages_url(case), {"body": "Hi"}, format="json").status_code == status
    rating = {"answer_event": answer.pk, "score": 1}
    assert client.post(ratings_url(case), rating, format="json").status_code == status
    assert not CaseEvent.objects.filter(
        kind__in=[EventKind.CUSTOMER_MESSAGE, EventKind.RATED]
    ).exists()


def test_a_distributor_who_sees_the_case_may_not_act(
    client_for: ClientFor, cast: Cast, case: Case
) -> None:
    case.distributor = cast.distributor
    case.save()
    response = client_for(cast.distributor_user).post(
        messages_url(case), {"body": "Hi"}, format="json"
    )
    assert response.status_code == 403
