"""The demo's stolen or lost phones (T6.4): declarations across the months, 24/7.

Run after the contacts: about STOLEN_PER_CUSTOMER of the customers declare one of their
lines lost or stolen, at any hour of any day (nights and weekends included), mostly by
phone (agents and the IVR; a few IVR declarations are late-recorded), some on the web.
Most are blocked within minutes, line then handset; about LATE_SHARE have the later of
the two blocks after the hour, a few recent ones are still waiting. The customer is
told the times by email (or the case records why not: no address); some lines are
unblocked days later, after an identity check; older declarations are closed.

Events follow ``operations.stolen``'s formats (docs/operations-stolen.md); each block
has its ``LineEvent`` in the line's chain; the lines still blocked are written blocked.
Drawn vectorised with a generator seeded from ``seed``, written in bulk in one
transaction; clocks are derived by the clocks' own recompute for the new cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Min

from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind, Motive, Team
from pacte.cases.recompute import clocks_recompute_cases
from pacte.core.chain import chain_dicts
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer, Line, LineStatus
from pacte.demo.bulk import next_id, rows_insert, sequences_reset
from pacte.demo.catalogue import METZ_FRAUD_VICTIMS, METZ_FRONT, PARIS_FRAUD_VICTIMS, PARIS_FRONT
from pacte.demo.kind_events import event_row
from pacte.demo.rows import RowContext, Tally
from pacte.operations.models import LineEvent
from pacte.operations.stolen import CONFIRMATION, STOLEN_MOTIVE

Row = dict[str, Any]

STREAM = 64  # this module's own seed stream
STOLEN_PER_CUSTOMER = 0.01
MIN_DECLARATIONS = 40
LATE_SHARE = 0.012  # the later block after the hour
LATE_RECORDED_SHARE = 0.03  # IVR declarations sent minutes after the call
UNBLOCKED_SHARE = 0.08  # phone found: unblocked after an identity check
CHANNELS = (Channel.PHONE, Channel.WEB, Channel.CHAT)
CHANNEL_SHARES = (0.75, 0.18, 0.07)
MINUTE = timedelta(minutes=1)


@dataclass
class _Writer:
    context: RowContext
    cases: list[Row]
    events: list[Row]
    line_events: list[Row]
    still_blocked: list[int]


def stolen_generate(*, context: RowContext, seed: int, tally: Tally, open_only: bool) -> None:
    """Write the demo's stolen-phone declarations with their blocks and clocks (none for
    an ``open_only`` backlog: a declaration is blocked within minutes)."""
    motive = Motive.objects.filter(code=STOLEN_MOTIVE).first()
    if motive is None or open_only:
        return
    rng = np.random.default_rng([seed, STREAM])
    lines: list[Row] = [
        dict(row)
        for row in Line.objects.filter(status=LineStatus.ACTIVE)
        .order_by("pk")
        .values("pk", "msisdn", "imei", "account__customer_id", "account__customer__email")
    ]
    wanted = round(len(context.customer_pks) * STOLEN_PER_CUSTOMER)
    count = min(len(lines), max(MIN_DECLARATIONS, wanted))
    if count == 0:
        return
    chosen = rng.choice(len(lines), size=count, replace=False)
    teams = {team.code: team for team in context.reference.teams}
    victims = set(Customer.objects.filter(fraud_victim=True).values_list("pk", flat=True))
    start = Case.objects.aggregate(first=Min("received_at"))["first"] or (
        context.now - timedelta(days=180)
    )
    span = (context.now - timedelta(hours=2)) - start
    received = [start + span * float(x) for x in rng.random(count)]
    writer = _Writer(context, [], [], [], [])
    first = next_id(Case)
    with transaction.atomic():
        for k, index in enumerate(chosen):
            line = lines[int(index)]
            paris = rng.random() < 0.55
            team = teams[
                (PARIS_FRAUD_VICTIMS if paris else METZ_FRAUD_VICTIMS)
                if line["account__customer_id"] in victims
                else (PARIS_FRONT if paris else METZ_FRONT)
            ]
            _declaration(writer, rng, first + k, line, team, motive, received[k])
        _write(writer, tally)


def _worker(writer: _Writer, team: Team, rng: np.random.Generator) -> int:
    agents = writer.context.reference.agents[team.code]
    return agents[int(rng.integers(len(agents)))].pk


def _delays(rng: np.random.Generator) -> tuple[timedelta, timedelta]:
    """(line block, handset block) after the declaration: minutes, rarely over the hour."""
    first = MINUTE * float(np.clip(rng.lognormal(np.log(7.0), 0.6), 1.0, 40.0))
    second = first + MINUTE * float(np.clip(rng.lognormal(np.log(5.0), 0.6), 0.5, 15.0))
    if rng.random() < LATE_SHARE:
        second = MINUTE * float(rng.uniform(62, 240))
    return (first, second) if rng.random() < 0.8 else (second, first)


def _declaration(
    writer: _Writer,
    rng: np.random.Generator,
    case_id: int,
    line: Row,
    team: Team,
    motive: Motive,
    received: datetime,
) -> None:
    now = writer.context.now
    channel = CHANNELS[int(rng.choice(len(CHANNELS), p=CHANNEL_SHARES))]
    lost = "lost" if rng.random() < 0.4 else "stolen"
    worker = _worker(writer, team, rng)
    line_after, imei_after = _delays(rng)
    line_at, imei_at = received + line_after, received + imei_after
    unblocked = rng.random() < UNBLOCKED_SHARE
    unblock_at = max(line_at, imei_at) + timedelta(days=float(rng.uniform(1, 10)))
    last = unblock_at if unblocked else max(line_at, imei_at)
    closed_at = last + timedelta(hours=float(rng.uniform(2, 72)))
    closed = closed_at <= now
    what = "Vol" if lost == "stolen" else "Perte"
    writer.cases.append(
        {
            "id": case_id,
            "customer_id": line["account__customer_id"],
            "distributor_id": None,
            "channel": channel,
            "kind": CaseKind.STOLEN_PHONE,
            "motive_id": motive.pk,
            "subject": f"{what} du mobile : ligne {line['msisdn']}",
            "description": "",
            "received_at": received,
            "site_id": team.site_id,
            "team_id": team.pk,
            "assignee_id": worker,
            "status": CaseStatus.CLOSED if closed else CaseStatus.OPEN,
            "due_at": None,
            "follows_id": None,
            "opened_by_id": None if channel == Channel.WEB else worker,
            "created_at": now,
            "updated_at": now,
        }
    )
    opened = event_row(
        case_id,
        EventKind.OPENED,
        received,
        None,
        channel=channel,
        data={"line": line["pk"], "msisdn": line["msisdn"], "lost_or_stolen": lost,
              "team": team.code, "kind": CaseKind.STOLEN_PHONE, "motive": STOLEN_MOTIVE},
    )  # fmt: skip
    if channel == Channel.PHONE and rng.random() < LATE_RECORDED_SHARE:
        opened.update(recorded_at=received + MINUTE * float(rng.uniform(3, 30)), late_recorded=True)
    writer.events.append(opened)
    _blocks(writer, case_id, line, worker, line_at=line_at, imei_at=imei_at)
    told_at = max(line_at, imei_at) + timedelta(seconds=2)
    if told_at <= now:
        writer.events.append(
            _told(case_id, told_at, worker, bool(line["account__customer__email"]))
        )
    if unblocked and unblock_at <= now:
        _unblock(writer, case_id, line, worker, unblock_at)
    elif max(line_at, imei_at) <= now:
        writer.still_blocked.append(line["pk"])
    if closed:
        writer.events.append(event_row(case_id, EventKind.CLOSED, closed_at, worker))


def _line_event(
    line: Row, case_id: int, worker: int, at: datetime, moves: tuple[str, str, bool], why: str
) -> Row:
    status_from, status_to, imei = moves
    cause = "stolen" if imei or status_to == LineStatus.BLOCKED else "unblock"
    return {
        "line_id": line["pk"], "status_from": status_from, "status_to": status_to,
        "imei_blocked": imei, "at": at, "recorded_at": at, "late_recorded": False,
        "actor_id": worker, "case_id": case_id, "reason": why, "data": {"cause": cause},
    }  # fmt: skip


def _blocks(
    writer: _Writer, case_id: int, line: Row, worker: int, *, line_at: datetime, imei_at: datetime
) -> None:
    now = writer.context.now
    data = {"line": line["pk"], "msisdn": line["msisdn"], "imei": line["imei"]}
    steps = sorted(
        [(line_at, EventKind.LINE_BLOCKED), (imei_at, EventKind.IMEI_BLOCKED)],
        key=lambda step: step[0],
    )
    status, imei = LineStatus.ACTIVE, False
    for at, kind in steps:
        if at > now:
            continue
        after = (LineStatus.BLOCKED, imei) if kind == EventKind.LINE_BLOCKED else (status, True)
        why = "Ligne bloquée : vol ou perte" if kind == EventKind.LINE_BLOCKED else (
            "Mobile bloqué (IMEI) : vol ou perte"
        )  # fmt: skip
        writer.line_events.append(
            _line_event(line, case_id, worker, at, (status, after[0], after[1]), why)
        )
        status, imei = after
        writer.events.append(event_row(case_id, kind, at, worker, data=dict(data)))


def _told(case_id: int, at: datetime, worker: int, has_address: bool) -> Row:
    if not has_address:
        return event_row(
            case_id, EventKind.NOTICE_IMPOSSIBLE, at, worker,
            body="Le client n'a pas d'adresse e-mail : la confirmation n'a pas pu être envoyée.",
            data={"party": "customer", "what": CONFIRMATION},
        )  # fmt: skip
    return event_row(
        case_id, EventKind.NOTICE_SENT, at, worker, channel=Channel.EMAIL,
        body="Confirmation du blocage de la ligne et du mobile, avec les heures.",
        data={"party": "customer", "channel": str(Channel.EMAIL), "what": CONFIRMATION},
    )  # fmt: skip


def _unblock(writer: _Writer, case_id: int, line: Row, worker: int, at: datetime) -> None:
    checked = at - MINUTE * 3
    writer.events.append(
        event_row(case_id, EventKind.IDENTITY_CHECKED, checked, worker, channel=Channel.PHONE,
                  data={"method": "security_questions", "questions": ["Date de naissance"]})
    )  # fmt: skip
    writer.events.append(
        event_row(case_id, EventKind.LINE_UNBLOCKED, at, worker, body="Mobile retrouvé",
                  data={"line": line["pk"], "msisdn": line["msisdn"]})
    )  # fmt: skip
    writer.line_events.append(
        _line_event(
            line, case_id, worker, at, (LineStatus.BLOCKED, LineStatus.ACTIVE, False),
            "Mobile retrouvé",
        )
    )  # fmt: skip


def _write(writer: _Writer, tally: Tally) -> None:
    for event in writer.events:
        event.setdefault("late_recorded", False)
    writer.events.sort(key=lambda event: (event["case_id"], event["at"]))
    writer.line_events.sort(key=lambda event: (event["line_id"], event["at"]))
    rows_insert(Case, writer.cases)
    chain_dicts(CaseEvent, writer.events)
    rows_insert(CaseEvent, writer.events)
    chain_dicts(LineEvent, writer.line_events)
    rows_insert(LineEvent, writer.line_events)
    Line.objects.filter(pk__in=writer.still_blocked).update(
        status=LineStatus.BLOCKED, imei_blocked=True
    )
    sequences_reset([Case])
    ids = [row["id"] for row in writer.cases]
    report = clocks_recompute_cases(ids, now=writer.context.now)
    tally.cases += len(ids)
    tally.events += len(writer.events)
    tally.clocks += report.created
    for row in writer.cases:
        tally.statuses[row["status"]] += 1
        tally.channels[row["channel"]] += 1
        tally.kinds[row["kind"]] += 1
