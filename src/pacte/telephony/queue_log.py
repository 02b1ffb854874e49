"""Pure parser for Asterisk ``queue_log`` files (issue 4, point 4).

A line is ``epoch|callid|queue|agent|EVENT|data1|data2|...``. The events and their
data fields follow Asterisk's "Queue Logs" page (docs.asterisk.org, Operation >
Logging > Queue Logs); the shorter field lists of Asterisk 1.2/1.4 (``doc/queuelog.txt``:
``CONNECT(holdtime)``, ``ENTERQUEUE(url|callerid)``, ``EXITWITHKEY(key|position)``,
``EXITWITHTIMEOUT(position)``, ``TRANSFER(extension|context)``) are accepted too, the
missing fields reading as ``None``. PAUSE, UNPAUSE, PAUSEALL and UNPAUSEALL carry an
optional reason (app_queue); AGENTCALLED, DID and INFO are not on Asterisk's page but
are written by dialplans through ``QueueLog()`` (QueueMetrics conventions): DID keeps
its number, AGENTCALLED and INFO keep their fields as they are.

Nothing here raises on input: every line gives a :class:`ParsedEvent` or an
:class:`Unreadable` carrying the reason, so the importer can report bad lines.

Idempotence plan for the importer (next session), built on :func:`parse_stream`:

- each yielded item carries the byte offset of its line's end; the importer stores, per
  file identity (device and inode, plus the key of the first line to detect a rotated
  file reusing the inode), the offset of the last complete line imported;
- importing the same file again, or a longer version of it, seeks to that offset and
  parses only what follows (``parse_stream(f, start_offset=..., start_line=...)``);
- every stored line also carries :func:`line_key` (SHA-256 of the raw line) under a
  unique constraint, so a line already imported from another copy of the file (a
  rotated ``queue_log.1``, a re-sent export) is never imported twice. Two genuinely
  distinct but byte-identical lines (same second, call, agent and event) collapse into
  one; they carry no extra information for the measures;
- an unterminated last line may still be being written by Asterisk: it is not yielded
  (its offset is not passed) unless ``include_unterminated=True``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TypeAlias


class EventKind(StrEnum):
    ABANDON = "ABANDON"
    ADDMEMBER = "ADDMEMBER"
    AGENTCALLED = "AGENTCALLED"
    AGENTCALLBACKLOGIN = "AGENTCALLBACKLOGIN"
    AGENTCALLBACKLOGOFF = "AGENTCALLBACKLOGOFF"
    AGENTDUMP = "AGENTDUMP"
    AGENTLOGIN = "AGENTLOGIN"
    AGENTLOGOFF = "AGENTLOGOFF"
    ATTENDEDTRANSFER = "ATTENDEDTRANSFER"
    BLINDTRANSFER = "BLINDTRANSFER"
    COMPLETEAGENT = "COMPLETEAGENT"
    COMPLETECALLER = "COMPLETECALLER"
    CONFIGRELOAD = "CONFIGRELOAD"
    CONNECT = "CONNECT"
    DID = "DID"
    ENTERQUEUE = "ENTERQUEUE"
    EXITEMPTY = "EXITEMPTY"
    EXITWITHKEY = "EXITWITHKEY"
    EXITWITHTIMEOUT = "EXITWITHTIMEOUT"
    INFO = "INFO"
    PAUSE = "PAUSE"
    PAUSEALL = "PAUSEALL"
    QUEUESTART = "QUEUESTART"
    REMOVEMEMBER = "REMOVEMEMBER"
    RINGCANCELED = "RINGCANCELED"
    RINGNOANSWER = "RINGNOANSWER"
    SYSCOMPAT = "SYSCOMPAT"
    TRANSFER = "TRANSFER"
    UNPAUSE = "UNPAUSE"
    UNPAUSEALL = "UNPAUSEALL"


# --- event data (times in seconds unless the name says ms) -----------------------------


@dataclass(frozen=True, slots=True)
class NoData:
    """AGENTDUMP, CONFIGRELOAD, QUEUESTART, SYSCOMPAT."""


@dataclass(frozen=True, slots=True)
class Enter:
    url: str
    caller_id: str
    position: int | None = None
    caller_id_name: str | None = None


@dataclass(frozen=True, slots=True)
class Connect:
    hold_time: int
    member_uniqueid: str | None = None
    ring_time: int | None = None


@dataclass(frozen=True, slots=True)
class Complete:
    """COMPLETEAGENT (the agent hung up) and COMPLETECALLER (the caller hung up)."""

    hold_time: int
    call_time: int
    orig_position: int | None = None


@dataclass(frozen=True, slots=True)
class QueueExit:
    """ABANDON, EXITEMPTY, EXITWITHTIMEOUT: left the queue unanswered."""

    position: int
    orig_position: int | None = None
    wait_time: int | None = None


@dataclass(frozen=True, slots=True)
class ExitWithKey:
    key: str
    position: int
    orig_position: int | None = None
    wait_time: int | None = None


@dataclass(frozen=True, slots=True)
class Transfer:
    """TRANSFER and BLINDTRANSFER: to ``extension`` in ``context``."""

    extension: str
    context: str
    hold_time: int | None = None
    call_time: int | None = None
    orig_position: int | None = None


@dataclass(frozen=True, slots=True)
class AttendedTransfer:
    """``method`` is BRIDGE, APP or LINK; ``method_data`` depends on it."""

    method: str
    method_data: str
    hold_time: int
    call_time: int
    orig_position: int


@dataclass(frozen=True, slots=True)
class Ring:
    """RINGNOANSWER and RINGCANCELED."""

    ring_time_ms: int | None = None


@dataclass(frozen=True, slots=True)
class AgentSession:
    """AGENT(CALLBACK)LOGIN/LOGOFF: ``channel`` or ``exten@context``."""

    channel: str
    login_time: int | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Pause:
    """PAUSE, UNPAUSE, PAUSEALL, UNPAUSEALL."""

    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    """ADDMEMBER, REMOVEMEMBER: whatever detail the version logs (e.g. ``PAUSED``)."""

    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Did:
    number: str


@dataclass(frozen=True, slots=True)
class FreeForm:
    """AGENTCALLED and INFO: written by dialplans, fields kept as they are."""

    values: tuple[str, ...]


EventData: TypeAlias = (
    NoData
    | Enter
    | Connect
    | Complete
    | QueueExit
    | ExitWithKey
    | Transfer
    | AttendedTransfer
    | Ring
    | AgentSession
    | Pause
    | Membership
    | Did
    | FreeForm
)


@dataclass(frozen=True, slots=True)
class ParsedEvent:
    line_number: int
    text: str
    at: datetime
    callid: str
    queue: str
    agent: str
    kind: EventKind
    data: EventData


@dataclass(frozen=True, slots=True)
class Unreadable:
    line_number: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class StreamItem:
    record: ParsedEvent | Unreadable
    end_offset: int
    key: str


# --- field layouts: one letter per field, "i" integer, "s" text, "*" any fields --------


@dataclass(frozen=True, slots=True)
class _Layout:
    factory: Callable[..., EventData]
    shape: str
    required: int


_K = EventKind
_LAYOUTS: dict[EventKind, _Layout] = {
    _K.ABANDON: _Layout(QueueExit, "iii", 3),
    _K.ADDMEMBER: _Layout(Membership, "s", 0),
    _K.AGENTCALLED: _Layout(FreeForm, "*", 0),
    _K.AGENTCALLBACKLOGIN: _Layout(AgentSession, "s", 1),
    _K.AGENTCALLBACKLOGOFF: _Layout(AgentSession, "sis", 2),
    _K.AGENTDUMP: _Layout(NoData, "", 0),
    _K.AGENTLOGIN: _Layout(AgentSession, "s", 1),
    _K.AGENTLOGOFF: _Layout(AgentSession, "si", 2),
    _K.ATTENDEDTRANSFER: _Layout(AttendedTransfer, "ssiii", 5),
    _K.BLINDTRANSFER: _Layout(Transfer, "ssiii", 5),
    _K.COMPLETEAGENT: _Layout(Complete, "iii", 2),
    _K.COMPLETECALLER: _Layout(Complete, "iii", 2),
    _K.CONFIGRELOAD: _Layout(NoData, "", 0),
    _K.CONNECT: _Layout(Connect, "isi", 1),
    _K.DID: _Layout(Did, "s", 1),
    _K.ENTERQUEUE: _Layout(Enter, "ssis", 2),
    _K.EXITEMPTY: _Layout(QueueExit, "iii", 3),
    _K.EXITWITHKEY: _Layout(ExitWithKey, "siii", 2),
    _K.EXITWITHTIMEOUT: _Layout(QueueExit, "iii", 1),
    _K.INFO: _Layout(FreeForm, "*", 0),
    _K.PAUSE: _Layout(Pause, "s", 0),
    _K.PAUSEALL: _Layout(Pause, "s", 0),
    _K.QUEUESTART: _Layout(NoData, "", 0),
    _K.REMOVEMEMBER: _Layout(Membership, "s", 0),
    _K.RINGCANCELED: _Layout(Ring, "i", 0),
    _K.RINGNOANSWER: _Layout(Ring, "i", 1),
    _K.SYSCOMPAT: _Layout(NoData, "", 0),
    _K.TRANSFER: _Layout(Transfer, "ssiii", 2),
    _K.UNPAUSE: _Layout(Pause, "s", 0),
    _K.UNPAUSEALL: _Layout(Pause, "s", 0),
}

_EPOCH_RE = re.compile(r"([0-9]{1,12})(?:\.([0-9]{1,9}))?")
_INT_RE = re.compile(r"[0-9]{1,12}")
_EPOCH_ZERO = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_EPOCH = 253_402_300_799  # 9999-12-31T23:59:59Z, the last second datetime holds


class _LineError(Exception):
    """Internal: a line cannot be read; never leaves this module."""


def line_key(text: str | bytes) -> str:
    """SHA-256 (hex) of the raw line, its line terminator excluded."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw.rstrip(b"\r\n")).hexdigest()


