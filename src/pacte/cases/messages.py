"""A customer's follow-up message on an existing case (issue 4: email threading).

Kept apart from ``services.py`` so that the channels that bring follow-ups in (email
today) record them through one public service.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.cases.services import _locked, _record
from pacte.core.instants import instant_stamp
from pacte.core.vocabulary import Channel


@transaction.atomic
def case_customer_message(
    *,
    case: Case,
    at: datetime,
    channel: Channel,
    body: str,
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    """Record a message the customer sent about ``case`` (received at ``at``).

    Written by Pacte's own intake (no user): ``at`` is kept within the backdating
    window and marked late-recorded when older than the clock-skew tolerance
    (``pacte.core.instants``). Takes the case's row lock and records one
    CUSTOMER_MESSAGE event. It changes neither the case's status nor its clocks: a
    follow-up is not a new request, and a closed case stays closed until an agent
    reopens it.
    """
    case = _locked(case)
    stamp = instant_stamp(claimed=at, actor=None, field="at")
    return _record(
        case,
        kind=EventKind.CUSTOMER_MESSAGE,
        actor=None,
        stamp=stamp,
        channel=channel,
        body=body,
        data=data,
    )
