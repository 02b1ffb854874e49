"""Hand-built calls, queue visits and wait announcements for the phone indicator tests.

Rows are written with the ORM as the telephony writers (event API, queue_log import)
leave them: instants, the ACD's seconds, outcomes.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

from pacte.cases.models import Motive
from pacte.telephony.models import (
    Call,
    CallQueue,
    CallSource,
    QueueVisit,
    Service,
    VisitOutcome,
    WaitAnnouncement,
)

_ids = itertools.count(1)


def queue(
    name: str = "support",
    *,
    service: str = Service.CUSTOMER,
    motive: Motive | None = None,
    level: int = 60,
    short: int = 5,
) -> CallQueue:
    found, _ = CallQueue.objects.get_or_create(
        name=name,
        defaults={
            "service": service,
            "motive": motive,
            "service_level_seconds": level,
            "short_abandon_seconds": short,
        },
    )
    return found


def call(started_at: datetime, *, service: str = Service.CUSTOMER, **extra: Any) -> Call:
    """A call that started at ``started_at``; ended 10 minutes later unless told."""
    extra.setdefault("ended_at", started_at + timedelta(minutes=10))
    return Call.objects.create(
        callid=f"call-{next(_ids)}",
        source=CallSource.API,
        service=service,
        started_at=started_at,
        **extra,
    )


def visit(
    of_call: Call,
    in_queue: CallQueue,
    *,
    entered_at: datetime | None = None,
    outcome: str = VisitOutcome.ANSWERED,
    wait: int | None = 10,
    **extra: Any,
) -> QueueVisit:
    """A visit entering at ``entered_at`` (default: the call's start). Answered visits
    are answered ``wait`` seconds later; other ended ones end then."""
    entered = entered_at or of_call.started_at
    waited = timedelta(seconds=wait or 0)
    if outcome == VisitOutcome.ANSWERED:
        extra.setdefault("answered_at", entered + waited)
        extra.setdefault("talk_seconds", 120)
        extra.setdefault("ended_at", entered + waited + timedelta(seconds=120))
    elif outcome not in (VisitOutcome.WAITING, VisitOutcome.LOST):
        extra.setdefault("ended_at", entered + waited)
    return QueueVisit.objects.create(
        call=of_call,
        queue=in_queue,
        source=CallSource.API,
        entered_at=entered,
        outcome=outcome,
        wait_seconds=wait,
        **extra,
    )


def announce(
    of_visit: QueueVisit, at: datetime, seconds: int, *, linked: bool = True
) -> WaitAnnouncement:
    return WaitAnnouncement.objects.create(
        call=of_visit.call,
        visit=of_visit if linked else None,
        queue=of_visit.queue,
        at=at,
        announced_seconds=seconds,
    )


def after(instant: datetime, seconds: int) -> datetime:
    return instant + timedelta(seconds=seconds)