def parse_line(text: str | bytes, *, line_number: int) -> ParsedEvent | Unreadable:
    """Parse one line; an unreadable line gives :class:`Unreadable` with the reason."""
    if isinstance(text, bytes):
        try:
            line = text.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            line = text.decode("utf-8", "replace").rstrip("\r\n")
            return Unreadable(line_number=line_number, text=line, reason="not valid UTF-8")
    else:
        line = text.rstrip("\r\n")
    try:
        return _parse(line, line_number)
    except _LineError as bad:
        return Unreadable(line_number=line_number, text=line, reason=str(bad))


def parse_stream(
    lines: Iterable[bytes | str],
    *,
    start_offset: int = 0,
    start_line: int = 1,
    include_unterminated: bool = False,
) -> Iterator[StreamItem]:
    """Parse lines (a file opened in binary mode, possibly after ``seek(start_offset)``).

    Each item carries the byte offset just past its line: resuming from the last one
    yields exactly the lines written since. Text lines count as their UTF-8 bytes, so
    give bytes for exact offsets. A last line without terminator is held back unless
    ``include_unterminated``.
    """
    offset = start_offset
    for number, chunk in enumerate(lines, start=start_line):
        raw = chunk if isinstance(chunk, bytes) else chunk.encode("utf-8", "surrogatepass")
        if not raw.endswith(b"\n") and not include_unterminated:
            return
        offset += len(raw)
        yield StreamItem(parse_line(chunk, line_number=number), offset, line_key(raw))


