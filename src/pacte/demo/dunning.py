"""Dunning in the demo (T4.3): unpaid bills, contact attempts, suspensions and refusals.

A share of the demo's lines get an unpaid bill (through the real CSV import, as the
billing system sends them) and a dunning case opened some days after; most get a
contact attempt giving the means to regularise. Lines whose contact is at least 8 days
old are mostly suspended (LINE_SUSPENDED on the case and the line's own chained
LineEvent, cause ``non_payment``); some suspensions were tried too early or before any
contact and refused (SUSPENSION_REFUSED, kept for the monthly review); a rare one,
from imported history, has no contact before it (T4.3-a shows it as a failure).

Rows are written in bulk as the services write them (``dunning_rows_write``: cases,
their chained events, the dunning links, the lines' chained status changes), so the
bench reuses the writer for its 100,000 dunning cases.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind, Motive, Team
from pacte.core.chain import chain_dicts
from pacte.core.models import User
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Line, LineStatus
from pacte.demo.bulk import next_id, rows_insert, sequences_reset
from pacte.demo.kind_events import event_row
from pacte.demo.rows import RowContext, Tally
from pacte.operations.bills_import import bills_csv, bills_import
from pacte.operations.dunning import dunning_motive, dunning_team
from pacte.operations.models import DunningCase, ImportBatch, LineEvent, UnpaidBill

Row = dict[str, Any]
# Wiped with the demo (demo.reset): the bills' imports too, or a regenerated demo's
# identical file would be "already imported" and bring no bill.
DUNNING_TABLES = (DunningCase, UnpaidBill, LineEvent, ImportBatch)
STREAM = 43  # this module's own seed stream
SHARE = 0.03  # of the demo's lines, at most MAX_LINES
MAX_LINES = 3000
MIN_LINES = 60  # so that a small demo shows each step
OPENED_WITHIN = 38  # days
CONTACTED = 0.9
SUSPENDED = 0.7  # of the lines contacted 8 days ago or more
REFUSED = 0.15  # of the dunned lines: a suspension tried too early, refused
IMPORTED_EVERY = 30  # one suspension in 30 is imported history, with no contact before
MEANS = (["pay_online", "payment_plan"], ["direct_debit"], ["pay_online", "shop"])
CONTENT = "Relance : {amount} € impayés. Régularisez en ligne, en boutique ou par échéancier."


@dataclass(frozen=True)
class DunnedLine:
    """One dunning case to write and what happens on it (None: does not happen)."""

    line_id: int
    customer_id: int
    msisdn: str
    opened: datetime
    contact: datetime | None = None
    suspended: datetime | None = None
    refused: datetime | None = None
    refused_allowed_from: datetime | None = None


@dataclass
class _Rows:
    cases: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)
    line_events: list[Row] = field(default_factory=list)


def dunning_rows_write(
    dunned: Sequence[DunnedLine], *, team: Team, motive: Motive, actor: User, now: datetime
) -> list[int]:
    """Write the dunning cases of ``dunned`` with their events (one transaction); their
    ids. Bills of each line without a case are linked to it."""
    rows = _Rows()
    first = next_id(Case)
    for offset, item in enumerate(dunned):
        _case(rows, first + offset, item, team=team, motive=motive, actor=actor.pk, now=now)
    with transaction.atomic():
        rows_insert(Case, rows.cases)
        chain_dicts(CaseEvent, rows.events)
        rows_insert(CaseEvent, rows.events)
        rows_insert(DunningCase, rows.links)
        chain_dicts(LineEvent, rows.line_events)
        rows_insert(LineEvent, rows.line_events)
        suspended = [item.line_id for item in dunned if item.suspended is not None]
        Line.objects.filter(pk__in=suspended).update(status=LineStatus.SUSPENDED)
        _bills_link([item.line_id for item in dunned])
    sequences_reset([Case])
    return [first + offset for offset in range(len(dunned))]


def _bills_link(line_ids: list[int]) -> None:
    """Each unlinked bill of these lines points to its line's (latest) dunning case.

    Selected by line only (its index): a ``case IS NULL`` condition would lead SQLite to
    the case index, every unlinked bill of the table, for each batch."""
    case_of_line = DunningCase.objects.filter(line_id=OuterRef("line_id")).order_by("-case_id")
    latest = Subquery(case_of_line.values("case_id")[:1])
    for start in range(0, len(line_ids), 5000):
        UnpaidBill.objects.filter(line_id__in=line_ids[start : start + 5000]).update(
            case_id=Coalesce("case_id", latest)
        )


def _case(
    rows: _Rows,
    case_id: int,
    item: DunnedLine,
    *,
    team: Team,
    motive: Motive,
    actor: int,
    now: datetime,
) -> None:
    subject = f"Factures impayées, ligne {item.msisdn}"
    rows.cases.append(
        {
            "id": case_id,
            "customer_id": item.customer_id,
            "distributor_id": None,
            "channel": Channel.PHONE,
            "kind": CaseKind.DUNNING,
            "motive_id": motive.pk,
            "subject": subject,
            "description": "",
            "received_at": item.opened,
            "site_id": team.site_id,
            "team_id": team.pk,
            "assignee_id": None,
            "status": CaseStatus.OPEN,
            "due_at": None,
            "follows_id": None,
            "opened_by_id": actor,
            "created_at": now,
            "updated_at": now,
        }
    )
    opened = {"line": item.line_id, "msisdn": item.msisdn, "team": team.code}
    opened |= {"kind": CaseKind.DUNNING, "motive": motive.code}
    events = [
        event_row(case_id, EventKind.OPENED, item.opened, actor, channel="phone", data=opened)
    ]
    if item.contact is not None:
        data = {"means": MEANS[case_id % len(MEANS)], "means_given": True, "channel": "phone"}
        body = CONTENT.format(amount="45,90")
        events.append(
            event_row(case_id, EventKind.DUNNING_CONTACT, item.contact, actor, channel="phone",
                      body=body, data={**data, "line": item.line_id})
        )  # fmt: skip
    if item.refused is not None:
        allowed = item.refused_allowed_from
        data = {"rule": "T4.3", "line": item.line_id, "days": 8}
        data["contact_at"] = item.contact.isoformat() if allowed and item.contact else None
        data["code"] = "suspension_too_early" if allowed else "suspension_no_contact"
        data["allowed_from"] = allowed.isoformat() if allowed else None
        events.append(
            event_row(case_id, EventKind.SUSPENSION_REFUSED, item.refused, actor,
                      body="Impayés persistants.", data=data)
        )  # fmt: skip
    if item.suspended is not None:
        data = {"line": item.line_id, "days": 8, "contact": None}
        data["contact_at"] = item.contact.isoformat() if item.contact else None
        events.append(
            event_row(case_id, EventKind.LINE_SUSPENDED, item.suspended, actor,
                      body="Impayés persistants.", data=data)
        )  # fmt: skip
        rows.line_events.append(
            {
                "line_id": item.line_id,
                "status_from": LineStatus.ACTIVE,
                "status_to": LineStatus.SUSPENDED,
                "imei_blocked": False,
                "at": item.suspended,
                "recorded_at": item.suspended,
                "late_recorded": False,
                "actor_id": actor,
                "case_id": case_id,
                "reason": "Impayés persistants.",
                "data": {"cause": "non_payment"},
            }
        )
    events.sort(key=lambda row: row["at"])
    rows.events.extend(events)
    rows.links.append({"case_id": case_id, "line_id": item.line_id})


def _plan(
    rng: np.random.Generator, lines: list[tuple[int, int, str]], now: datetime, days: int
) -> list[DunnedLine]:
    plans, suspensions = [], 0
    for line_id, customer_id, msisdn in lines:
        opened = now - timedelta(days=float(rng.uniform(10, days)))
        span = (now - opened).total_seconds() / 86400
        contact = None
        if rng.random() < CONTACTED:
            contact = opened + timedelta(days=float(rng.uniform(0.5, span * 0.8)))
        suspended = refused = allowed_from = None
        draw = rng.random()
        waited = (now - contact).days if contact is not None else 0
        if contact is not None and waited >= 9 and draw < SUSPENDED:
            suspended = contact + timedelta(days=float(rng.uniform(8.05, waited)))
            if suspensions % IMPORTED_EVERY == 0:  # imported history: no contact before it
                contact = None
            suspensions += 1
        if draw > 1 - REFUSED and contact is not None and waited >= 2:
            refused = contact + timedelta(days=float(rng.uniform(1, min(7, waited))))
            allowed_from = contact + timedelta(days=8)
        elif draw > 1 - REFUSED and contact is None:
            refused = opened + timedelta(days=float(rng.uniform(0.2, span)))
        plans.append(
            DunnedLine(
                line_id, customer_id, msisdn, opened, contact, suspended, refused, allowed_from
            )
        )
    return plans


def dunning_demo(*, context: RowContext, seed: int, tally: Tally) -> int:
    """Unpaid bills (imported), dunning cases, contacts, suspensions and refusals for a
    share of the demo's lines, opened in the last OPENED_WITHIN days (a dunning case
    stays open while the bills are unpaid); the number of dunning cases."""
    rng = np.random.default_rng([seed, STREAM])
    now, actor = context.now, context.reference.users["supervisor"]
    lines = list(
        Line.objects.filter(status=LineStatus.ACTIVE)
        .order_by("pk")
        .values_list("pk", "account__customer_id", "msisdn", "account__number")
    )
    if not lines:
        return 0
    count = min(len(lines), MAX_LINES, max(MIN_LINES, round(len(lines) * SHARE)))
    chosen = [lines[int(k)] for k in sorted(rng.choice(len(lines), size=count, replace=False))]
    bills = [
        (
            account,
            msisdn,
            f"F{now:%Y%m}-{pk}",
            f"{int(rng.integers(1500, 12000)) / 100:.2f}".replace(".", ","),
            (now - timedelta(days=int(rng.integers(20, 60)))).date().isoformat(),
        )
        for pk, _customer, msisdn, account in chosen
    ]
    bills_import(
        stream=io.BytesIO(bills_csv(bills)), file_name="facturation-impayes.csv", actor=actor
    )
    motive = dunning_motive()
    team = dunning_team()
    plans = _plan(
        rng, [(pk, customer, msisdn) for pk, customer, msisdn, _a in chosen], now, OPENED_WITHIN
    )
    ids = dunning_rows_write(plans, team=team, motive=motive, actor=actor, now=now)
    tally.cases += len(ids)
    tally.events += CaseEvent.objects.filter(case_id__in=ids).count()
    tally.statuses[CaseStatus.OPEN] += len(ids)
    tally.channels[Channel.PHONE] += len(ids)
    tally.kinds[CaseKind.DUNNING] += len(ids)
    return len(ids)
