"""Turn a chunk of drawn contacts and outcomes into case, event and clock rows, and store them.

Clocks are derived with the same pure function the recompute uses
(``cases.clocks.derive_clock``), from the same facts the events record, so a later
``recompute_clocks`` finds nothing to change. Rows are plain dicts written by
``bulk.rows_insert``; cases get explicit ids so that their events can point to them.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from pacte.cases.clock_store import earliest_open_due
from pacte.cases.clocks import ClockFacts, ClockResult, DeadlinePromise, derive_clock
from pacte.cases.models import Case, CaseEvent, CaseStatus, Clock, EventKind
from pacte.core.chain import chain_dicts
from pacte.core.models import User
from pacte.core.vocabulary import Channel
from pacte.demo.bulk import rows_insert
from pacte.demo.catalogue import CHANNELS, KINDS, VOICE_CHANNELS
from pacte.demo.contacts import ContactPlan
from pacte.demo.deadlines import FirstDeadlines, to_datetime
from pacte.demo.kind_events import KindFacts, kind_events, opened_facts
from pacte.demo.outcomes import NONE, Outcomes
from pacte.demo.reference import Reference
from pacte.demo.words import ANSWERS, CLOSE_REASONS, HAND_OFF_NOTES, PROMISE_MESSAGES, SUBJECTS

Ints = npt.NDArray[np.int64]
Row = dict[str, Any]


@dataclass
class Tally:
    """What was generated, for the summary."""

    cases: int = 0
    events: int = 0
    clocks: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    clock_states: Counter[str] = field(default_factory=Counter)
    channels: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    hand_offs: int = 0
    promises: int = 0


@dataclass(frozen=True)
class RowContext:
    """The primary keys the rows point to, and the generator of their texts."""

    reference: Reference
    customer_pks: Ints
    distributor_pks: list[int]
    now: datetime
    zone: ZoneInfo
    texts: random.Random


@dataclass(frozen=True)
class _Step:
    """One case of the chunk being built: its index, id and drawn facts."""

    i: int
    case_id: int
    plan: ContactPlan
    outcomes: Outcomes
    context: RowContext

    def at(self, values: Ints) -> datetime | None:
        value = int(values[self.i])
        return None if value == NONE else to_datetime(value)

    def agent(self, team_index: Ints, divisor: int = 1) -> User:
        reference = self.context.reference
        agents = reference.agents[reference.teams[int(team_index[self.i])].code]
        return agents[(int(self.outcomes.agent_slot[self.i]) // divisor) % len(agents)]


def chunk_store(
    *,
    plan: ContactPlan,
    deadlines: FirstDeadlines,
    outcomes: Outcomes,
    context: RowContext,
    first_id: int,
    tally: Tally,
) -> int:
    """Write the chunk's cases (ids from ``first_id``), events and clocks; the next free id."""
    first_dues = deadlines.first_due_us
    cases: list[Row] = []
    events: list[Row] = []
    clocks: list[Row] = []
    for i in range(len(plan)):
        step = _Step(i, first_id + i, plan, outcomes, context)
        results = _clocks(step, deadlines)
        case = _case(step, results)
        trail = _events(step, case, first_due=int(first_dues[i]))
        cases.append(case)
        events += trail
        clocks += [_clock(case, cid, result, context.now) for cid, result in results.items()]
        _count(tally, case, trail, results)
    rows_insert(Case, cases)
    chain_dicts(CaseEvent, events)
    rows_insert(CaseEvent, events)
    rows_insert(Clock, clocks)
    return first_id + len(plan)


def _count(tally: Tally, case: Row, trail: list[Row], clocks: dict[int, ClockResult]) -> None:
    tally.cases += 1
    tally.events += len(trail)
    tally.clocks += len(clocks)
    tally.statuses[case["status"]] += 1
    tally.channels[case["channel"]] += 1
    tally.kinds[case["kind"]] += 1
    tally.clock_states.update(result.state for result in clocks.values())
    kinds = {event["kind"] for event in trail}
    tally.hand_offs += EventKind.HANDED_OFF in kinds
    tally.promises += EventKind.DEADLINE_COMMITTED in kinds


def _clocks(step: _Step, deadlines: FirstDeadlines) -> dict[int, ClockResult]:
    """Every clock of the case, derived as the recompute derives it."""
    received = to_datetime(int(step.plan.received_us[step.i]))
    told, new_due = step.at(step.outcomes.told_us), step.at(step.outcomes.new_due_us)
    promises = [DeadlinePromise(new_due_at=new_due, told_at=told)] if told and new_due else []
    answered = step.at(step.outcomes.answered_us)
    return {
        int(commitment): derive_clock(
            ClockFacts(
                started_at=received,
                due_at=to_datetime(int(due)),
                promises=promises,
                answered_at=answered,
            ),
            now=step.context.now,
        )
        for commitment, due in zip(
            deadlines.commitment[step.i], deadlines.due_us[step.i], strict=True
        )
        if commitment
    }


def _case(step: _Step, clocks: dict[int, ClockResult]) -> Row:
    plan, i, reference, now = step.plan, step.i, step.context.reference, step.context.now
    team = reference.teams[int(plan.final_team[i])]
    motive = reference.motives[int(plan.motive[i])]
    channel = CHANNELS[int(plan.channel[i])]
    distributor = int(plan.distributor[i])
    subject = step.context.texts.choice(SUBJECTS[motive.code])
    voice = channel in VOICE_CHANNELS
    assigned = step.outcomes.assigned_us[i] != NONE
    return {
        "id": step.case_id,
        "customer_id": int(step.context.customer_pks[plan.customer[i]]),
        "distributor_id": step.context.distributor_pks[distributor] if distributor >= 0 else None,
        "channel": channel,
        "kind": KINDS[int(plan.kind[i])],
        "motive_id": motive.pk,
        "subject": subject,
        "description": "" if voice else f"Message du client : {subject}.",
        "received_at": to_datetime(int(plan.received_us[i])),
        "site_id": team.site_id,
        "team_id": team.pk,
        "assignee_id": step.agent(plan.final_team).pk if assigned else None,
        "status": _status(step, assigned=assigned),
        "due_at": earliest_open_due(clocks.values()),
        "opened_by_id": step.agent(plan.first_team, 7).pk if voice else None,
        "created_at": now,
        "updated_at": now,
    }