def _parse(line: str, line_number: int) -> ParsedEvent:
    if not line.strip():
        raise _LineError("empty line")
    fields = line.split("|")
    if len(fields) < 5:
        raise _LineError(
            f"expected epoch|callid|queue|agent|event[|data...], got {len(fields)} fields"
        )
    epoch, callid, queue, agent, name, *data = fields
    try:
        kind = EventKind(name)
    except ValueError:
        raise _LineError(f"unknown event {name[:40]!r}") from None
    return ParsedEvent(
        line_number=line_number,
        text=line,
        at=_instant(epoch),
        callid=callid,
        queue=queue,
        agent=agent,
        kind=kind,
        data=_data(kind, data),
    )


def _instant(epoch: str) -> datetime:
    match = _EPOCH_RE.fullmatch(epoch.strip())
    if match is None:
        raise _LineError(f"bad epoch {epoch[:40]!r}")
    seconds = int(match.group(1))
    if seconds > _MAX_EPOCH:
        raise _LineError(f"epoch out of range {epoch[:40]!r}")
    micro = int((match.group(2) or "0")[:6].ljust(6, "0"))
    return _EPOCH_ZERO + timedelta(seconds=seconds, microseconds=micro)


def _data(kind: EventKind, data: list[str]) -> EventData:
    layout = _LAYOUTS[kind]
    if layout.shape == "*":
        return FreeForm(tuple(data))
    while len(data) > len(layout.shape) and not data[-1].strip():
        data.pop()  # realtime exports pad to data5; Asterisk ends some lines with "|"
    if len(data) > len(layout.shape):
        raise _LineError(f"{kind} takes at most {len(layout.shape)} data fields, got {len(data)}")
    if len(data) < layout.required:
        raise _LineError(f"{kind} needs at least {layout.required} data fields, got {len(data)}")
    values = [_value(kind, i, kind_of, data, layout) for i, kind_of in enumerate(layout.shape)]
    return layout.factory(*values)


def _value(kind: EventKind, i: int, letter: str, data: list[str], layout: _Layout) -> object:
    if i >= len(data):
        return None
    value = data[i]
    if letter == "s":
        return value
    if not value.strip() and i >= layout.required:
        return None
    if _INT_RE.fullmatch(value.strip()) is None:
        raise _LineError(f"{kind} data field {i + 1} is not a non-negative integer: {value[:40]!r}")
    return int(value)
