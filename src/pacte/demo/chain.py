"""The complaint chain of the demo: appeals (level 2) and mediator referrals (level 3).

Run after the contacts are written: about APPEAL_SHARE of the answered written
complaints are appealed some days after their last event, by letter, email or the
web, to the appeals service of the complaint's site (whose agents never answer level
1). Most appeals are answered within the month with the mediator's coordinates (a few
late, a few never, a very few without the notice: old history); some answered appeals
are referred to the mediator, whose recommendation, when accepted, is mostly applied
within the month. Event data follow the complaints app's formats (docs/complaints.md).

Draws are vectorised per batch of complaints with a generator seeded from ``seed``;
rows are written as the contacts are (explicit ids, chained events, one transaction per
batch). Clocks are then derived by the clocks' own recompute for the new cases, so that
they are what ``recompute_clocks`` derives, whatever rules the scheme has.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import transaction
from django.db.models import Max

from pacte.cases.models import Case, CaseEvent, CaseStatus, Clock, EventKind, Team
from pacte.cases.recompute import clocks_recompute_cases
from pacte.core.chain import chain_dicts
from pacte.core.vocabulary import WRITTEN_CHANNELS, CaseKind, Channel
from pacte.demo.bulk import next_id, rows_insert, sequences_reset
from pacte.demo.chain_words import (
    APPEAL_ANSWERS,
    APPEAL_SUBJECTS,
    APPLIED,
    MEDIATION_SUBJECTS,
    MEDIATOR_NOTICE,
    RECOMMENDATIONS,
)
from pacte.demo.contacts import US_PER_DAY
from pacte.demo.deadlines import to_datetime, to_us
from pacte.demo.kind_events import event_row
from pacte.demo.outcomes import HOUR, NONE
from pacte.demo.rows import RowContext, Tally
from pacte.demo.words import CLOSE_REASONS

Ints = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]
Row = dict[str, Any]

STREAM = 12  # the chain's own seed stream, apart from the contacts' chunks
BATCH = 2000
APPEAL_SHARE = 0.1  # of the answered written complaints
APPEAL_CHANNELS = (Channel.LETTER, Channel.EMAIL, Channel.WEB)
APPEAL_CHANNEL_SHARES = (0.35, 0.35, 0.30)
APPEAL_LATE_SHARE = 0.05  # answered after the month
APPEAL_UNANSWERED_SHARE = 0.03  # never answered
NO_NOTICE_SHARE = 0.01  # answered without the mediator's notice (old imported history)
REFERRAL_SHARE = 0.25  # of the answered appeals
RECOMMENDED_SHARE = 0.85  # of the referrals, when their time has come
ACCEPTED_SHARE = 0.7  # of the recommendations
APPLIED_LATE_SHARE = 0.07  # of the accepted recommendations
APPLIED_NEVER_SHARE = 0.03


@dataclass(frozen=True)
class _Draws:
    """Per appealed complaint of a batch (µs UTC, or NONE)."""

    appeal: Ints
    channel: Ints
    slot: Ints
    assigned: Ints
    answered: Ints
    no_notice: Flags
    closed: Ints
    referral: Ints
    med_assigned: Ints
    recommended: Ints
    accepted: Flags
    applied: Ints
    med_closed: Ints


def chain_generate(*, context: RowContext, seed: int, tally: Tally) -> None:
    """Write the appeals and mediator referrals of the answered written complaints."""
    complaints = np.array(
        Case.objects.filter(
            kind=CaseKind.COMPLAINT,
            channel__in=sorted(WRITTEN_CHANNELS),
            status__in=[CaseStatus.ANSWERED, CaseStatus.CLOSED],
        )
        .order_by("pk")
        .values_list("pk", flat=True),
        dtype=np.int64,
    )
    rng = np.random.default_rng([seed, STREAM])
    chosen = complaints[rng.random(len(complaints)) < APPEAL_SHARE]
    next_case = next_id(Case)
    for number, start in enumerate(range(0, len(chosen), BATCH)):
        with transaction.atomic():
            next_case = _batch(
                np.random.default_rng([seed, STREAM, number]),
                chosen[start : start + BATCH].tolist(),
                context=context,
                first_id=next_case,
                tally=tally,
            )
    sequences_reset([Case])


def _uniform_days(rng: np.random.Generator, low: float, high: float, n: int) -> Ints:
    return np.rint(rng.uniform(low, high, n) * US_PER_DAY).astype(np.int64)


def _not_after(values: Ints, now_us: int) -> Ints:
    return np.where((values == NONE) | (values > now_us), NONE, values)


def _after(base: Ints, delay: Ints, keep: Flags, now_us: int) -> Ints:
    """``base + delay`` where ``keep`` and ``base`` happened, and not after now; else NONE."""
    return _not_after(np.where(keep & (base != NONE), base + delay, NONE), now_us)


def _draw(rng: np.random.Generator, last_us: Ints, now_us: int) -> _Draws:
    n = len(last_us)
    delay = np.clip(rng.lognormal(np.log(9.0), 0.6, n), 1.0, 60.0) * US_PER_DAY
    appeal = _not_after(last_us + np.rint(delay).astype(np.int64), now_us - HOUR)
    fate = rng.random(n)
    late = fate < APPEAL_LATE_SHARE
    unanswered = (fate >= APPEAL_LATE_SHARE) & (fate < APPEAL_LATE_SHARE + APPEAL_UNANSWERED_SHARE)
    answer_delay = np.where(late, _uniform_days(rng, 33, 45, n), _uniform_days(rng, 3, 26, n))
    answered = _after(appeal, answer_delay, ~unanswered, now_us)
    referral = _after(
        answered, _uniform_days(rng, 7, 60, n), rng.random(n) < REFERRAL_SHARE, now_us - HOUR
    )
    recommended = _after(
        referral, _uniform_days(rng, 21, 70, n), rng.random(n) < RECOMMENDED_SHARE, now_us
    )
    accepted = rng.random(n) < ACCEPTED_SHARE
    applied_fate = rng.random(n)
    late_applied = applied_fate < APPLIED_LATE_SHARE
    applied_delay = np.where(
        late_applied, _uniform_days(rng, 33, 50, n), _uniform_days(rng, 2, 26, n)
    )
    never = applied_fate >= 1 - APPLIED_NEVER_SHARE
    applied = _after(recommended, applied_delay, accepted & ~never, now_us)
    closing = np.where(accepted, applied, recommended)
    closing_delay = np.where(accepted, _uniform_days(rng, 0.2, 3, n), _uniform_days(rng, 1, 5, n))
    return _Draws(
        appeal=appeal,
        channel=rng.choice(len(APPEAL_CHANNELS), size=n, p=APPEAL_CHANNEL_SHARES),
        slot=rng.integers(0, 1_000_000, n),
        assigned=_after(appeal, _uniform_days(rng, 0.04, 2, n), np.ones(n, bool), now_us),
        answered=answered,
        no_notice=rng.random(n) < NO_NOTICE_SHARE,
        closed=_after(answered, _uniform_days(rng, 0.5, 6, n), np.ones(n, bool), now_us),
        referral=referral,
        med_assigned=_after(referral, _uniform_days(rng, 0.04, 1, n), np.ones(n, bool), now_us),
        recommended=recommended,
        accepted=accepted,
        applied=applied,
        med_closed=_after(closing, closing_delay, np.ones(n, bool), now_us),
    )


def _facts(ids: list[int]) -> tuple[dict[int, Row], dict[int, datetime]]:
    """The complaints' fields, and the instant of the last event of each."""
    cases: dict[int, Row] = {
        row["pk"]: dict(row)
        for row in Case.objects.filter(pk__in=ids).values(
            "pk", "customer_id", "site_id", "motive_id", "received_at"
        )
    }
    events = CaseEvent.objects.filter(case_id__in=ids).values("case_id")
    times = {row["case_id"]: row["last"] for row in events.annotate(last=Max("at"))}
    return cases, times


