"""The demo's SIM replacements (T4.1) and after-sales requests (T4.5-b).

Run after the contacts are written: about ``SHARE`` of the contacts each, received when
some of the customers' own requests were (so they follow the seasons and office hours),
by the same team. A SIM order (a customer with a line) is mostly prepared the same day
and shipped within two days, carrier and tracking recorded; ``SIM_LATE_SHARE`` are
shipped late and ``SIM_UNSHIPPED_SHARE`` never (still open); the delivered ones are
closed. An after-sales request is mostly answered within a day; ``AFTER_SALES_LATE_SHARE``
late, ``AFTER_SALES_UNANSWERED_SHARE`` never. Events follow the formats of
``operations.sim`` and ``cases.services``; rows are written as the chain's are (explicit
ids, chained events, one transaction), then the clocks derived by their own recompute.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind
from pacte.cases.recompute import clocks_recompute_cases
from pacte.core.chain import chain_dicts
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer, Line
from pacte.demo.bulk import next_id, rows_insert, sequences_reset
from pacte.demo.kind_events import event_row
from pacte.demo.rows import RowContext, Tally
from pacte.demo.words import ANSWERS, CLOSE_REASONS

Row = dict[str, Any]

STREAM = 41  # the seed stream of this module
SHARE = 0.02  # of the contacts: SIM orders, and as many after-sales requests
MINIMUM = 60
SIM_LATE_SHARE = 0.04
SIM_UNSHIPPED_SHARE = 0.02  # of the orders of the last RECENT_DAYS: not shipped yet
RECENT_DAYS = 14
AFTER_SALES_LATE_SHARE = 0.06
AFTER_SALES_UNANSWERED_SHARE = 0.02  # of the requests of the last RECENT_DAYS
CARRIERS = ("La Poste", "Colissimo", "Chronopost", "DPD")
AFTER_SALES_CHANNELS = (Channel.PHONE, Channel.EMAIL, Channel.WEB, Channel.LETTER)
AFTER_SALES_SUBJECTS = (
    "Téléphone en panne sous garantie",
    "Écran cassé, réparation",
    "Échange du modem",
    "Retour d'un mobile défectueux",
)
SIM_REASONS = ("Carte SIM défectueuse", "Carte SIM perdue", "Passage en eSIM", "SIM abîmée")


def sim_generate(*, context: RowContext, seed: int, tally: Tally, open_only: bool = False) -> None:
    """Write the SIM orders and after-sales requests of the demo, and their clocks (none
    for an ``open_only`` backlog)."""
    if open_only:
        return
    rng = random.Random(f"{seed}-{STREAM}")
    sources: list[Row] = [
        dict(row)
        for row in Case.objects.filter(kind__in=[CaseKind.REQUEST, CaseKind.INFORMATION])
        .order_by("pk")
        .values("customer_id", "team_id", "site_id", "received_at")
    ]
    if not sources:
        return
    count = max(MINIMUM, round(len(sources) * SHARE))
    with_line = _lines({row["customer_id"] for row in sources})
    writer = _Writer(context, rng, next_id(Case))
    for source in rng.sample(sources, min(count, len(sources))):
        line = with_line.get(source["customer_id"])
        if line is not None:
            writer.sim_order(source, line)
    for source in rng.sample(sources, min(count, len(sources))):
        writer.after_sales(source)
    with transaction.atomic():
        writer.events.sort(key=lambda event: (event["case_id"], event["at"]))
        rows_insert(Case, writer.cases)
        chain_dicts(CaseEvent, writer.events)
        rows_insert(CaseEvent, writer.events)
        report = clocks_recompute_cases([row["id"] for row in writer.cases], now=context.now)
    sequences_reset([Case])
    tally.cases += len(writer.cases)
    tally.events += len(writer.events)
    tally.clocks += report.created
    for row in writer.cases:
        tally.statuses[row["status"]] += 1
        tally.channels[row["channel"]] += 1
        tally.kinds[row["kind"]] += 1


def _lines(customer_ids: set[int]) -> dict[int, tuple[int, str, str]]:
    """Each customer's first line: (line id, number, the customer's postal address)."""
    addresses = dict(
        Customer.objects.filter(pk__in=customer_ids, unidentified=False).values_list(
            "pk", "postal_address"
        )
    )
    found: dict[int, tuple[int, str, str]] = {}
    rows = Line.objects.filter(account__customer_id__in=list(addresses)).order_by("pk")
    for pk, msisdn, customer_id in rows.values_list("pk", "msisdn", "account__customer_id"):
        address = addresses[customer_id] or "1 rue de la Paix, 75002 Paris"
        found.setdefault(customer_id, (pk, msisdn, address))
    return found


class _Writer:
    """The rows being built, the next case id and the seeded draws."""

    def __init__(self, context: RowContext, rng: random.Random, first_id: int) -> None:
        self.context, self.rng, self.next = context, rng, first_id
        self.cases: list[Row] = []
        self.events: list[Row] = []
        self.motives = {motive.code: motive for motive in context.reference.motives}
        self.teams = {team.pk: team for team in context.reference.teams}

    def _when(self, start: datetime, low_days: float, high_days: float) -> datetime | None:
        at = start + timedelta(days=self.rng.uniform(low_days, high_days))
        return at if at <= self.context.now else None

    def _worker(self, team_id: int) -> int:
        return self.rng.choice(self.context.reference.agents[self.teams[team_id].code]).pk

    def _case(self, source: Row, **fields: Any) -> Row:
        now = self.context.now
        row = {
            "id": self.next,
            "customer_id": source["customer_id"],
            "distributor_id": None,
            "site_id": source["site_id"],
            "team_id": source["team_id"],
            "due_at": None,
            "opened_by_id": None,
            "assignee_id": None,
            "follows_id": None,
            "created_at": now,
            "updated_at": now,
            **fields,
        }
        self.next += 1
        self.cases.append(row)
        return row

    def _opened(self, row: Row, data: dict[str, Any]) -> None:
        team = self.teams[row["team_id"]].code
        motive = next(m.code for m in self.motives.values() if m.pk == row["motive_id"])
        data = {**data, "team": team, "kind": row["kind"], "motive": motive}
        self.events.append(
            event_row(row["id"], EventKind.OPENED, row["received_at"], None,
                      channel=row["channel"], body=row["description"], data=data)
        )  # fmt: skip

    def _event(self, case_id: int, kind: EventKind, at: datetime | None, actor: int,
               **extra: Any) -> datetime | None:  # fmt: skip
        if at is not None:
            self.events.append(event_row(case_id, kind, at, actor, **extra))
        return at

    def _recent(self, received: datetime) -> bool:
        return received > self.context.now - timedelta(days=RECENT_DAYS)

    def _assigned(self, row: Row, worker: int) -> None:
        at = self._when(row["received_at"], 0.01, 0.1)
        if at is not None:
            row["assignee_id"] = worker
            if row["status"] == CaseStatus.NEW:
                row["status"] = CaseStatus.OPEN
            self._event(
                row["id"], EventKind.ASSIGNED, at, worker, data={"from": None, "to": worker}
            )

    def sim_order(self, source: Row, line: tuple[int, str, str]) -> None:
        line_id, msisdn, address = line
        received = source["received_at"]
        fate = self.rng.random()
        never = self._recent(received) and fate > 1 - SIM_UNSHIPPED_SHARE
        late = fate < SIM_LATE_SHARE or fate > 1 - SIM_UNSHIPPED_SHARE
        worker = self._worker(source["team_id"])
        prepared = self._when(received, 0.05, 0.8)
        shipped = None if never else self._when(received, *((8, 14) if late else (0.1, 1.9)))
        delivered = self._when(shipped, 1, 3) if shipped else None
        closed = self._when(delivered, 0.1, 2) if delivered else None
        status = CaseStatus.CLOSED if closed else CaseStatus.NEW
        row = self._case(
            source, channel=self.rng.choice((Channel.PHONE, Channel.WEB, Channel.CHAT)),
            kind=CaseKind.SIM_ORDER, motive_id=self.motives["sim-replacement"].pk,
            subject=f"Carte SIM de remplacement pour la ligne {msisdn}",
            description=self.rng.choice(SIM_REASONS), received_at=received, status=status,
        )  # fmt: skip
        self._opened(row, {"line": line_id, "msisdn": msisdn, "address": address})
        self._assigned(row, worker)
        self._event(row["id"], EventKind.SIM_PREPARED, prepared, worker)
        tracking = f"{self.rng.randrange(10**9, 10**10)}"
        carrier = self.rng.choice(CARRIERS)
        data = {"carrier": carrier, "tracking": tracking}
        self._event(row["id"], EventKind.SIM_SHIPPED, shipped, worker, data=data)
        iccid = f"893315{self.rng.randrange(10**12, 10**13)}"
        self._event(row["id"], EventKind.SIM_DELIVERED, delivered, worker, data={"iccid": iccid})
        body = self.rng.choice(CLOSE_REASONS)
        self._event(row["id"], EventKind.CLOSED, closed, worker, body=body)

    def after_sales(self, source: Row) -> None:
        received = source["received_at"]
        fate = self.rng.random()
        never = self._recent(received) and fate > 1 - AFTER_SALES_UNANSWERED_SHARE
        late = fate < AFTER_SALES_LATE_SHARE or fate > 1 - AFTER_SALES_UNANSWERED_SHARE
        worker = self._worker(source["team_id"])
        answered = None if never else self._when(received, *((20, 30) if late else (0.05, 1)))
        closed = self._when(answered, 0.5, 4) if answered else None
        channel = self.rng.choice(AFTER_SALES_CHANNELS)
        status = (
            CaseStatus.CLOSED if closed else CaseStatus.ANSWERED if answered else CaseStatus.NEW
        )
        subject = self.rng.choice(AFTER_SALES_SUBJECTS)
        row = self._case(
            source, channel=channel, kind=CaseKind.AFTER_SALES,
            motive_id=self.motives["after-sales"].pk, subject=subject,
            description=f"Message du client : {subject}.", received_at=received, status=status,
        )  # fmt: skip
        self._opened(row, {})
        self._assigned(row, worker)
        reply = Channel.EMAIL if channel == Channel.WEB else channel
        body = self.rng.choice(ANSWERS)
        self._event(row["id"], EventKind.ANSWERED, answered, worker, channel=reply, body=body)
        self._event(
            row["id"], EventKind.CLOSED, closed, worker, body=self.rng.choice(CLOSE_REASONS)
        )
