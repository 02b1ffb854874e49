"""Cases opened per second through the ``case_open`` service (event, clocks and deadline)."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime

from pacte.cases.models import Motive, Team
from pacte.cases.services import case_open
from pacte.core.models import User
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer
from pacte.demo.bench.report import BenchRow, latency_rows

CHANNELS = (Channel.PHONE, Channel.EMAIL, Channel.WEB, Channel.LETTER)
KINDS = (CaseKind.INFORMATION, CaseKind.REQUEST, CaseKind.COMPLAINT)


@dataclass(frozen=True, slots=True)
class OpenArgs:
    customer: Customer
    channel: Channel
    kind: CaseKind
    motive: Motive
    team: Team


def open_args(*, count: int, seed: int) -> list[OpenArgs]:
    """``count`` plausible new cases, received now, drawn from existing rows."""
    texts = random.Random(seed)
    customers = list(Customer.objects.order_by("pk")[:1000])
    motives = list(Motive.objects.filter(billing=False).order_by("pk"))
    teams = list(Team.objects.select_related("site").order_by("pk"))
    if not (customers and motives and teams):
        raise RuntimeError("the bench needs customers, motives and teams: generate them first")
    return [
        OpenArgs(
            customer=texts.choice(customers),
            channel=texts.choice(CHANNELS),
            kind=texts.choice(KINDS),
            motive=texts.choice(motives),
            team=texts.choice(teams),
        )
        for _ in range(count)
    ]


def bench_case_open(*, count: int, seed: int, now: datetime, actor: User) -> list[BenchRow]:
    """Open ``count`` cases one transaction each; rate and per-case latency."""
    cases = open_args(count=count, seed=seed)
    latencies: list[float] = []
    began = time.perf_counter()
    for args in cases:
        start = time.perf_counter()
        case_open(
            customer=args.customer,
            channel=args.channel,
            kind=args.kind,
            motive=args.motive,
            subject=f"Bench: {args.motive.label_fr}",
            team=args.team,
            actor=actor,
        )
        latencies.append(time.perf_counter() - start)
    elapsed = time.perf_counter() - began
    detail = f"{count:,} cases, one transaction each"
    return [
        BenchRow("case_open service", count / max(elapsed, 1e-9), "cases/s", detail),
        *latency_rows("case_open latency", latencies, detail),
    ]
