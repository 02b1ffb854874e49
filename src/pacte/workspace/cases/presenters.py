"""What the case pages show (queue, case page), built from rows the selectors already fetched.

Nothing here queries per row: calendars are read once per calendar and per request,
team members once per page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pacte.business_calendar.spec import CalendarSpec
from pacte.cases.models import Case, CaseEvent, Clock, EventKind, Team
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


def team_members(team_ids: Iterable[int]) -> dict[int, list[User]]:
    """The members of the teams ``team_ids``, by team id, in two queries."""
    teams = Team.objects.filter(pk__in=set(team_ids)).prefetch_related("members")
    return {
        team.pk: sorted(team.members.all(), key=lambda user: (str(user).lower(), user.pk))
        for team in teams
    }


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


@dataclass(frozen=True)
class TimelineRow:
    event: CaseEvent
    other_case: Case | None
    new_due_at: datetime | None = None
    told_at: datetime | None = None
    counts: bool | None = None

    @property
    def from_team(self) -> str:
        return str(self.event.data.get("from_team", ""))

    @property
    def to_team(self) -> str:
        return str(self.event.data.get("to_team", ""))


def timeline_rows(events: Iterable[CaseEvent], *, case: Case) -> list[TimelineRow]:
    """The customer's timeline, marking the events of the customer's other cases."""
    rows = []
    for event in events:
        other = event.case if event.case_id != case.pk else None
        if event.kind == EventKind.DEADLINE_COMMITTED:
            rows.append(
                TimelineRow(
                    event=event,
                    other_case=other,
                    new_due_at=_instant(event.data.get("new_due_at")),
                    told_at=_instant(event.data.get("told_at")),
                    counts=bool(event.data.get("counts")),
                )
            )
        else:
            rows.append(TimelineRow(event=event, other_case=other))
    return rows


def _instant(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo is not None else None
