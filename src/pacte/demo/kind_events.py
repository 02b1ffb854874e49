"""The events that belong to a kind of demo case: bill disputes (T5.2) and contract-acceptance
difficulties (T4.7), in the event formats the complaints and contracts apps record.

- a bill dispute names its invoice and disputed amount when it is opened; most answered
  disputes are assessed (proven or not, with the reason) before the answer, and most
  proven ones get their correction or credit (a few are missing: T5.2 shows them);
- a contract-acceptance case says what blocks the acceptance and what is needed; the
  customer and the distributor are told before the answer, a few notices are impossible
  (with the reason), and a case with a notice missing is left unclosed (the contracts
  app refuses to close it).

Drawn case by case from the generator's seeded ``random.Random``, as the other texts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pacte.cases.models import EventKind
from pacte.core.vocabulary import CaseKind, Channel
from pacte.demo.chain_words import (
    BLOCKING,
    CUSTOMER_NOTICES,
    DISPUTE_NOT_PROVEN,
    DISPUTE_PROVEN,
    DISTRIBUTOR_NOTICES,
    NEEDED,
    NOTICE_IMPOSSIBLE_REASONS,
)

Row = dict[str, Any]

PROVEN_SHARE = 0.4  # of the assessed disputes
ASSESSED_SHARE = 0.94  # of the answered disputes
CORRECTED_SHARE = 0.92  # of the proven disputes
NOTICE_IMPOSSIBLE_SHARE = 0.04  # of the answered acceptance cases: the customer's notice
NOTICE_MISSING_SHARE = 0.05  # of the answered acceptance cases: one notice not recorded


def event_row(
    case_id: int,
    kind: EventKind,
    at: datetime,
    actor_id: int | None,
    *,
    channel: str = "",
    body: str = "",
    data: dict[str, Any] | None = None,
) -> Row:
    """A case event as the services record it, as it happened (``recorded_at`` = ``at``)."""
    return {
        "case_id": case_id,
        "kind": kind,
        "at": at,
        "recorded_at": at,
        "actor_id": actor_id,
        "channel": channel,
        "body": body,
        "data": data or {},
    }


@dataclass(frozen=True)
class KindFacts:
    """What a case's kind-specific events are drawn from."""

    case_id: int
    kind: str
    received: datetime
    answered: datetime | None
    worker: int
    opened: dict[str, Any]  # the OPENED event's data
    texts: random.Random
    zone: ZoneInfo


def opened_facts(kind: str, received: datetime, texts: random.Random) -> dict[str, Any]:
    """What the OPENED event of a case of ``kind`` carries beyond team, kind and motive."""
    if kind == CaseKind.BILL_DISPUTE:
        amount = min(max(texts.lognormvariate(3.2, 0.8), 2.0), 480.0)
        invoice = f"F{received:%Y%m}-{texts.randrange(10**6):06d}"
        return {"invoice": invoice, "amount": f"{amount:.2f}"}
    if kind == CaseKind.ACCEPTANCE:
        return {
            "contract_kind": "renewal" if texts.random() < 0.3 else "subscription",
            "blocking": texts.choice(BLOCKING),
            "needed": texts.choice(NEEDED),
        }
    return {}


def kind_events(facts: KindFacts) -> tuple[list[Row], bool]:
    """The case's kind-specific events, and whether it may be closed."""
    if facts.answered is None:
        return [], True
    if facts.kind == CaseKind.BILL_DISPUTE:
        return _dispute(facts, facts.answered), True
    if facts.kind == CaseKind.ACCEPTANCE:
        return _acceptance(facts, facts.answered)
    return [], True


def _between(
    texts: random.Random, start: datetime, end: datetime, low: float, high: float
) -> datetime:
    return start + (end - start) * texts.uniform(low, high)


def _dispute(facts: KindFacts, answered: datetime) -> list[Row]:
    texts = facts.texts
    if texts.random() >= ASSESSED_SHARE:
        return []
    proven = texts.random() < PROVEN_SHARE
    invoice, amount = facts.opened["invoice"], facts.opened["amount"]
    assessed = _between(texts, facts.received, answered, 0.6, 0.9)
    reason = texts.choice(DISPUTE_PROVEN if proven else DISPUTE_NOT_PROVEN)
    events = [
        event_row(facts.case_id, EventKind.DISPUTE_ASSESSED, assessed, facts.worker, body=reason,
                  data={"proven": proven, "invoice": invoice, "amount": amount}),
    ]  # fmt: skip
    if proven and texts.random() < CORRECTED_SHARE:
        issued = _between(texts, assessed, answered, 0.3, 0.9)
        credited = amount if texts.random() < 0.75 else f"{float(amount) * 0.5:.2f}"
        data = {
            "amount": credited,
            "reference": f"AV{facts.case_id:08d}",
            "issued_on": issued.astimezone(facts.zone).date().isoformat(),
        }
        events.append(
            event_row(facts.case_id, EventKind.CORRECTION_ISSUED, issued, facts.worker, data=data)
        )
    return events


def _acceptance(facts: KindFacts, answered: datetime) -> tuple[list[Row], bool]:
    """Both notices before the answer; a few impossible, a few missing (left open)."""
    texts = facts.texts
    draw = texts.random()
    events: list[Row] = []
    impossible = draw < NOTICE_IMPOSSIBLE_SHARE
    missing = (
        ""
        if impossible or draw >= NOTICE_IMPOSSIBLE_SHARE + NOTICE_MISSING_SHARE
        else ("distributor" if texts.random() < 0.6 else "customer")
    )
    for party, notices in (("customer", CUSTOMER_NOTICES), ("distributor", DISTRIBUTOR_NOTICES)):
        at = _between(texts, facts.received, answered, 0.1, 0.8)
        if party == missing:
            continue
        if party == "customer" and impossible:
            reason = texts.choice(NOTICE_IMPOSSIBLE_REASONS)
            events.append(
                event_row(facts.case_id, EventKind.NOTICE_IMPOSSIBLE, at, facts.worker,
                          body=reason, data={"party": party})
            )  # fmt: skip
            continue
        channel = _notice_channel(texts, party)
        body = f"{texts.choice(notices)} {facts.opened['needed']}"
        events.append(
            event_row(facts.case_id, EventKind.NOTICE_SENT, at, facts.worker, channel=channel,
                      body=body, data={"party": party, "channel": channel})
        )  # fmt: skip
    return events, not missing


def _notice_channel(texts: random.Random, party: str) -> str:
    draw = texts.random()
    if party == "distributor":
        return str(Channel.DISTRIBUTOR_HOTLINE if draw < 0.6 else Channel.EMAIL)
    return str(Channel.EMAIL if draw < 0.6 else Channel.PHONE if draw < 0.9 else Channel.LETTER)
