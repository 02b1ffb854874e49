"""Dates in pages, as their readers read them: ``{% load dates %}``.

- ``{{ at|when }}`` → ``jeu. 26 nov. 2026, 14 h 05`` (``Thu 26 Nov 2026, 14:05``),
  read in the current time zone (the server's, ``TIME_ZONE``);
- ``{{ day|day }}`` → ``jeu. 26 nov. 2026`` (an instant gives its local day);
- ``|when_element`` and ``|day_element`` wrap the same text in
  ``<time datetime="ISO 8601">``, which is what every date shown on its own should use;
- ``"short"`` as argument leaves the year out (``{{ at|when:"short" }}``), for the
  clocks of one case, which all fall within weeks of each other;
- ``{% colon %}`` ends a label: `` :`` with a non-breaking space in French, ``:`` in
  English.

An empty value (``None``, ``""``) renders as an empty string, so ``|default:"—"``
still applies. The tables and rules are in :mod:`pacte.core.dates`.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from pacte.core.dates import NBSP, day_text, when_text

register = template.Library()


def _language() -> str:
    return get_language() or "fr"


def _short(arg: str) -> bool:
    return arg == "short"


@register.filter
def day(value: date | datetime | None, arg: str = "") -> str:
    """``jeu. 26 nov. 2026``; an instant gives its day in the current time zone."""
    if not isinstance(value, date):
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return day_text(value, _language(), year=not _short(arg))


@register.filter
def when(value: date | datetime | None, arg: str = "") -> str:
    """``jeu. 26 nov. 2026, 14 h 05`` in the current time zone; a date gives ``day``."""
    if not isinstance(value, datetime):
        return day(value, arg)
    zone = timezone.get_current_timezone()
    return when_text(value, _language(), zone=zone, year=not _short(arg))


def _iso(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    return value.isoformat()


@register.filter
def day_element(value: date | datetime | None, arg: str = "") -> SafeString | str:
    """``<time datetime="2026-11-26">jeu. 26 nov. 2026</time>``."""
    if not isinstance(value, date):
        return ""
    shown = value if not isinstance(value, datetime) else timezone.localtime(value).date()
    return format_html('<time datetime="{}">{}</time>', shown.isoformat(), day(value, arg))


@register.filter
def when_element(value: date | datetime | None, arg: str = "") -> SafeString | str:
    """``<time datetime="2026-11-26T14:05+01:00">jeu. 26 nov. 2026, 14 h 05</time>``."""
    if not isinstance(value, date):
        return ""
    return format_html('<time datetime="{}">{}</time>', _iso(value), when(value, arg))


@register.simple_tag
def colon() -> str:
    """The end of a label: `` :`` (non-breaking space) in French, ``:`` in English."""
    return f"{NBSP}:" if _language().lower().startswith("fr") else ":"