@dataclass
class _Writer:
    """The rows of a batch being built."""

    context: RowContext
    appeals_team: dict[int, Team]
    cases: list[Row]
    events: list[Row]

    def at(self, values: Ints, k: int) -> datetime | None:
        value = int(values[k])
        return None if value == NONE else to_datetime(value)

    def agent(self, team: Team, slot: int) -> int:
        agents = self.context.reference.agents[team.code]
        return agents[slot % len(agents)].pk

    def case(self, case_id: int, complaint: Row, team: Team, **fields: Any) -> Row:
        now = self.context.now
        row = {
            "id": case_id,
            "customer_id": complaint["customer_id"],
            "distributor_id": None,
            "motive_id": complaint["motive_id"],
            "site_id": team.site_id,
            "team_id": team.pk,
            "due_at": None,
            "opened_by_id": None,
            "created_at": now,
            "updated_at": now,
            **fields,
        }
        self.cases.append(row)
        return row

    def opened(self, row: Row, team: Team) -> None:
        data = {"team": team.code, "kind": row["kind"], "motive": _motive_code(self, row)}
        self.events.append(
            event_row(row["id"], EventKind.OPENED, row["received_at"], None,
                      channel=row["channel"], body=row["description"], data=data)
        )  # fmt: skip

    def assigned(self, case_id: int, at: datetime | None, worker: int) -> None:
        if at is not None:
            data = {"from": None, "to": worker}
            self.events.append(event_row(case_id, EventKind.ASSIGNED, at, worker, data=data))

    def closed(self, case_id: int, at: datetime | None, worker: int) -> None:
        if at is not None:
            body = self.context.texts.choice(CLOSE_REASONS)
            self.events.append(event_row(case_id, EventKind.CLOSED, at, worker, body=body))


