"""Errors of the business calendar: a code an interface can map and a message a user can read.

The app imports nothing of ours (docs: layers), so these errors do not derive from
``pacte.core.errors``; they have the same shape (``code``, ``message``,
``status_code``) so that an interface can map them the same way.
"""

from __future__ import annotations

from enum import StrEnum


class CalendarErrorCode(StrEnum):
    UNKNOWN_CALENDAR = "unknown_calendar"


class CalendarError(Exception):
    """A calendar operation was refused; nothing was changed."""

    status_code = 400

    def __init__(self, code: CalendarErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class CalendarNotFoundError(CalendarError):
    """No calendar has the code asked for."""

    status_code = 404
