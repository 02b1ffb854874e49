"""What stops the clocks of the operation cases (registered with cases.clock_store):

- a SIM replacement (T4.1): the first SIM_SHIPPED;
- a restoration (T4.4): the first LINE_RESTORED;
- a stolen or lost phone (T6.4): once both the line and the handset are blocked, at
  the later of the first LINE_BLOCKED and the first IMEI_BLOCKED.

An answer to the customer does not stop them: the operation does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pacte.cases.clock_store import ClockStop, clock_stop_register
from pacte.cases.models import CaseEvent, EventKind
from pacte.core.vocabulary import CaseKind


def _first(events: Sequence[CaseEvent], kind: str) -> CaseEvent | None:
    return min(
        (event for event in events if event.kind == kind),
        key=lambda event: (event.at, event.pk or 0),
        default=None,
    )


def first_of(kind: str) -> ClockStop:
    """Stopped by the first event of ``kind``."""

    def stopped(events: Sequence[CaseEvent]) -> tuple[datetime | None, bool]:
        found = _first(events, kind)
        return (found.at, found.late_recorded) if found is not None else (None, False)

    return ClockStop(event_kinds=(kind,), stopped=stopped)


def all_of(*kinds: str) -> ClockStop:
    """Stopped once there is an event of each of ``kinds``, at the latest first one."""

    def stopped(events: Sequence[CaseEvent]) -> tuple[datetime | None, bool]:
        found = [_first(events, kind) for kind in kinds]
        if any(event is None for event in found):
            return None, False
        present = [event for event in found if event is not None]
        return max(event.at for event in present), any(e.late_recorded for e in present)

    return ClockStop(event_kinds=kinds, stopped=stopped)


clock_stop_register(CaseKind.SIM_ORDER, first_of(EventKind.SIM_SHIPPED))
clock_stop_register(CaseKind.RESTORATION, first_of(EventKind.LINE_RESTORED))
clock_stop_register(CaseKind.STOLEN_PHONE, all_of(EventKind.LINE_BLOCKED, EventKind.IMEI_BLOCKED))
