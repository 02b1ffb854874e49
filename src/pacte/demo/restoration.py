"""Payments and line restorations of the demo (T4.4), written in bulk.

Run after the contacts: about ``SHARE`` of the lines were suspended for non-payment
(a ``LineEvent`` with ``cause: non_payment``, their unpaid bill reported some days
before) and paid 1 to 10 days later. Each payment opens a restoration case received at
its registration, as ``operations.payments`` does; most lines are restored within the
technical delay (minutes to 3 h), ``LATE_SHARE`` after it (4 to 10 h), and the last few
payments are still waiting now: ``OVERDUE`` (2 h 30 and 5 h ago, so that the
supervisor's screen shows one overdue and one breached) and one just paid. Event and
line-event data follow docs/operations-restoration.md. Clocks are then derived by the
clocks' own recompute.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Min

from pacte.cases.models import Case, CaseEvent, CaseStatus, Clock, EventKind, Team
from pacte.cases.recompute import clocks_recompute_cases
from pacte.core.chain import chain_dicts
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Line, LineStatus
from pacte.demo.bulk import next_id, rows_insert, sequences_reset
from pacte.demo.kind_events import event_row
from pacte.demo.rows import RowContext, Tally
from pacte.operations.models import LineEvent, Payment, PaymentSource, UnpaidBill
from pacte.operations.restoration import restoration_motive

Row = dict[str, Any]
STREAM = 44  # this module's own seed stream
SHARE = 0.03  # of the lines
MAX_LINES = 3000
LATE_SHARE = 0.02  # restored after the 4 h technical delay
WAITING = (timedelta(hours=5), timedelta(hours=2, minutes=30), timedelta(minutes=20))
SOURCES = (PaymentSource.API, PaymentSource.IMPORT, PaymentSource.SCREEN)


def _lines(rng: np.random.Generator) -> list[tuple[int, int, int, str]]:
    lines = list(
        Line.objects.filter(status=LineStatus.ACTIVE)
        .order_by("pk")
        .values_list("pk", "account_id", "account__customer_id", "msisdn")
    )
    count = min(MAX_LINES, max(len(WAITING) + 5, round(len(lines) * SHARE)), len(lines))
    if not lines:
        return []
    picked = rng.choice(len(lines), size=count, replace=False)
    return [lines[int(index)] for index in sorted(picked.tolist())]


class _Writer:
    """The rows of the demo's restorations."""

    def __init__(self, context: RowContext, team: Team) -> None:
        self.context, self.team = context, team
        self.motive = restoration_motive()
        self.case_id, self.payment_id = next_id(Case), next_id(Payment)
        self.cases: list[Row] = []
        self.events: list[Row] = []
        self.line_events: list[Row] = []
        self.payments: list[Row] = []
        self.bills: list[Row] = []
        self.suspended: list[int] = []

    def line_event(self, line: int, moved: tuple[str, str], at: datetime, **fields: Any) -> None:
        self.line_events.append(
            {"line_id": line, "status_from": moved[0], "status_to": moved[1], "at": at,
             "recorded_at": at, "actor_id": None, "imei_blocked": False,
             "late_recorded": False, **fields}
        )  # fmt: skip

    def one(self, line: tuple[int, int, int, str], times: tuple[datetime, ...], k: int) -> None:
        line_id, account, customer, msisdn = line
        suspended, paid, restored = times
        amount = Decimal(20 + (k * 37) % 80).quantize(Decimal("0.01"))
        self.line_event(line_id, (LineStatus.ACTIVE, LineStatus.SUSPENDED), suspended,
                        reason="Impayé après relance", data={"cause": "non_payment"})  # fmt: skip
        self.bills.append(
            {"account_id": account, "line_id": line_id, "invoice": f"DEMO-R{line_id}",
             "amount": amount, "due_on": (suspended - timedelta(days=20)).date(),
             "reported_at": suspended - timedelta(days=9), "batch_id": None, "case_id": None,
             "settled_at": paid}
        )  # fmt: skip
        payment, case_id = self.payment_id, self.case_id
        self.payment_id, self.case_id = payment + 1, case_id + 1
        self.payments.append(
            {"id": payment, "account_id": account, "reference": f"PAY-{line_id}-{k}",
             "amount": amount, "paid_on": paid.date(), "registered_at": paid,
             "source": SOURCES[k % len(SOURCES)], "batch_id": None, "actor_id": None}
        )  # fmt: skip
        self._case(case_id, customer, paid, restored, msisdn)
        opened = {"payment": payment, "line": line_id, "msisdn": msisdn, "team": self.team.code,
                  "kind": CaseKind.RESTORATION, "motive": self.motive.code}  # fmt: skip
        self.events += [
            event_row(case_id, EventKind.OPENED, paid, None, channel=Channel.PHONE, data=opened),
            event_row(case_id, EventKind.PAYMENT_REGISTERED, paid, None,
                      data={"payment": payment, "reference": f"PAY-{line_id}-{k}",
                            "amount": str(amount), "paid_on": paid.date().isoformat(),
                            "source": SOURCES[k % len(SOURCES)]}),
        ]  # fmt: skip
        if restored > self.context.now:
            self.suspended.append(line_id)
            return
        self.line_event(line_id, (LineStatus.SUSPENDED, LineStatus.ACTIVE), restored,
                        case_id=case_id, reason="Rétablie après paiement",
                        data={"cause": "restoration"})  # fmt: skip
        self.events += [
            event_row(case_id, EventKind.LINE_RESTORED, restored, None,
                      data={"line": line_id, "msisdn": msisdn}),
            event_row(case_id, EventKind.CLOSED, restored, None, body="Ligne rétablie."),
        ]  # fmt: skip

    def _case(
        self, case_id: int, customer: int, paid: datetime, restored: datetime, msisdn: str
    ) -> None:
        now = self.context.now
        self.cases.append(
            {"id": case_id, "customer_id": customer, "distributor_id": None,
             "channel": Channel.PHONE, "kind": CaseKind.RESTORATION,
             "motive_id": self.motive.pk, "subject": f"Rétablir la ligne {msisdn} après paiement",
             "description": "", "received_at": paid, "site_id": self.team.site_id,
             "team_id": self.team.pk, "assignee_id": None,
             "status": CaseStatus.CLOSED if restored <= now else CaseStatus.NEW,
             "due_at": None, "follows_id": None, "opened_by_id": None,
             "created_at": now, "updated_at": now}
        )  # fmt: skip


