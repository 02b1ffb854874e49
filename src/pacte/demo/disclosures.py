"""The demo's identity checks and disclosures of account data (T3.2-a).

Run after the contacts are written: on about DISCLOSURE_SHARE of the phone and chat
cases, the agent checks the caller's identity a few minutes after the receipt
(IDENTITY_CHECKED: method, questions asked) and then tells some account data
(DATA_DISCLOSED: bills, usage or contract, with the check it rests on), in the event
formats of ``operations.identity`` and ``operations.disclosure``. A few disclosures
(LATE_CHECK_SHARE) are old history the service would refuse today: the check was
recorded only after the data was told, so T3.2-a shows a figure under 100 %.

Drawn as numpy arrays from a generator seeded from ``seed``; events appended to the
cases' chains in bulk, one transaction per batch. No clock depends on these events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import transaction

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.core.chain import chain_dicts
from pacte.core.vocabulary import Channel
from pacte.demo.bulk import next_id, rows_insert, sequences_reset
from pacte.demo.deadlines import to_datetime, to_us
from pacte.demo.kind_events import event_row
from pacte.demo.rows import RowContext, Tally
from pacte.operations.disclosure import DisclosureWhat
from pacte.operations.identity import IdentityMethod

STREAM = 13  # apart from the contacts' chunks and the chain's (12)
BATCH = 5000
DISCLOSURE_SHARE = 0.35  # of the phone and chat cases
LATE_CHECK_SHARE = 0.012  # of the disclosures: the check recorded after the data was told
SECOND_SHARE = 0.3  # of the disclosures: a second kind of data told on the same call
MINUTE_US = 60_000_000
METHODS = (
    IdentityMethod.SECURITY_QUESTIONS,
    IdentityMethod.ONE_TIME_CODE,
    IdentityMethod.CUSTOMER_AREA,
)
QUESTIONS = {
    IdentityMethod.SECURITY_QUESTIONS: ["Date de naissance", "Code postal de facturation"],
    IdentityMethod.ONE_TIME_CODE: ["Code reçu par SMS sur la ligne"],
    IdentityMethod.CUSTOMER_AREA: [],
}
WHATS = tuple(DisclosureWhat.values)


def disclosures_generate(*, context: RowContext, seed: int, tally: Tally) -> int:
    """Write the identity checks and disclosures of the demo's phone and chat cases;
    the number of events written."""
    cases = list(
        Case.objects.filter(channel__in=[Channel.PHONE, Channel.CHAT])
        .order_by("pk")
        .values_list("pk", "received_at", "team_id", "assignee_id", "channel")
    )
    rng = np.random.default_rng([seed, STREAM])
    draws = rng.random(len(cases))
    chosen = [row for row, draw in zip(cases, draws, strict=True) if draw < DISCLOSURE_SHARE]
    agents = {team.pk: context.reference.agents[team.code] for team in context.reference.teams}
    writer = _Writer(agents=agents, now_us=to_us(context.now), next_id=next_id(CaseEvent))
    for start in range(0, len(chosen), BATCH):
        with transaction.atomic():
            writer.batch(rng, chosen[start : start + BATCH])
    sequences_reset([CaseEvent])
    tally.events += writer.written
    return writer.written


CaseRow = tuple[int, Any, int, int | None, str]


@dataclass
class _Writer:
    """Builds and writes the events of each batch (explicit ids: a disclosure names
    the check it rests on)."""

    agents: dict[int, list[Any]]
    now_us: int
    next_id: int
    written: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)

    def add(self, case: CaseRow, kind: EventKind, at_us: int, actor: int | None,
            data: dict[str, Any]) -> int:  # fmt: skip
        row = event_row(case[0], kind, to_datetime(at_us), actor, channel=case[4], data=data)
        row["id"] = self.next_id
        self.next_id += 1
        self.events.append(row)
        return int(row["id"])

    def actor(self, case: CaseRow, slot: int) -> int | None:
        if case[3] is not None:
            return case[3]
        team = self.agents.get(case[2]) or []
        return team[slot % len(team)].pk if team else None

    def batch(self, rng: np.random.Generator, cases: Sequence[CaseRow]) -> None:
        n = len(cases)
        received = np.array([to_us(row[1]) for row in cases], dtype=np.int64)
        check = received + rng.integers(1, 6, n) * MINUTE_US
        told = check + rng.integers(1, 9, n) * MINUTE_US
        late = rng.random(n) < LATE_CHECK_SHARE
        check = np.where(late, told + rng.integers(3, 8, n) * MINUTE_US, check)
        second = rng.random(n) < SECOND_SHARE
        methods = rng.integers(0, len(METHODS), n)
        whats = rng.integers(0, len(WHATS), n)
        slots = rng.integers(0, 1_000_000, n)
        self.events = []
        for k, case in enumerate(cases):
            told_at = [int(told[k])] + ([int(told[k]) + MINUTE_US] if second[k] else [])
            if max(int(check[k]), *told_at) > self.now_us:
                continue
            actor = self.actor(case, int(slots[k]))
            method = METHODS[int(methods[k])]
            data: dict[str, Any] = {"method": method.value, "questions": QUESTIONS[method]}
            check_id = self.add(case, EventKind.IDENTITY_CHECKED, int(check[k]), actor, data)
            for step, at_us in enumerate(told_at):
                what = WHATS[(int(whats[k]) + step) % len(WHATS)]
                rests_on = None if late[k] else check_id
                told_data = {"what": what, "identity_check": rests_on}
                self.add(case, EventKind.DATA_DISCLOSED, at_us, actor, told_data)
        if self.events:
            self.events.sort(key=lambda event: (event["case_id"], event["at"]))
            chain_dicts(CaseEvent, self.events)
            rows_insert(CaseEvent, self.events)
            self.written += len(self.events)
