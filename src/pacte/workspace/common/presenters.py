"""What the templates of every topic show alike: calendars read once, texts in the language.

Nothing here queries per row: calendars are read once per calendar and per request.
"""

from __future__ import annotations

from django.utils.translation import get_language

# The calendar cache is business_calendar's; the topics import it from here too.
from pacte.business_calendar.selectors import CalendarSpecs as CalendarSpecs


def localized(obj: object, stem: str = "label") -> str:
    """``obj.label_en`` or ``obj.label_fr`` (or ``title_*``) in the active language."""
    language = (get_language() or "fr")[:2]
    value = getattr(obj, f"{stem}_{language}", None) or getattr(obj, f"{stem}_fr", "")
    return str(value)
