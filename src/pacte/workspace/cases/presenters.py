"""What the case pages show (queue, case page), built from rows the selectors already fetched.

Nothing here queries per row: calendars are read once per calendar and per request,
team members once per page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pacte.business_calendar.spec import CalendarSpec
from pacte.cases.models import Case, Clock
from pacte.core.models import User
from pacte.workspace.cases.deadlines import DeadlineLabel, describe_deadline
from pacte.workspace.common.presenters import CalendarSpecs, localized


@dataclass(frozen=True)
class QueueRow:
    case: Case
    deadline: DeadlineLabel
    assignees: Sequence[User] = field(default_factory=tuple)


def queue_rows(
    cases: Iterable[Case],
    *,
    now: datetime,
    specs: CalendarSpecs,
    members: dict[int, list[User]] | None = None,
) -> list[QueueRow]:
    """One row per case with its deadline in words (and its team's members to reassign)."""
    return [
        QueueRow(
            case=case,
            deadline=describe_deadline(
                due_at=case.due_at, now=now, spec=specs.for_calendar(case.site.calendar)
            ),
            assignees=(members or {}).get(case.team_id, ()),
        )
        for case in cases
    ]


@dataclass(frozen=True)
class ClockRow:
    clock: Clock
    code: str
    title: str
    deadline: DeadlineLabel | None


def clock_rows(clocks: Iterable[Clock], *, now: datetime, spec: CalendarSpec) -> list[ClockRow]:
    return [
        ClockRow(
            clock=clock,
            code=clock.commitment.code,
            title=localized(clock.commitment, "title"),
            deadline=(
                describe_deadline(due_at=clock.effective_due_at, now=now, spec=spec)
                if clock.met_at is None
                else None
            ),
        )
        for clock in clocks
    ]