def _times(
    rng: np.random.Generator, count: int, *, start: datetime, now: datetime
) -> list[tuple[datetime, ...]]:
    span = max(1.0, (now - start).total_seconds() - 12 * 86400)
    suspended = rng.uniform(0, span, count)
    paid_after = rng.uniform(86400, 10 * 86400, count)
    late = rng.random(count) < LATE_SHARE
    late[0] = True  # at least one, so that a small demo shows a late restoration too
    delay = np.where(late, rng.uniform(4.05 * 3600, 10 * 3600, count),
                     rng.uniform(300, 3 * 3600, count))  # fmt: skip
    found: list[tuple[datetime, ...]] = []
    for k in range(count):
        at = start + timedelta(seconds=float(suspended[k]))
        paid = at + timedelta(seconds=float(paid_after[k]))
        found.append((at, paid, paid + timedelta(seconds=float(delay[k]))))
    for k, ago in enumerate(WAITING):  # the last few are still waiting now
        paid = now - ago
        found[-1 - k] = (paid - timedelta(days=3), paid, now + timedelta(days=1))
    return found


def restoration_generate(
    *, context: RowContext, seed: int, tally: Tally, open_only: bool = False
) -> int:
    """Write the demo's suspensions for non-payment, payments and restorations (none
    for a backlog, ``open_only``), counted in ``tally``; the number of restoration
    cases."""
    if open_only:
        return 0
    rng = np.random.default_rng([seed, STREAM])
    start = Case.objects.aggregate(first=Min("received_at"))["first"] or context.now
    team = Team.objects.order_by("site_id", "code").first()
    lines = _lines(rng)
    if team is None or not lines:
        return 0
    with transaction.atomic():
        writer = _Writer(context, team)
        for k, (line, times) in enumerate(
            zip(lines, _times(rng, len(lines), start=start, now=context.now), strict=True)
        ):
            writer.one(line, times, k)
        writer.line_events.sort(key=lambda row: (row["line_id"], row["at"]))
        chain_dicts(LineEvent, writer.line_events)
        rows_insert(LineEvent, writer.line_events)
        Line.objects.filter(pk__in=writer.suspended).update(status=LineStatus.SUSPENDED)
        rows_insert(UnpaidBill, writer.bills)
        rows_insert(Payment, writer.payments)
        rows_insert(Case, writer.cases)
        writer.events.sort(key=lambda row: (row["case_id"], row["at"]))
        chain_dicts(CaseEvent, writer.events)
        rows_insert(CaseEvent, writer.events)
        sequences_reset([Case, Payment, UnpaidBill, LineEvent, CaseEvent])
        ids = [row["id"] for row in writer.cases]
        report = clocks_recompute_cases(ids, now=context.now)
    _count(tally, writer, ids, report.created)
    return len(writer.cases)


def _count(tally: Tally, writer: _Writer, ids: list[int], clocks: int) -> None:
    tally.cases += len(writer.cases)
    tally.events += len(writer.events)
    tally.clocks += clocks
    for row in writer.cases:
        tally.statuses[row["status"]] += 1
        tally.channels[row["channel"]] += 1
        tally.kinds[row["kind"]] += 1
    states = Clock.objects.filter(case_id__in=ids).values_list("state", flat=True)
    tally.clock_states.update(Counter(states))