def _motive_code(writer: _Writer, row: Row) -> str:
    return next(m.code for m in writer.context.reference.motives if m.pk == row["motive_id"])


def _status(*, closed: bool, answered: bool, assigned: bool) -> CaseStatus:
    if closed:
        return CaseStatus.CLOSED
    if answered:
        return CaseStatus.ANSWERED
    return CaseStatus.OPEN if assigned else CaseStatus.NEW


def _batch(
    rng: np.random.Generator, ids: list[int], *, context: RowContext, first_id: int, tally: Tally
) -> int:
    """Draw and write the appeals (and referrals) of the complaints ``ids``; the next id."""
    complaints, times = _facts(ids)
    last = np.array([to_us(times[pk]) for pk in ids], dtype=np.int64)
    draws = _draw(rng, last, to_us(context.now))
    teams = [team for team in context.reference.teams if team.handles_appeals]
    writer = _Writer(context, {team.site_id: team for team in teams}, [], [])
    appealed = [k for k in range(len(ids)) if draws.appeal[k] != NONE]
    referred = [k for k in appealed if draws.referral[k] != NONE]
    appeal_ids = {k: first_id + n for n, k in enumerate(appealed)}
    mediation_ids = {k: first_id + len(appealed) + n for n, k in enumerate(referred)}
    for k in appealed:
        _appeal(writer, draws, k, complaints[ids[k]], appeal_ids[k], mediation_ids.get(k))
    for k in referred:
        _mediation(writer, draws, k, complaints[ids[k]], mediation_ids[k], appeal_ids[k])
    writer.events.sort(key=lambda event: (event["case_id"], event["at"]))
    rows_insert(Case, writer.cases)
    chain_dicts(CaseEvent, writer.events)
    rows_insert(CaseEvent, writer.events)
    new_ids = [row["id"] for row in writer.cases]
    report = clocks_recompute_cases(new_ids, now=context.now)
    _count(tally, writer, new_ids, report.created)
    return first_id + len(new_ids)


