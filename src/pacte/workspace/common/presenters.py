"""What the templates of every topic show alike: calendars read once, texts in the language.

Nothing here queries per row: calendars are read once per calendar and per request.
"""

from __future__ import annotations

from django.utils.translation import get_language

from pacte.business_calendar.models import Calendar
from pacte.business_calendar.selectors import calendar_spec
from pacte.business_calendar.spec import CalendarSpec


class CalendarSpecs:
    """The calendar specs of one request, each calendar read once."""

    def __init__(self) -> None:
        self._specs: dict[int, CalendarSpec] = {}

    def for_calendar(self, calendar: Calendar) -> CalendarSpec:
        if calendar.pk not in self._specs:
            self._specs[calendar.pk] = calendar_spec(calendar=calendar)
        return self._specs[calendar.pk]


def localized(obj: object, stem: str = "label") -> str:
    """``obj.label_en`` or ``obj.label_fr`` (or ``title_*``) in the active language."""
    language = (get_language() or "fr")[:2]
    value = getattr(obj, f"{stem}_{language}", None) or getattr(obj, f"{stem}_fr", "")
    return str(value)
