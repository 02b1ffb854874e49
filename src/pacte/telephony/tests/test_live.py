"""The live queue state and the estimated wait, against figures computed by hand."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from pytest_django import DjangoAssertNumQueries

from pacte.telephony.call_events import call_event_record
from pacte.telephony.estimates import wait_estimate_give
from pacte.telephony.live import (
    DEFAULT_HANDLE_SECONDS,
    live_queue,
    running_average,
    visit_position,
    waiting_visit,
)
from pacte.telephony.models import Call, CallQueue, CallSource, QueueVisit, VisitOutcome
from pacte.telephony.waiting import WaitSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(frozen_now: datetime) -> CallQueue:
    return CallQueue.objects.create(name="support", agents_logged_in=3)


def visit(
    queue: CallQueue,
    *,
    entered: datetime,
    outcome: VisitOutcome = VisitOutcome.WAITING,
    waited: int | None = None,
    talk: int | None = None,
) -> QueueVisit:
    """A visit entered at ``entered``; answered after ``waited`` s, ended after ``talk`` s."""
    call = Call.objects.create(
        callid=f"c{Call.objects.count() + 1}", source=CallSource.API, started_at=entered
    )
    answered = entered + timedelta(seconds=waited) if waited is not None else None
    ended = answered + timedelta(seconds=talk) if answered and talk is not None else None
    return QueueVisit.objects.create(
        call=call,
        queue=queue,
        source=CallSource.API,
        entered_at=entered,
        outcome=outcome,
        answered_at=answered,
        wait_seconds=waited,
        ended_at=ended,
        talk_seconds=talk,
    )


def answered_visits(
    queue: CallQueue, waits: list[int], *, last_answer: datetime, talk: int = 200
) -> None:
    """Visits answered one minute apart, the last at ``last_answer``, with these waits."""
    for index, waited in enumerate(waits):
        answer = last_answer - timedelta(minutes=len(waits) - 1 - index)
        visit(
            queue,
            entered=answer - timedelta(seconds=waited),
            outcome=VisitOutcome.ANSWERED,
            waited=waited,
            talk=talk,
        )


def hand_average(waits: list[int]) -> int:
    """Asterisk's (3·old + new) / 4 in integer arithmetic, written out."""
    hold = 0
    for waited in waits:
        hold = (hold * 3 + waited) // 4
    return hold


WAITS = [40, 80, 20, 120, 60, 90, 30, 45, 75, 100, 50, 65]


def test_the_running_average_follows_asterisks_rule(queue: CallQueue, frozen_now: datetime) -> None:
    answered_visits(queue, WAITS, last_answer=frozen_now - timedelta(minutes=2))

    average = running_average(queue=queue, at=frozen_now)

    # 0 → 10 → 27 → 25 → 48 → 51 → 60 → 52 → 50 → 56 → 67 → 62 → 62
    assert average is not None
    assert average.hold_seconds == hand_average(WAITS) == 62
    assert average.completed_calls == 12
    assert average.age_seconds == 120


def test_the_running_average_keeps_the_last_hundred_answers(
    queue: CallQueue, frozen_now: datetime
) -> None:
    waits = [3000] * 5 + [10 + index % 7 for index in range(100)]
    answered_visits(queue, waits, last_answer=frozen_now - timedelta(minutes=1))

    average = running_average(queue=queue, at=frozen_now)

    assert average is not None
    assert average.completed_calls == 100
    assert average.hold_seconds == hand_average(waits[5:])


def test_a_warm_fresh_average_is_announced_minus_the_wait_so_far(
    queue: CallQueue, frozen_now: datetime
) -> None:
    answered_visits(queue, WAITS, last_answer=frozen_now - timedelta(minutes=2))
    caller = visit(queue, entered=frozen_now - timedelta(seconds=20))
    call_id = caller.call.callid

    given = wait_estimate_give(queue=queue, callid=call_id)

    assert given.estimate.source == WaitSource.RUNNING_AVERAGE
    assert (given.estimate.seconds, given.estimate.position) == (62 - 20, 1)


def test_erlang_c_position_estimate_when_the_average_is_cold(
    queue: CallQueue, frozen_now: datetime
) -> None:
    # 3 answers (cold: fewer than 10) whose calls ended within 30 min: AHT (200+300+400)/3
    for talk in (200, 300, 400):
        answered_visits(
            queue, [30], last_answer=frozen_now - timedelta(seconds=talk + 60), talk=talk
        )
    for minutes in (4, 3, 2, 1):
        visit(queue, entered=frozen_now - timedelta(minutes=minutes))

    given = wait_estimate_give(queue=queue)

    # a newcomer is 5th: k·AHT/N = 5 x 300 / 3 agents
    assert given.estimate.source == WaitSource.ERLANG_C
    assert (given.estimate.seconds, given.estimate.position) == (500, 5)
    assert (given.live.waiting, given.live.handle_seconds) == (4, 300)
    assert given.announcement is None


