"""What an ACD/IVR event must carry, checked before anything is written.

Each kind has its own ``data`` fields (see docs/telephony.md, "ACD/IVR event API").
Unknown extra fields are kept as sent. A refusal names the field (``callid``,
``at``, ``data.queue``…) so that the API can say which event and field were wrong.
References to rows (queue, motive, case) are resolved by the recording service.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy

from pacte.core import clock
from pacte.core.dates import FIRST_YEAR, LAST_YEAR, date_supported
from pacte.core.errors import PacteError, error_texts
from pacte.core.text import first_unstorable, storable
from pacte.telephony.models import FIELD_LENGTH, CallEventKind, Service

# Events stamped further ahead than this are refused (the ACD's clock is wrong).
FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_DATA_BYTES = 4096
MAX_SECONDS = 86_400
RESERVED_KEY = "pacte"  # what Pacte notes on a stored event (customer match, ignored…)


class CallEventCode(StrEnum):
    INVALID = "invalid_event"
    UNKNOWN_QUEUE = "unknown_queue"
    UNKNOWN_MOTIVE = "unknown_motive"
    UNKNOWN_CASE = "unknown_case"
    NO_QUEUE = "no_queue"


class CallEventError(PacteError):
    """An event refused as sent; ``field`` says where (``data.queue``, ``at``…)."""

    def __init__(self, code: StrEnum, field: str, message: str, *, status_code: int = 400) -> None:
        super().__init__(code, f"{field}: {message}")
        self.field = field
        self.reason = message
        self.status_code = status_code


@dataclass(frozen=True, slots=True)
class EventInput:
    """A checked event: ``data`` as sent (plain JSON), ``fields`` the kind's fields, typed."""

    callid: str
    kind: CallEventKind
    at: datetime
    data: dict[str, Any]
    fields: dict[str, Any]


def _refuse(field: str, message: str) -> CallEventError:
    return CallEventError(CallEventCode.INVALID, field, message)


def _text(data: Mapping[str, Any], name: str, *, required: bool, limit: int) -> str | None:
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise _refuse(f"data.{name}", "this field is required.")
        return None
    if not isinstance(value, str):
        raise _refuse(f"data.{name}", "must be a string.")
    if len(value) > limit or "\x00" in value:
        raise _refuse(f"data.{name}", f"must be at most {limit} characters, without NUL.")
    return value


def _whole(data: Mapping[str, Any], name: str, *, required: bool, low: int) -> int | None:
    value = data.get(name)
    if value is None:
        if required:
            raise _refuse(f"data.{name}", "this field is required.")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(f"data.{name}", "must be a whole number.")
    if not low <= value <= MAX_SECONDS:
        raise _refuse(f"data.{name}", f"must be between {low} and {MAX_SECONDS}.")
    whole: int = value
    return whole


def _flag(data: Mapping[str, Any], name: str) -> bool:
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise _refuse(f"data.{name}", "must be true or false.")
    return value


def instant(value: Any, field: str) -> datetime:
    """An aware datetime from an ISO 8601 string (or a datetime); refuses naive ones."""
    parsed = value if isinstance(value, datetime) else None
    if isinstance(value, str):
        try:
            parsed = parse_datetime(value)
        except ValueError:
            parsed = None
    if parsed is None:
        raise _refuse(field, "must be an ISO 8601 date and time, e.g. 2026-03-10T09:15:00+01:00.")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise _refuse(field, "must carry a time zone (e.g. +01:00 or Z).")
    if not date_supported(parsed):
        raise _refuse(field, f"must fall between the years {FIRST_YEAR} and {LAST_YEAR}.")
    return parsed


def _queue(data: Mapping[str, Any], *, required: bool = False) -> dict[str, Any]:
    return {"queue": _text(data, "queue", required=required, limit=FIELD_LENGTH)}


def _entered(data: Mapping[str, Any]) -> dict[str, Any]:
    service = _text(data, "service", required=False, limit=16)
    if service is not None and service not in Service.values:
        raise _refuse("data.service", f"must be one of {', '.join(Service.values)}.")
    return {
        "caller_number": _text(data, "caller_number", required=False, limit=32),
        "dialled_number": _text(data, "dialled_number", required=False, limit=32),
        "service": service,
    }


def _ivr_choice(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "choice": _text(data, "choice", required=True, limit=120),
        "motive": _text(data, "motive", required=False, limit=40),
    }