def _status(step: _Step, *, assigned: bool) -> CaseStatus:
    if step.outcomes.closed_us[step.i] != NONE:
        return CaseStatus.CLOSED
    if step.outcomes.answered_us[step.i] != NONE:
        return CaseStatus.ANSWERED
    return CaseStatus.OPEN if assigned else CaseStatus.NEW


def _events(step: _Step, case: Row, *, first_due: int) -> list[Row]:
    """The case's trail, as the services would have written it, oldest first."""
    texts = step.context.texts
    first_team = step.context.reference.teams[int(step.plan.first_team[step.i])]
    motive = step.context.reference.motives[int(step.plan.motive[step.i])]
    data = {"team": first_team.code, "kind": case["kind"], "motive": motive.code,
            **opened_facts(case["kind"], case["received_at"], texts)}  # fmt: skip
    trail = [
        _event(step, EventKind.OPENED, case["received_at"], case["opened_by_id"],
               channel=case["channel"], body=case["description"], data=data),
    ]  # fmt: skip
    handoff = step.at(step.outcomes.handoff_us)
    if handoff is not None:
        giver = step.agent(step.plan.first_team, 7).pk
        trail.append(_hand_off(step, first_team.code, handoff, giver))
    worker = case["assignee_id"] or step.agent(step.plan.final_team).pk
    assigned = step.at(step.outcomes.assigned_us)
    if assigned is not None:
        trail.append(
            _event(step, EventKind.ASSIGNED, assigned, worker, data={"from": None, "to": worker})
        )
    told, new_due = step.at(step.outcomes.told_us), step.at(step.outcomes.new_due_us)
    if told is not None and new_due is not None:
        trail.append(_promise(step, case, told, new_due, to_datetime(first_due), worker))
    answered = step.at(step.outcomes.answered_us)
    if answered is not None:
        channel = Channel.EMAIL if case["channel"] == Channel.WEB else case["channel"]
        trail.append(
            _event(step, EventKind.ANSWERED, answered, worker, channel=channel,
                   body=texts.choice(ANSWERS))
        )  # fmt: skip
    closed = step.at(step.outcomes.closed_us)
    facts = KindFacts(step.case_id, case["kind"], case["received_at"], answered, worker, data,
                      texts, step.context.zone)  # fmt: skip
    extra, may_close = kind_events(facts)
    trail += extra
    if not may_close:  # a contract-acceptance case with a notice missing stays answered
        closed, case["status"] = None, CaseStatus.ANSWERED
    if closed is not None:
        trail.append(
            _event(step, EventKind.CLOSED, closed, worker, body=texts.choice(CLOSE_REASONS))
        )
    trail.sort(key=lambda event: event["at"])
    return trail


def _event(
    step: _Step,
    kind: EventKind,
    at: datetime,
    actor_id: int | None,
    *,
    channel: str = "",
    body: str = "",
    data: dict[str, Any] | None = None,
) -> Row:
    return {
        "case_id": step.case_id,
        "kind": kind,
        "at": at,
        "recorded_at": at,  # a history recorded as it happened
        "actor_id": actor_id,
        "channel": channel,
        "body": body,
        "data": data or {},
    }


def _hand_off(step: _Step, from_team: str, at: datetime, giver: int) -> Row:
    """A hand-off to the case's final team, with the context note T3.3 asks for."""
    to_team = step.context.reference.teams[int(step.plan.final_team[step.i])].code
    data = {"from_team": from_team, "to_team": to_team, "from_assignee": None, "to_assignee": None}
    note = step.context.texts.choice(HAND_OFF_NOTES)
    return _event(step, EventKind.HANDED_OFF, at, giver, body=note, data=data)


def _promise(
    step: _Step, case: Row, told: datetime, new_due: datetime, first_due: datetime, actor: int
) -> Row:
    """A new committed deadline, recorded as case_commit_deadline does."""
    channel = case["channel"] if case["channel"] in VOICE_CHANNELS else Channel.EMAIL
    local_day = new_due.astimezone(step.context.zone).date().isoformat()
    message = step.context.texts.choice(PROMISE_MESSAGES)
    data = {
        "new_due_at": new_due.isoformat(),
        "told_at": told.isoformat(),
        "previous_due_at": first_due.isoformat(),
        "counts": told <= first_due,
    }
    return _event(
        step, EventKind.DEADLINE_COMMITTED, told, actor, channel=channel,
        body=f"{message} {local_day}.", data=data,
    )  # fmt: skip


def _clock(case: Row, commitment_id: int, result: ClockResult, now: datetime) -> Row:
    return {
        "case_id": case["id"],
        "commitment_id": commitment_id,
        "started_at": result.started_at,
        "due_at": result.due_at,
        "committed_due_at": result.committed_due_at,
        "committed_told_at": result.committed_told_at,
        "effective_due_at": result.effective_due_at,
        "met_at": result.met_at,
        "state": result.state,
        "late_recorded": result.late_recorded,
        "computed_at": now,
    }
