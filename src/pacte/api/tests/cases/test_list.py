"""GET /api/cases/: visible cases, filters, ordering, cursor pages, a fixed query count."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from pytest_django import DjangoAssertNumQueries

from pacte.api.cases.inputs import ORDERINGS
from pacte.api.common.pagination import Cursor
from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.cases.models import Case
from pacte.cases.services import case_answer, case_assign, case_close
from pacte.conftest import Cast
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import open_case

URL = "/api/cases/"


@pytest.fixture
def two_cases(cast: Cast, case: Case, frozen_now: datetime) -> tuple[Case, Case]:
    """The customer's case in front and the other customer's letter in back."""
    back = open_case(
        received_at=frozen_now - timedelta(days=1),
        team=cast.back,
        customer=cast.other_customer,
        channel=Channel.LETTER,
        kind=CaseKind.COMPLAINT,
    )
    return case, back


def ids(response: Any) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("role", [*ROLES, None])
def test_list_shows_what_the_role_may_see(
    role: str | None, cast: Cast, client_for: ClientFor, two_cases: tuple[Case, Case]
) -> None:
    front, back = two_cases
    expected = {
        "customer_user": {front.pk},
        "other_customer_user": {back.pk},
        "agent": {front.pk},
        "other_agent": {back.pk},
        "distributor_user": set(),
    }

    response = client_for(user_or_none(cast, role)).get(URL)

    if role is None:
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert set(ids(response)) == expected.get(role, {front.pk, back.pk})


@pytest.mark.parametrize(
    ("query", "which"),
    [
        ("channel=letter", "back"),
        ("kind=request", "front"),
        ("team=back", "back"),
        ("customer={front_customer}", "front"),
        ("status=closed", "back"),
        ("status=new", "front"),
        ("assignee=other-agent", "back"),
        ("received_after=2026-03-10T00:00:00%2B01:00", "front"),
        ("received_before=2026-03-10T00:00:00Z", "back"),
    ],
)
def test_filters(
    query: str, which: str, cast: Cast, client_for: ClientFor, two_cases: tuple[Case, Case]
) -> None:
    front, back = two_cases
    case_assign(case=back, assignee=cast.other_agent, actor=cast.supervisor)
    case_close(case=back, actor=cast.supervisor)
    expected = {"front": [front.pk], "back": [back.pk], "none": []}[which]

    response = client_for(cast.supervisor).get(
        f"{URL}?{query.format(front_customer=cast.customer.reference)}"
    )

    assert response.status_code == 200
    assert ids(response) == expected


@pytest.mark.parametrize("bound", ["due_before", "due_after"])
def test_due_filters_compare_with_the_deadline_in_force(
    bound: str, cast: Cast, client_for: ClientFor, two_cases: tuple[Case, Case]
) -> None:
    cases = [Case.objects.get(pk=case.pk) for case in two_cases]
    client = client_for(cast.supervisor)
    for threshold in {case.due_at for case in cases if case.due_at is not None}:
        expected = {
            case.pk
            for case in cases
            if case.due_at is not None
            and (case.due_at < threshold if bound == "due_before" else case.due_at >= threshold)
        }

        response = client.get(URL, {bound: threshold.isoformat()})

        assert set(ids(response)) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("due_before=2026-03-10T09:00:00", "due_before"),
        ("status=pending", "status"),
        ("ordering=subject", "ordering"),
        ("page_size=0", "page_size"),
        ("page_size=201", "page_size"),
    ],
)
def test_bad_query_is_a_400(query: str, field: str, cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.agent).get(f"{URL}?{query}")

    assert response.status_code == 400
    assert list(response.json()["field_errors"]) == [field]


def test_bad_cursor_is_a_400(cast: Cast, client_for: ClientFor) -> None:
    other_ordering = Cursor(ordering="due_at", value=None, pk=1).encode()
    client = client_for(cast.agent)

    garbage = client.get(f"{URL}?cursor=not-a-cursor")
    mismatch = client.get(f"{URL}?ordering=received_at&cursor={other_ordering}")

    assert (garbage.status_code, mismatch.status_code) == (400, 400)
    assert garbage.json()["code"] == mismatch.json()["code"] == "cursor_invalid"


@pytest.fixture
def many_cases(cast: Cast, frozen_now: datetime) -> list[Case]:
    """Eleven front cases: ties on received_at and due_at, and some without a deadline."""
    cases = []
    for index in range(11):
        case = open_case(
            received_at=frozen_now - timedelta(hours=index % 3),
            team=cast.front,
            customer=cast.customer,
            channel=(Channel.EMAIL, Channel.LETTER, Channel.PHONE)[index % 3],
        )
        if index % 4 == 0:
            case_answer(case=case, actor=cast.agent, channel=Channel.EMAIL, body="Done.")
        cases.append(case)
    return [Case.objects.get(pk=case.pk) for case in cases]


def expected_order(cases: list[Case], ordering: str) -> list[int]:
    field = ordering.lstrip("-")
    sign = -1 if ordering.startswith("-") else 1

    def key(case: Case) -> tuple[bool, float, int]:
        value = getattr(case, field)
        return (value is None, sign * value.timestamp() if value else 0.0, sign * case.pk)

    return [case.pk for case in sorted(cases, key=key)]


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_cursor_pages_walk_every_case_once_in_order(
    ordering: str, cast: Cast, client_for: ClientFor, many_cases: list[Case]
) -> None:
    client = client_for(cast.agent)
    seen: list[int] = []
    url: str | None = f"{URL}?ordering={ordering}&page_size=3"
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen += ids(response)
        url = response.json()["next"]
        pages += 1

    assert seen == expected_order(many_cases, ordering)
    assert pages == 4


def test_default_order_is_latest_received_first(
    cast: Cast, client_for: ClientFor, many_cases: list[Case]
) -> None:
    response = client_for(cast.agent).get(URL)

    assert ids(response) == expected_order(many_cases, "-received_at")
    assert response.json()["next"] is None


@pytest.mark.parametrize("page_size", [2, 50])
@pytest.mark.parametrize("role", ["agent", "supervisor", "customer_user"])
def test_list_query_count_does_not_grow_with_the_page(
    page_size: int,
    role: str,
    cast: Cast,
    client_for: ClientFor,
    many_cases: list[Case],
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    for case in many_cases[:3]:
        case_assign(case=case, assignee=cast.agent, actor=cast.supervisor)
    client = client_for(cast.by_role_name(role))
    with django_assert_max_num_queries(1):
        response = client.get(f"{URL}?page_size={page_size}&ordering=due_at")

    assert len(ids(response)) == min(page_size, len(many_cases))