def test_a_stale_average_falls_back_to_erlang_c(queue: CallQueue, frozen_now: datetime) -> None:
    answered_visits(queue, WAITS, last_answer=frozen_now - timedelta(minutes=31), talk=20)

    given = wait_estimate_give(queue=queue)

    # nothing ended in the last 30 minutes: default handle time, 1st in line, 3 agents
    assert given.estimate.source == WaitSource.ERLANG_C
    assert given.estimate.seconds == DEFAULT_HANDLE_SECONDS / 3
    assert not given.live.handle_measured


def test_no_agent_and_no_average_is_unknown(frozen_now: datetime) -> None:
    queue = CallQueue.objects.create(name="night", agents_logged_in=0)
    caller = visit(queue, entered=frozen_now - timedelta(seconds=5))

    given = wait_estimate_give(queue=queue, callid=caller.call.callid)

    assert given.estimate.source == WaitSource.UNKNOWN
    assert given.estimate.seconds is None
    assert given.announcement is None


def test_an_estimate_for_a_waiting_caller_is_stored(queue: CallQueue, frozen_now: datetime) -> None:
    visit(queue, entered=frozen_now - timedelta(minutes=3))
    caller = visit(queue, entered=frozen_now - timedelta(minutes=1))

    given = wait_estimate_give(queue=queue, callid=caller.call.callid)

    announcement = given.announcement
    assert announcement is not None
    assert (announcement.visit, announcement.call) == (caller, caller.call)
    assert (announcement.position, announcement.announced_seconds) == (2, 120)
    assert (announcement.method, announcement.at) == ("erlang_c", frozen_now)


def test_an_estimate_for_a_known_call_not_yet_queued_is_stored_without_visit(
    queue: CallQueue, frozen_now: datetime
) -> None:
    call_event_record(callid="early", kind="entered", at=frozen_now, data={})

    given = wait_estimate_give(queue=queue, callid="early")

    assert given.announcement is not None
    assert given.announcement.visit is None
    assert given.announcement.position == 1


def test_an_unknown_callid_gets_a_figure_but_nothing_is_stored(queue: CallQueue) -> None:
    given = wait_estimate_give(queue=queue, callid="never-seen")

    assert given.estimate.seconds == 60
    assert given.announcement is None


def test_position_counts_only_callers_ahead_still_waiting(
    queue: CallQueue, frozen_now: datetime
) -> None:
    visit(queue, entered=frozen_now - timedelta(hours=5))  # stuck: beyond the horizon
    visit(queue, entered=frozen_now - timedelta(minutes=5), outcome=VisitOutcome.ABANDONED)
    visit(queue, entered=frozen_now - timedelta(minutes=4))
    caller = visit(queue, entered=frozen_now - timedelta(minutes=3))
    visit(queue, entered=frozen_now - timedelta(minutes=2))

    found = waiting_visit(queue=queue, callid=caller.call.callid)

    assert found == caller
    assert visit_position(visit=caller) == 2
    assert live_queue(queue=queue, at=frozen_now).waiting == 3


def test_arrival_rate_counts_the_last_half_hour(queue: CallQueue, frozen_now: datetime) -> None:
    for minutes in (40, 29, 20, 10, 1):
        visit(queue, entered=frozen_now - timedelta(minutes=minutes), outcome=VisitOutcome.LOST)

    assert live_queue(queue=queue, at=frozen_now).arrivals_per_hour == 8


def test_the_estimate_takes_a_fixed_number_of_queries(
    queue: CallQueue,
    frozen_now: datetime,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    answered_visits(queue, WAITS * 10, last_answer=frozen_now - timedelta(minutes=1))
    callers = [visit(queue, entered=frozen_now - timedelta(seconds=s)) for s in range(40, 0, -1)]

    # and, for the announcement, the schemes read and its month recorded as changed (2)
    with django_assert_num_queries(9):
        wait_estimate_give(queue=queue, callid=callers[-1].call.callid)


def test_queued_predicts_the_wait_at_entry(queue: CallQueue, frozen_now: datetime) -> None:
    answered_visits(queue, WAITS, last_answer=frozen_now - timedelta(minutes=2))

    call_event_record(
        callid="new", kind="queued", at=frozen_now.isoformat(), data={"queue": "support"}
    )

    entered = QueueVisit.objects.get(call__callid="new")
    assert (entered.position, entered.predicted_wait_seconds) == (1, 62)