def _wait_announced(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        **_queue(data),
        "seconds": _whole(data, "seconds", required=True, low=0),
        "position": _whole(data, "position", required=False, low=1),
    }


def _agent_step(data: Mapping[str, Any]) -> dict[str, Any]:
    return {**_queue(data), "agent": _text(data, "agent", required=False, limit=FIELD_LENGTH)}


def _answered(data: Mapping[str, Any]) -> dict[str, Any]:
    waited = _whole(data, "wait_seconds", required=False, low=0)
    return {**_agent_step(data), "wait_seconds": waited}


def _transferred(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        **_queue(data),
        "misroute": _flag(data, "misroute"),
        "to_queue": _text(data, "to_queue", required=False, limit=FIELD_LENGTH),
    }


def _committed(data: Mapping[str, Any]) -> dict[str, Any]:
    if data.get("due_at") is None:
        raise _refuse("data.due_at", "this field is required.")
    case = data.get("case")
    if case is not None and (isinstance(case, bool) or not isinstance(case, int) or case < 1):
        raise _refuse("data.case", "must be a case id (a positive whole number).")
    return {"due_at": instant(data["due_at"], "data.due_at"), "case": case}


def _agents(data: Mapping[str, Any]) -> dict[str, Any]:
    return {**_queue(data, required=True), "count": _whole(data, "count", required=True, low=0)}


def _nothing(data: Mapping[str, Any]) -> dict[str, Any]:
    return {}


CHECKS: dict[CallEventKind, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    CallEventKind.ENTERED: _entered,
    CallEventKind.IVR_CHOICE: _ivr_choice,
    CallEventKind.PRICE_ANNOUNCED: _nothing,
    CallEventKind.WAIT_ANNOUNCED: _wait_announced,
    CallEventKind.QUEUED: lambda data: _queue(data, required=True),
    CallEventKind.OFFERED: _agent_step,
    CallEventKind.ANSWERED: _answered,
    CallEventKind.TRANSFERRED: _transferred,
    CallEventKind.ABANDONED: _queue,
    CallEventKind.ENDED: _nothing,
    CallEventKind.SOLVED: _nothing,
    CallEventKind.COMMITTED: _committed,
    CallEventKind.AGENTS: _agents,
}


def _plain_data(data: Any) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise _refuse("data", "must be a JSON object.")
    if RESERVED_KEY in data:
        raise _refuse(f"data.{RESERVED_KEY}", "is reserved for Pacte's own notes.")
    unstorable = first_unstorable(data, "data")
    if unstorable is not None:
        raise _refuse(unstorable, "must not hold NUL characters or lone surrogates.")
    try:
        text = json.dumps(data, sort_keys=True)
    except (TypeError, ValueError) as error:
        raise _refuse("data", "must be plain JSON.") from error
    if len(text.encode()) > MAX_DATA_BYTES:
        raise _refuse("data", f"must be at most {MAX_DATA_BYTES} bytes of JSON.")
    plain: dict[str, Any] = json.loads(text)
    return plain


def event_input(*, callid: Any, kind: Any, at: Any, data: Any) -> EventInput:
    """The event checked and typed; CallEventError naming the first wrong field."""
    if kind not in CallEventKind.values:
        raise _refuse("kind", f"must be one of {', '.join(CallEventKind.values)}.")
    event_kind = CallEventKind(kind)
    if callid is None and event_kind == CallEventKind.AGENTS:
        callid = ""
    if not isinstance(callid, str) or (not callid and event_kind != CallEventKind.AGENTS):
        raise _refuse("callid", "must be a non-empty string.")
    if len(callid) > FIELD_LENGTH or not storable(callid):
        raise _refuse(
            "callid",
            f"must be at most {FIELD_LENGTH} characters, without NUL or lone surrogates.",
        )
    when = instant(at, "at")
    if when > clock.now() + FUTURE_TOLERANCE:
        raise _refuse("at", "is in the future: check the ACD's clock.")
    plain = _plain_data(data)
    fields = CHECKS[event_kind](plain)
    return EventInput(callid=callid, kind=event_kind, at=when, data=plain, fields=fields)


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        CallEventCode.UNKNOWN_QUEUE: gettext_lazy("No such call queue."),
        CallEventCode.UNKNOWN_MOTIVE: gettext_lazy("No such motive."),
        CallEventCode.UNKNOWN_CASE: gettext_lazy("No such case."),
        CallEventCode.NO_QUEUE: gettext_lazy("The call event names no queue."),
    }
)
