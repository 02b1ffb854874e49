"""A line's status: the one writer of ``Line.status`` and ``Line.imei_blocked``.

Every change is a ``LineEvent`` in the line's chain, written under the line's row lock
with the column, stamped by ``pacte.core.instants`` (the server's clock when a person
acts). ``line_status_set`` checks only that the move is one a line can make
(``TRANSITIONS``) and that it has a reason; the rule of each operation (a contact
before a suspension for non-payment, an identity check before unblocking, a motive for
a risk measure) is checked by that operation's service before it calls here.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from pacte.cases.models import Case
from pacte.core.errors import PacteError
from pacte.core.instants import Stamp
from pacte.core.models import User
from pacte.customers.models import Customer, Line, LineStatus
from pacte.operations.errors import OperationError
from pacte.operations.models import LineEvent

A, R, S, B, T = (
    LineStatus.ACTIVE,
    LineStatus.RESTRICTED,
    LineStatus.SUSPENDED,
    LineStatus.BLOCKED,
    LineStatus.TERMINATED,
)

# The moves a line can make. A terminated line makes none.
TRANSITIONS: dict[str, frozenset[str]] = {
    A: frozenset({R, S, B, T}),
    R: frozenset({A, S, B, T}),
    S: frozenset({A, R, B, T}),
    B: frozenset({A, T}),
    T: frozenset(),
}


def line_locked(line: Line) -> Line:
    """Take the line's row lock and read it fresh."""
    list(Line.objects.select_for_update().filter(pk=line.pk).values_list("pk"))
    return Line.objects.select_related("account__customer").get(pk=line.pk)


def line_of_customer(customer: Customer, line_id: int | str | None) -> Line:
    """The customer's line ``line_id`` (a 400 naming the line otherwise)."""
    text = str(line_id or "")
    found = (
        Line.objects.filter(pk=int(text), account__customer=customer).first()
        if text.isdigit()
        else None
    )
    if found is None:
        raise PacteError(OperationError.NO_LINE, f"Line {line_id!r} is not {customer}'s.")
    return found


@transaction.atomic
def line_status_set(
    *,
    line: Line,
    status: str,
    reason: str,
    actor: User | None,
    case: Case | None = None,
    imei_blocked: bool | None = None,
    stamp: Stamp | None = None,
    data: dict[str, Any] | None = None,
) -> LineEvent:
    """Move ``line`` to ``status`` (and its handset's block to ``imei_blocked`` when
    given), recording why and by which operation ``case``. Refused (nothing written)
    for a move ``TRANSITIONS`` does not allow or without a reason. Staying in the same
    status is allowed when the handset's block changes (a phone blocked twice)."""
    line = line_locked(line)
    if not reason.strip():
        raise PacteError(OperationError.REASON_REQUIRED, "A line change needs a reason.")
    imei = line.imei_blocked if imei_blocked is None else imei_blocked
    moving = status != line.status
    if (moving and status not in TRANSITIONS[line.status]) or (
        not moving and imei == line.imei_blocked
    ):
        raise PacteError(
            OperationError.TRANSITION_REFUSED,
            f"Line {line.msisdn}: {line.status} → {status} is not a move a line makes.",
            **{"from": LineStatus(line.status).label, "to": LineStatus(status).label},
        )
    stamp = stamp or Stamp.now()
    event = LineEvent(
        line=line,
        status_from=line.status,
        status_to=status,
        imei_blocked=imei,
        at=stamp.at,
        recorded_at=stamp.recorded_at,
        late_recorded=stamp.late,
        actor=actor,
        case=case,
        reason=reason.strip(),
        data=data or {},
    )
    event.save(force_insert=True)
    line.status = status
    line.imei_blocked = imei
    line.save(update_fields=["status", "imei_blocked"])
    return event


def line_history(line: Line) -> list[LineEvent]:
    """The line's status changes, oldest first."""
    return list(LineEvent.objects.filter(line=line).select_related("actor", "case"))
