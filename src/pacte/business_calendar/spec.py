"""A calendar as plain data: what the deadline arithmetic needs, nothing of the ORM."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from zoneinfo import ZoneInfo

MONDAY_TO_FRIDAY = "1111100"


@dataclass(frozen=True, slots=True)
class CalendarSpec:
    """A site's business calendar.

    ``weekmask`` has seven characters, Monday first, ``1`` for a working day.
    ``holidays`` are the local dates that are not business days even on a working
    weekday: the public holidays kept by the site and its local closures.
    ``opening_time`` and ``closing_time`` bound the site's opening hours on a business
    day (the clock in opening hours, ``hours.add_opening_hours``); ``closing_time`` also
    decides whether a receipt counts on its own day (``arithmetic.day_zero``).
    """

    timezone: str = "Europe/Paris"
    weekmask: str = MONDAY_TO_FRIDAY
    closing_time: time = time(18, 0)
    opening_time: time = time(8, 0)
    holidays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if len(self.weekmask) != 7 or set(self.weekmask) - {"0", "1"}:
            raise ValueError(f"weekmask must be seven 0/1 characters, got {self.weekmask!r}")
        if "1" not in self.weekmask:
            raise ValueError("a calendar needs at least one working weekday")
        ZoneInfo(self.timezone)  # raises for an unknown zone

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
