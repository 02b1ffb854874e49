"""Demo calls: the phone history behind the phone cases, for the phone indicators.

Every phone and point-of-sale hotline case gets the call it was opened in (the agent
opens the case half a minute after answering); customer-service callers who hung up
while waiting (no case), and calls to the 222 directory, are added around the same
instants, so they follow the cases' seasonality. Callers are the demo's customers,
matched by one of their lines' numbers.

Drawn as numpy arrays from ``numpy.random.default_rng([seed, 4])`` (a stream of its
own: the cases' draws are unchanged) and written with ``bulk.rows_insert`` a chunk at
a time. Plausible shares: about 85 % answered within 60 s with bad days (long waits),
5 % abandoned, price announced 99.8 %, 6 % misrouted (a first visit to the wrong
queue, transferred), 75 % solved at first contact.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from django.db import transaction

from pacte.cases.models import Case
from pacte.core.vocabulary import Channel
from pacte.customers.models import Line
from pacte.demo.bulk import next_id, sequences_reset
from pacte.demo.call_reference import channel_routes_ensure, queues_ensure
from pacte.demo.call_rows import (
    CUSTOMER,
    DIRECTORY,
    HOTLINE,
    CallDraw,
    CallSeeds,
    QueueFacts,
    calls_store,
)
from pacte.demo.contacts import US_PER_DAY, US_PER_SECOND
from pacte.demo.deadlines import to_us
from pacte.demo.rows import RowContext
from pacte.telephony.models import Call, CallEvent, QueueVisit, WaitAnnouncement

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

#: What the demo wipe empties (reset.py).
CALL_TABLES = (WaitAnnouncement, CallEvent, QueueVisit, Call)
CHUNK = 10_000

ABANDON_SHARE = 0.05  # of customer-service calls: callers who hung up while waiting
DIRECTORY_PER_CALL = 0.2  # 222 calls per customer-service call
DIRECTORY_ABANDON_SHARE = 0.03


def calls_generate(*, context: RowContext, seed: int, open_only: bool = False) -> int:
    """Create the demo's queues and channel routes, then its calls (none for a backlog
    generated ``open_only``); the number of calls written. Commits per chunk."""
    reference = context.reference
    with transaction.atomic():
        queues = QueueFacts.of(queues_ensure(reference))
        channel_routes_ensure(reference)
    if open_only:
        return 0
    rng = np.random.default_rng([seed, 4])
    seeds = _seeds(rng, queues=queues, context=context)
    if not len(seeds):
        return 0
    draw = CallDraw.of(rng, seeds=seeds, queues=queues, now_us=to_us(context.now))
    numbers = _caller_numbers()
    ids = (next_id(Call), next_id(QueueVisit), next_id(WaitAnnouncement))
    for start in range(0, len(draw), CHUNK):
        with transaction.atomic():
            ids = calls_store(
                draw.slice(start, start + CHUNK), queues=queues, numbers=numbers, first_ids=ids
            )
    sequences_reset([Call, QueueVisit, WaitAnnouncement])
    return len(draw)


def _caller_numbers() -> dict[int, str]:
    """One line number per customer (the first by id)."""
    numbers: dict[int, str] = {}
    for customer, msisdn in Line.objects.order_by("-pk").values_list(
        "account__customer_id", "msisdn"
    ):
        numbers[customer] = msisdn
    return numbers


def _seeds(rng: np.random.Generator, *, queues: QueueFacts, context: RowContext) -> CallSeeds:
    rows = list(
        Case.objects.filter(channel__in=(Channel.PHONE, Channel.DISTRIBUTOR_HOTLINE))
        .order_by("pk")
        .values_list("pk", "received_at", "channel", "motive_id", "customer_id", "due_at")
    )
    if not rows:
        return _empty()
    pk, received, channel, motive, customer, due = zip(*rows, strict=True)
    hotline = np.array([c == Channel.DISTRIBUTOR_HOTLINE for c in channel])
    queue = np.where(hotline, queues.hotline, queues.for_motives(motive))
    cases = CallSeeds(
        anchor_us=np.array([to_us(at) for at in received], dtype=np.int64),
        service=np.where(hotline, HOTLINE, CUSTOMER).astype(np.int64),
        queue=queue.astype(np.int64),
        case=np.array(pk, dtype=np.int64),
        customer=np.array(customer, dtype=np.int64),
        due_us=np.array([-1 if at is None else to_us(at) for at in due], dtype=np.int64),
        answered=np.ones(len(rows), dtype=np.bool_),
    )
    customer_calls = np.flatnonzero(~hotline)
    abandoned = _around(
        rng,
        cases,
        customer_calls,
        count=round(len(customer_calls) * ABANDON_SHARE / (1 - ABANDON_SHARE)),
        service=CUSTOMER,
        customers=context.customer_pks,
    )
    directory = _around(
        rng,
        cases,
        customer_calls,
        count=round(len(customer_calls) * DIRECTORY_PER_CALL),
        service=DIRECTORY,
        customers=context.customer_pks,
        queue=queues.directory,
    )
    directory = _with_answers(directory, rng.random(len(directory)) >= DIRECTORY_ABANDON_SHARE)
    return _joined([cases, abandoned, directory], now_us=to_us(context.now))


def _empty() -> CallSeeds:
    none = np.zeros(0, dtype=np.int64)
    return CallSeeds(none, none, none, none, none, none, np.zeros(0, dtype=np.bool_))


def _around(
    rng: np.random.Generator,
    cases: CallSeeds,
    among: Ints,
    *,
    count: int,
    service: int,
    customers: Ints,
    queue: int | None = None,
) -> CallSeeds:
    """``count`` calls without a case, near the instants of random case calls ``among``
    (within about half an hour), in those calls' queues unless ``queue`` is given."""
    if not len(among) or count < 1:
        return _empty()
    picked = rng.choice(among, size=count)
    jitter = rng.normal(0, 20 * 60, size=count) * US_PER_SECOND
    known = rng.random(count) < 0.7
    return CallSeeds(
        anchor_us=cases.anchor_us[picked] + jitter.astype(np.int64),
        service=np.full(count, service, dtype=np.int64),
        queue=cases.queue[picked] if queue is None else np.full(count, queue, dtype=np.int64),
        case=np.full(count, -1, dtype=np.int64),
        customer=np.where(known, rng.choice(customers, size=count), -1).astype(np.int64),
        due_us=np.full(count, -1, dtype=np.int64),
        answered=np.zeros(count, dtype=np.bool_),
    )


def _with_answers(seeds: CallSeeds, answered: Bools) -> CallSeeds:
    return CallSeeds(
        seeds.anchor_us,
        seeds.service,
        seeds.queue,
        seeds.case,
        seeds.customer,
        seeds.due_us,
        answered,
    )


def _joined(parts: list[CallSeeds], *, now_us: int) -> CallSeeds:
    """The parts as one set, in time order; calls drawn past ``now`` (less an hour) left out."""
    names = ("anchor_us", "service", "queue", "case", "customer", "due_us", "answered")
    columns = {name: np.concatenate([getattr(part, name) for part in parts]) for name in names}
    keep = (columns["anchor_us"] < now_us - US_PER_DAY // 24) | (columns["case"] >= 0)
    order = np.argsort(columns["anchor_us"][keep], kind="stable")
    return CallSeeds(**{name: column[keep][order] for name, column in columns.items()})
