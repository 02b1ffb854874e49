"""Window pages: rows by key in queue order, a next page known without a full count."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pacte.cases.selectors import case_queue
from pacte.conftest import PARIS, Cast
from pacte.factories import open_case
from pacte.workspace.common import paging
from pacte.workspace.common.paging import page_number, window_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("raw", "number"), [(None, 1), ("", 1), ("3", 3), ("0", 1), ("x", 1)])
def test_page_number_is_a_positive_integer(raw: str | None, number: int) -> None:
    assert page_number(raw) == number


def test_window_pages_follow_the_queue_and_cap_the_count(
    cast: Cast, frozen_now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given five cases received a day apart (so due a day apart)
    start = datetime(2026, 3, 2, 9, tzinfo=PARIS)
    cases = [open_case(received_at=start + timedelta(days=i), team=cast.front) for i in range(5)]
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    queue = case_queue(user=cast.supervisor)
    # when read two at a time
    first = window_page(queue, number=1, size=2)
    last = window_page(queue, number=3, size=2)
    # then each page keeps the queue's order and knows whether more follow
    assert first.object_list == cases[:2]
    assert (first.has_next, first.has_previous) == (True, False)
    assert last.object_list == cases[4:]
    assert (last.has_next, last.previous_page_number) == (False, 2)
    assert (first.count, first.count_is_capped) == (3, True)


def test_window_page_past_the_end_is_empty(cast: Cast, frozen_now: datetime) -> None:
    open_case(received_at=datetime(2026, 3, 2, 9, tzinfo=PARIS), team=cast.front)
    page = window_page(case_queue(user=cast.supervisor), number=9, size=2)
    assert page.object_list == []
    assert (page.count, page.count_is_capped, page.has_other_pages) == (1, False, True)
