"""Calls rebuilt from parsed ``queue_log`` events: one summary per queue visit.

The measures of issue 4 (offered, answered, service level, average speed of answer,
abandon rate, talk time) are computed from these summaries, never from raw lines.

A visit opens at ENTERQUEUE and closes at its terminal event (COMPLETE*, a transfer,
ABANDON, an EXIT*, AGENTDUMP, SYSCOMPAT). A caller sent on to another queue keeps its
callid, so a new ENTERQUEUE after a closed visit opens a second visit. Events of a callid
with no open visit (the log started mid-call) open a visit marked ``partial``: it has no
``entered_at`` and must not count as offered in the period.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from pacte.telephony.queue_log import (
    AttendedTransfer,
    Complete,
    Connect,
    Did,
    Enter,
    EventKind,
    ExitWithKey,
    ParsedEvent,
    QueueExit,
    Transfer,
)

_K = EventKind
_TRANSFERS = frozenset({_K.TRANSFER, _K.BLINDTRANSFER, _K.ATTENDEDTRANSFER})
_UNANSWERED_EXITS = frozenset({_K.ABANDON, _K.EXITEMPTY, _K.EXITWITHKEY, _K.EXITWITHTIMEOUT})
_TERMINAL = (
    _TRANSFERS
    | _UNANSWERED_EXITS
    | {_K.COMPLETEAGENT, _K.COMPLETECALLER, _K.AGENTDUMP, _K.SYSCOMPAT}
)
_CALL_EVENTS = _TERMINAL | {_K.ENTERQUEUE, _K.CONNECT, _K.RINGNOANSWER, _K.RINGCANCELED}
NOT_A_CALL = frozenset({"NONE", "MANAGER", "REALTIME", ""})


@dataclass(frozen=True, slots=True)
class CallSummary:
    """One caller's visit to one queue; times in seconds as Asterisk logs them."""

    callid: str
    queue: str
    partial: bool
    entered_at: datetime | None = None
    caller_id: str | None = None
    did: str | None = None
    answered_at: datetime | None = None
    agent: str | None = None
    hold_time: int | None = None
    ended_at: datetime | None = None
    exit_event: EventKind | None = None
    abandoned: bool = False
    abandon_position: int | None = None
    wait_time: int | None = None
    talk_time: int | None = None
    transferred: bool = False
    unanswered_rings: int = 0

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    @property
    def ended(self) -> bool:
        return self.exit_event is not None


@dataclass(slots=True)
class _Calls:
    done: list[CallSummary] = field(default_factory=list)
    open: dict[str, CallSummary] = field(default_factory=dict)
    did: dict[str, str] = field(default_factory=dict)


def call_outcomes(events: Iterable[ParsedEvent]) -> list[CallSummary]:
    """Group call events by callid into visits, in the order the visits end.

    Events are taken in the order given (the file's order). Visits still open at the end
    (caller waiting or talking when the log stops) come last, with ``exit_event=None``.
    """
    calls = _Calls()
    for event in events:
        if event.callid in NOT_A_CALL:
            continue
        if event.kind is _K.DID and isinstance(event.data, Did):
            calls.did[event.callid] = event.data.number
        elif event.kind in _CALL_EVENTS:
            _apply(calls, event)
    return calls.done + list(calls.open.values())


def _apply(calls: _Calls, event: ParsedEvent) -> None:
    call = calls.open.pop(event.callid, None)
    if event.kind is _K.ENTERQUEUE:
        if call is not None:
            calls.done.append(call)  # entered again without an exit: keep what we had
        call = _entered(event, calls.did.get(event.callid))
    elif call is None:
        call = CallSummary(
            callid=event.callid, queue=event.queue, partial=True, did=calls.did.get(event.callid)
        )
    call = _update(call, event)
    if event.kind in _TERMINAL:
        calls.done.append(replace(call, ended_at=event.at, exit_event=event.kind))
    else:
        calls.open[event.callid] = call


def _entered(event: ParsedEvent, did: str | None) -> CallSummary:
    caller = event.data.caller_id if isinstance(event.data, Enter) else None
    return CallSummary(
        callid=event.callid,
        queue=event.queue,
        partial=False,
        entered_at=event.at,
        caller_id=caller,
        did=did,
    )


def _update(call: CallSummary, event: ParsedEvent) -> CallSummary:
    data = event.data
    if event.kind is _K.RINGNOANSWER:
        return replace(call, unanswered_rings=call.unanswered_rings + 1)
    if isinstance(data, Connect):
        hold = data.hold_time
        return replace(
            call, answered_at=event.at, agent=event.agent, hold_time=hold, wait_time=hold
        )
    if isinstance(data, Complete | Transfer | AttendedTransfer):
        return _finished_talking(call, event, data)
    if isinstance(data, QueueExit | ExitWithKey):
        return replace(
            call,
            abandoned=event.kind is _K.ABANDON,
            abandon_position=data.position if event.kind is _K.ABANDON else None,
            wait_time=data.wait_time if data.wait_time is not None else _elapsed(call, event),
        )
    return call  # RINGCANCELED, AGENTDUMP, SYSCOMPAT: the exit event says it all


def _finished_talking(
    call: CallSummary, event: ParsedEvent, data: Complete | Transfer | AttendedTransfer
) -> CallSummary:
    hold = call.hold_time if call.hold_time is not None else data.hold_time
    return replace(
        call,
        agent=call.agent or event.agent,
        hold_time=hold,
        wait_time=hold,
        talk_time=data.call_time,
        transferred=event.kind in _TRANSFERS,
    )


def _elapsed(call: CallSummary, event: ParsedEvent) -> int | None:
    """Wait of an old-format exit line without waittime, from the ENTERQUEUE instant."""
    if call.entered_at is None:
        return None
    return int((event.at - call.entered_at).total_seconds())