def _appeal(
    writer: _Writer, draws: _Draws, k: int, complaint: Row, case_id: int, referral: int | None
) -> None:
    texts = writer.context.texts
    team = writer.appeals_team[complaint["site_id"]]
    worker = writer.agent(team, int(draws.slot[k]))
    received = writer.at(draws.appeal, k)
    answered, closed = writer.at(draws.answered, k), writer.at(draws.closed, k)
    assigned = writer.at(draws.assigned, k)
    subject = texts.choice(APPEAL_SUBJECTS)
    channel = APPEAL_CHANNELS[int(draws.channel[k])]
    row = writer.case(
        case_id, complaint, team,
        channel=channel, kind=CaseKind.APPEAL, subject=subject,
        description=f"Message du client : {subject} (réclamation P{complaint['pk']:08d}).",
        received_at=received, assignee_id=worker if assigned else None,
        status=_status(closed=closed is not None, answered=answered is not None,
                       assigned=assigned is not None),
        follows_id=complaint["pk"],
    )  # fmt: skip
    writer.events.append(
        event_row(complaint["pk"], EventKind.APPEAL_FILED, row["received_at"], None,
                  data={"appeal": case_id})
    )  # fmt: skip
    writer.opened(row, team)
    writer.assigned(case_id, assigned, worker)
    if answered is not None:
        answer = texts.choice(APPEAL_ANSWERS)
        notice = not draws.no_notice[k]
        data: dict[str, Any] = (
            {"mediator_notice": MEDIATOR_NOTICE, "mediator_notice_id": None} if notice else {}
        )
        writer.events.append(
            event_row(case_id, EventKind.ANSWERED, answered, worker,
                      channel=Channel.EMAIL if channel == Channel.WEB else channel,
                      body=f"{answer}\n\n{MEDIATOR_NOTICE}" if notice else answer, data=data)
        )  # fmt: skip
    writer.closed(case_id, closed, worker)
    referred = writer.at(draws.referral, k)
    if referred is not None and referral is not None:
        writer.events.append(
            event_row(case_id, EventKind.REFERRED_TO_MEDIATOR, referred, worker,
                      data={"referral": referral, "eligible": True,
                            "eligibility": "appeal_answered"})
        )  # fmt: skip


def _mediation(
    writer: _Writer, draws: _Draws, k: int, complaint: Row, case_id: int, appeal: int
) -> None:
    texts = writer.context.texts
    team = writer.appeals_team[complaint["site_id"]]
    worker = writer.agent(team, int(draws.slot[k]) // 3)
    assigned, closed = writer.at(draws.med_assigned, k), writer.at(draws.med_closed, k)
    subject = texts.choice(MEDIATION_SUBJECTS)
    row = writer.case(
        case_id, complaint, team,
        channel=Channel.LETTER if draws.slot[k] % 2 else Channel.EMAIL,
        kind=CaseKind.MEDIATION, subject=subject,
        description=f"{subject} (recours P{appeal:08d}).",
        received_at=writer.at(draws.referral, k), assignee_id=worker if assigned else None,
        status=_status(closed=closed is not None, answered=False, assigned=assigned is not None),
        follows_id=appeal,
    )  # fmt: skip
    writer.opened(row, team)
    writer.assigned(case_id, assigned, worker)
    recommended = writer.at(draws.recommended, k)
    if recommended is not None:
        accepted = bool(draws.accepted[k])
        writer.events.append(
            event_row(case_id, EventKind.MEDIATOR_RECOMMENDED, recommended, worker,
                      body=texts.choice(RECOMMENDATIONS), data={"accepted": accepted})
        )  # fmt: skip
    applied = writer.at(draws.applied, k)
    if applied is not None:
        writer.events.append(
            event_row(case_id, EventKind.RECOMMENDATION_APPLIED, applied, worker,
                      body=texts.choice(APPLIED))
        )  # fmt: skip
    writer.closed(case_id, closed, worker)


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
