"""A case's conversation and trail as the case page shows it: newest first, in words.

Messages in (the customer's first message and follow-ups) and out (answers, new-deadline
notices) read as a conversation; notes, hand-offs and the rest as the trail between them.
Events keep teams by code and people by id: they are named here, with two queries
whatever the number of events (``cases.selectors.event_names``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from pacte.cases.models import CaseEvent, EventKind
from pacte.cases.selectors import event_names

# How an event reads in the conversation: the customer speaks, we speak, or we note.
INCOMING = frozenset({EventKind.OPENED, EventKind.CUSTOMER_MESSAGE})
OUTGOING = frozenset({EventKind.ANSWERED, EventKind.DEADLINE_COMMITTED})


@dataclass(frozen=True)
class TrailRow:
    event: CaseEvent
    side: str  # "in", "out", "note" or "trail": the CSS class of the row
    detail: str = ""
    new_due_at: datetime | None = None
    told_at: datetime | None = None
    counts: bool | None = None


def _side(event: CaseEvent) -> str:
    if event.kind in INCOMING and event.body:
        return "in"
    if event.kind in OUTGOING:
        return "out"
    if event.kind == EventKind.NOTE:
        return "note"
    return "trail"


def _codes_and_ids(events: Iterable[CaseEvent]) -> tuple[set[str], set[int]]:
    codes: set[str] = set()
    ids: set[int] = set()
    for event in events:
        data = event.data
        if event.kind == EventKind.HANDED_OFF:
            codes.update(str(data.get(key)) for key in ("from_team", "to_team") if data.get(key))
            ids.update(int(data[key]) for key in ("from_assignee", "to_assignee") if data.get(key))
        elif event.kind == EventKind.ASSIGNED:
            ids.update(int(data[key]) for key in ("from", "to") if data.get(key))
        elif event.kind == EventKind.OPENED and data.get("team"):
            codes.add(str(data["team"]))
    return codes, ids


class _Names:
    def __init__(self, teams: dict[str, str], users: dict[int, str]) -> None:
        self.teams, self.users = teams, users

    def team(self, code: object) -> str:
        return self.teams.get(str(code), str(code)) if code else ""

    def user(self, pk: object) -> str:
        return self.users.get(int(str(pk)), "") if pk else ""

    def place(self, team: object, person: object) -> str:
        """A team, with the person in it when there is one: "Back office · Alice Martin"."""
        return " · ".join(part for part in (self.team(team), self.user(person)) if part)


def _detail(event: CaseEvent, names: _Names) -> str:
    data = event.data
    if event.kind == EventKind.HANDED_OFF:
        return _("from %(source)s to %(target)s") % {
            "source": names.place(data.get("from_team"), data.get("from_assignee")),
            "target": names.place(data.get("to_team"), data.get("to_assignee")),
        }
    if event.kind == EventKind.ASSIGNED:
        if data.get("to"):
            return _("to %(agent)s") % {"agent": names.user(data.get("to"))}
        return _("back to the team queue")
    if event.kind == EventKind.OPENED and data.get("team"):
        return _("in the queue of %(team)s") % {"team": names.team(data.get("team"))}
    if event.kind == EventKind.CUSTOMER_MATCHED:
        return _("unknown sender %(source)s identified as customer %(target)s") % {
            "source": data.get("from", ""),
            "target": data.get("to", ""),
        }
    return ""


def _instant(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo is not None else None


def trail_rows(events: Iterable[CaseEvent]) -> list[TrailRow]:
    """The events as rows, in the order given, with teams and people named."""
    events = list(events)
    codes, ids = _codes_and_ids(events)
    names = _Names(*event_names(team_codes=codes, user_ids=ids))
    rows = []
    for event in events:
        if event.kind == EventKind.DEADLINE_COMMITTED:
            row = TrailRow(
                event=event,
                side=_side(event),
                new_due_at=_instant(event.data.get("new_due_at")),
                told_at=_instant(event.data.get("told_at")),
                counts=bool(event.data.get("counts")),
            )
        else:
            row = TrailRow(event=event, side=_side(event), detail=_detail(event, names))
        rows.append(row)
    return rows
