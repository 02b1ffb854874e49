"""Demo calls: their timings drawn as arrays, then written as call, visit and announcement rows.

Instants are UTC microseconds (as ``demo.contacts``); a call still going on at ``now``
is written as the ACD leaves it: no end, its visit answered without talk time (or
still waiting), no outcome yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from pacte.demo.bulk import rows_insert
from pacte.demo.contacts import US_PER_DAY, US_PER_SECOND
from pacte.demo.deadlines import to_datetime
from pacte.telephony.models import (
    Call,
    CallOutcome,
    CallSource,
    QueueVisit,
    Service,
    VisitOutcome,
    WaitAnnouncement,
)

if TYPE_CHECKING:
    from pacte.demo.call_reference import Queues

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Row = dict[str, Any]

SERVICES = (Service.CUSTOMER, Service.DISTRIBUTOR, Service.DIRECTORY)
DIALLED = ("3000", "3001", "222")
OUTCOMES = (CallOutcome.NONE, CallOutcome.SOLVED, CallOutcome.COMMITTED)
NONE = -1

BAD_DAY_SHARE = 0.12
#: Mean wait (s) on a normal day and on a bad day, per service (customer, hotline, 222).
MEAN_WAIT = ((22.0, 100.0), (12.0, 45.0), (10.0, 40.0))
PRICE_ANNOUNCED_SHARE = 0.998
MISROUTED_SHARE = 0.06
SOLVED_SHARE = 0.75
COMMITTED_SHARE = 0.235  # the rest: no outcome recorded
LATE_OUTCOME_SHARE = 0.01  # outcomes recorded after hang-up
ANNOUNCED_FROM_SECONDS = 60  # the IVR announces predictions above this
ESTIMATE_MISSED_SHARE = 0.01  # predictions over 120 s never announced
CASE_OPENED_AFTER_ANSWER_US = 30 * US_PER_SECOND

CUSTOMER, HOTLINE, DIRECTORY = 0, 1, 2


@dataclass(frozen=True)
class CallSeeds:
    """The calls to draw before their timings: when, where, for whom."""

    anchor_us: Ints  # the case's receipt (case calls) or the call's start (others)
    service: Ints
    queue: Ints  # index into QueueFacts
    case: Ints  # case pk, -1 for none
    customer: Ints  # customer pk, -1 for none
    due_us: Ints  # the case's deadline in force, -1 for none
    answered: Bools

    def __len__(self) -> int:
        return len(self.anchor_us)


@dataclass(frozen=True)
class QueueFacts:
    """The demo queues as arrays: customer-service queues first (one per motive)."""

    pks: Ints
    motives: Ints  # motive pk, -1 for none
    targets: Ints  # the motive's talk-time target (s), 0 for none
    names: list[str]
    hotline: int
    directory: int

    @classmethod
    def of(cls, queues: Queues) -> QueueFacts:
        ordered = [*queues.by_motive, queues.hotline, queues.directory]
        return cls(
            pks=np.array([queue.pk for queue in ordered], dtype=np.int64),
            motives=np.array([queue.motive_id or NONE for queue in ordered], dtype=np.int64),
            targets=np.array(
                [
                    (queue.motive.talk_time_target_seconds or 0) if queue.motive else 0
                    for queue in ordered
                ],
                dtype=np.int64,
            ),
            names=[queue.name for queue in ordered],
            hotline=len(ordered) - 2,
            directory=len(ordered) - 1,
        )

    @property
    def customer_count(self) -> int:
        return self.hotline

    def for_motives(self, motives: Sequence[int]) -> Ints:
        """The customer-service queue of each motive pk (the first queue if none)."""
        index = {int(pk): i for i, pk in enumerate(self.motives[: self.hotline])}
        return np.array([index.get(int(pk), 0) for pk in motives], dtype=np.int64)


@dataclass(frozen=True)
class CallDraw:
    """Every call's facts and instants, by call (time order)."""

    service: Ints
    queue: Ints
    case: Ints
    customer: Ints
    answered: Bools
    start: Ints
    entered: Ints
    wait: Ints
    talk: Ints
    ended: Ints
    price: Ints  # -1: never announced
    predicted: Ints
    announced: Bools
    misrouted: Bools
    wrong_queue: Ints
    wrong_wait: Ints
    wrong_talk: Ints
    outcome: Ints  # index into OUTCOMES
    outcome_at: Ints
    committed_due: Ints
    now: Ints  # the instant judged (one value per call, for slicing)

    def __len__(self) -> int:
        return len(self.start)

    def slice(self, start: int, stop: int) -> CallDraw:
        return CallDraw(**{f.name: getattr(self, f.name)[start:stop] for f in fields(self)})

    @classmethod
    def of(
        cls, rng: np.random.Generator, *, seeds: CallSeeds, queues: QueueFacts, now_us: int
    ) -> CallDraw:
        n = len(seeds)
        seconds = np.int64(US_PER_SECOND)
        days, day_of = np.unique(seeds.anchor_us // US_PER_DAY, return_inverse=True)
        bad = (rng.random(len(days)) < BAD_DAY_SHARE)[day_of]
        means = np.array(MEAN_WAIT)[seeds.service, bad.astype(np.int64)]
        wait = np.floor(rng.exponential(means)).astype(np.int64)
        directory = seeds.service == DIRECTORY
        ivr = np.where(directory, rng.integers(4, 9, n), rng.integers(10, 41, n))
        has_case = seeds.case >= 0
        misrouted = (seeds.service == CUSTOMER) & has_case & (rng.random(n) < MISROUTED_SHARE)
        others = rng.integers(1, max(queues.customer_count, 2), n)
        wrong_queue = (seeds.queue + others) % max(queues.customer_count, 1)
        wrong_wait = np.floor(rng.exponential(means)).astype(np.int64)
        wrong_talk = rng.integers(20, 61, n)
        before = ivr + np.where(misrouted, wrong_wait + wrong_talk, 0)
        opened_late = CASE_OPENED_AFTER_ANSWER_US
        start = np.where(
            has_case, seeds.anchor_us - (before + wait) * seconds - opened_late, seeds.anchor_us
        )
        targets = queues.targets[seeds.queue]
        drawn_talk = np.rint(targets * 0.65 * rng.lognormal(0.0, 0.4, n)).astype(np.int64)
        talk = np.where(directory, rng.integers(20, 91, n), np.maximum(drawn_talk, 15))
        entered = start + before * seconds
        ended = np.where(
            seeds.answered, entered + (wait + talk + 5) * seconds, entered + wait * seconds
        )
        predicted = np.rint(wait * rng.lognormal(0.0, 0.3, n)).astype(np.int64)
        missed = (predicted > 120) & (rng.random(n) < ESTIMATE_MISSED_SHARE)
        draw = rng.random(n)
        outcome = np.where(
            has_case & seeds.answered,
            np.where(
                draw < SOLVED_SHARE,
                1,
                np.where(draw < SOLVED_SHARE + COMMITTED_SHARE, 2, 0),
            ),
            0,
        )
        late = rng.random(n) < LATE_OUTCOME_SHARE
        outcome_at = np.where(late, ended + 300 * seconds, ended - rng.integers(5, 61, n) * seconds)
        return cls(
            service=seeds.service,
            queue=seeds.queue,
            case=seeds.case,
            customer=seeds.customer,
            answered=seeds.answered,
            start=start,
            entered=entered,
            wait=wait,
            talk=talk,
            ended=ended,
            price=np.where(
                rng.random(n) < PRICE_ANNOUNCED_SHARE,
                start + rng.integers(1, 4, n) * seconds,  # before the IVR's menu
                NONE,
            ),
            predicted=predicted,
            announced=(predicted > ANNOUNCED_FROM_SECONDS) & ~missed,
            misrouted=misrouted,
            wrong_queue=wrong_queue,
            wrong_wait=wrong_wait,
            wrong_talk=wrong_talk,
            outcome=outcome,
            outcome_at=outcome_at,
            committed_due=np.where(seeds.due_us >= 0, seeds.due_us, start + 2 * US_PER_DAY),
            now=np.full(n, now_us, dtype=np.int64),
        )


def _at(value: int) -> Any:
    return None if value == NONE else to_datetime(value)


@dataclass
class _Rows:
    calls: list[Row]
    visits: list[Row]
    announcements: list[Row]
    call_id: int
    visit_id: int
    announcement_id: int


def calls_store(
    draw: CallDraw, *, queues: QueueFacts, numbers: dict[int, str], first_ids: tuple[int, int, int]
) -> tuple[int, int, int]:
    """Write the draw's calls, visits and announcements; the next free ids."""
    rows = _Rows([], [], [], *first_ids)
    for i in range(len(draw)):
        _call_rows(rows, draw, i, queues=queues, numbers=numbers)
    rows_insert(Call, rows.calls)
    rows_insert(QueueVisit, rows.visits)
    rows_insert(WaitAnnouncement, rows.announcements)
    return rows.call_id, rows.visit_id, rows.announcement_id


def _call_rows(
    rows: _Rows, draw: CallDraw, i: int, *, queues: QueueFacts, numbers: dict[int, str]
) -> None:
    now = int(draw.now[i])
    going_on = int(draw.ended[i]) > now
    queue = int(draw.queue[i])
    service = int(draw.service[i])
    customer = int(draw.customer[i])
    outcome = 0 if going_on else int(draw.outcome[i])
    call_id = rows.call_id
    rows.call_id += 1
    rows.calls.append(
        {
            "id": call_id,
            "callid": f"demo-{call_id:08d}",
            "source": CallSource.API.value,
            "service": SERVICES[service].value,
            "caller_number": numbers.get(customer, ""),
            "dialled_number": DIALLED[service],
            "customer_id": None if customer == NONE else customer,
            "started_at": to_datetime(int(draw.start[i])),
            "ended_at": None if going_on else to_datetime(int(draw.ended[i])),
            "ivr_choice": queues.names[queue],
            "price_announced_at": _at(int(draw.price[i])),
            "motive_id": None if queues.motives[queue] == NONE else int(queues.motives[queue]),
            "misrouted": bool(draw.misrouted[i]) and not going_on,
            "outcome": OUTCOMES[outcome].value,
            "case_id": None if draw.case[i] == NONE else int(draw.case[i]),
            "outcome_at": to_datetime(int(draw.outcome_at[i])) if outcome else None,
            "committed_due_at": to_datetime(int(draw.committed_due[i])) if outcome == 2 else None,
            "updated_at": to_datetime(now),
        }
    )
    if draw.misrouted[i] and not going_on:
        _wrong_visit(rows, draw, i, call_id=call_id, queues=queues)
    visit_id = _visit(rows, draw, i, call_id=call_id, queue_pk=int(queues.pks[queue]))
    entered = int(draw.entered[i])
    if draw.announced[i] and entered + US_PER_SECOND <= now:
        predicted = int(draw.predicted[i])
        _announcement(rows, call_id, visit_id, int(queues.pks[queue]), entered, predicted)


def _announcement(
    rows: _Rows, call_id: int, visit_id: int, queue_pk: int, entered: int, seconds: int
) -> None:
    """The IVR's estimate, a second after the caller entered the queue."""
    rows.announcements.append(
        {
            "id": rows.announcement_id,
            "call_id": call_id,
            "visit_id": visit_id,
            "queue_id": queue_pk,
            "at": to_datetime(entered + US_PER_SECOND),
            "announced_seconds": seconds,
            "position": None,
            "method": "running_average",
        }
    )
    rows.announcement_id += 1


def _visit_row(rows: _Rows, *, call_id: int, queue_pk: int, **facts: Any) -> int:
    visit_id = rows.visit_id
    rows.visit_id += 1
    rows.visits.append(
        {
            "id": visit_id,
            "call_id": call_id,
            "queue_id": queue_pk,
            "source": CallSource.API.value,
            "position": None,
            "offered_at": None,
            "agent": "",
            "transferred": False,
            **facts,
        }
    )
    return visit_id


def _wrong_visit(rows: _Rows, draw: CallDraw, i: int, *, call_id: int, queues: QueueFacts) -> None:
    """The first visit of a misrouted call: answered in the wrong queue, transferred."""
    entered = int(draw.entered[i]) - int(draw.wrong_wait[i] + draw.wrong_talk[i]) * US_PER_SECOND
    answered = entered + int(draw.wrong_wait[i]) * US_PER_SECOND
    queue_pk = int(queues.pks[int(draw.wrong_queue[i])])
    visit_id = _visit_row(
        rows,
        call_id=call_id,
        queue_pk=queue_pk,
        entered_at=to_datetime(entered),
        predicted_wait_seconds=int(draw.wrong_wait[i]),
        answered_at=to_datetime(answered),
        ended_at=to_datetime(int(draw.entered[i])),
        outcome=VisitOutcome.ANSWERED.value,
        wait_seconds=int(draw.wrong_wait[i]),
        talk_seconds=int(draw.wrong_talk[i]),
        transferred=True,
    )
    if draw.wrong_wait[i] > ANNOUNCED_FROM_SECONDS:
        _announcement(rows, call_id, visit_id, queue_pk, entered, int(draw.wrong_wait[i]))


def _visit(rows: _Rows, draw: CallDraw, i: int, *, call_id: int, queue_pk: int) -> int:
    now = int(draw.now[i])
    entered = int(draw.entered[i])
    wait = int(draw.wait[i])
    answered_at = entered + wait * US_PER_SECOND
    facts: Row = {
        "entered_at": to_datetime(entered),
        "predicted_wait_seconds": int(draw.predicted[i]),
    }
    if not draw.answered[i]:
        facts |= {
            "answered_at": None,
            "ended_at": to_datetime(int(draw.ended[i])),
            "outcome": VisitOutcome.ABANDONED.value,
            "wait_seconds": wait,
            "talk_seconds": None,
        }
    elif answered_at > now:
        facts |= {
            "answered_at": None,
            "ended_at": None,
            "outcome": VisitOutcome.WAITING.value,
            "wait_seconds": None,
            "talk_seconds": None,
        }
    else:
        ended = int(draw.ended[i])
        facts |= {
            "answered_at": to_datetime(answered_at),
            "ended_at": None if ended > now else to_datetime(ended - 5 * US_PER_SECOND),
            "outcome": VisitOutcome.ANSWERED.value,
            "wait_seconds": wait,
            "talk_seconds": None if ended > now else int(draw.talk[i]),
        }
    return _visit_row(rows, call_id=call_id, queue_pk=queue_pk, **facts)
