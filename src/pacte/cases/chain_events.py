"""Recording the complaint chain's events on a case (for the complaints app).

The chain's services (an appeal filed on its complaint, the written form sent after a
phone complaint) live in ``pacte.complaints``; the event itself is appended here,
under the case's row lock, like every other event of the case.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.cases.services import _locked, _record
from pacte.core.models import User

# The kinds another app may record on a case through ``case_chain_event``.
CHAIN_KINDS = frozenset({EventKind.WRITTEN_FORM_SENT, EventKind.APPEAL_FILED})


@transaction.atomic
def case_chain_event(
    *,
    case: Case,
    kind: EventKind,
    actor: User | None,
    channel: str = "",
    body: str = "",
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    """Append one chain event (``CHAIN_KINDS``) to ``case``, stamped now. A closed case
    takes it too: an appeal follows a complaint that may have been closed."""
    if kind not in CHAIN_KINDS:
        raise ValueError(f"{kind} is not a complaint-chain event")
    case = _locked(case)
    return _record(case, kind=kind, actor=actor, channel=channel, body=body, data=data)
