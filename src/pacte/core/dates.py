"""The dates Pacte works with: the years 2000 to 2100, checked in this one place.

Every interface (API fields, forms, the ACD/IVR event input) and the month
arithmetic of the compliance reports refuse a date, an instant or a month outside
this range, so that nothing near year 1 or 9999 reaches an arithmetic that would
overflow (``datetime`` stops at years 1 and 9999, a time zone shift past them is an
``OverflowError``). No business date of a customer-relationship centre is outside it.
"""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

FIRST_YEAR = 2000
LAST_YEAR = 2100
OUT_OF_RANGE = "date_out_of_range"


def year_supported(year: int) -> bool:
    """Whether ``year`` is in the supported range."""
    return FIRST_YEAR <= year <= LAST_YEAR


def date_supported(value: date) -> bool:
    """Whether ``value`` (a date, or an instant read in its own time zone) is supported."""
    return year_supported(value.year)


def range_message() -> str:
    """The refusal, in the user's language."""
    return gettext("Dates must fall between the years %(first)d and %(last)d.") % {
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


def validate_supported_date(value: date) -> None:
    """A form or serializer field validator: ValidationError outside the supported range."""
    if not date_supported(value):
        raise ValidationError(range_message(), code=OUT_OF_RANGE)


def validate_supported_month(value: str) -> None:
    """A form field validator for ``YYYY-MM`` (its shape checked by the field)."""
    year, _, _month = value.partition("-")
    if not year.isascii() or not year.isdigit() or not year_supported(int(year)):
        raise ValidationError(range_message(), code=OUT_OF_RANGE)


# --- Dates as readers read them -------------------------------------------------
#
# Django's own French abbreviations are not what French readers read ("jui" for both
# juin and juillet, "aoû", "nov" without its period), and its English ``M`` leaks
# into French pages through ``|date:"D j M"``. Pacte writes its dates with its own
# tables, in the forms of the Imprimerie nationale's rules (the ones French
# administrations and newspapers follow):
#
# - a day: ``jeu. 26 nov. 2026`` (``Thu 26 Nov 2026`` in English);
# - a time: ``14 h 05`` (``14:05`` in English). French typography writes the hour
#   with an "h" between non-breaking spaces; it reads unambiguously in any table and
#   never takes the colon that French would have to space;
# - an instant: ``jeu. 26 nov. 2026, 14 h 05`` (``Thu 26 Nov 2026, 14:05``).
#
# Spaces inside a date are U+00A0 so that a date never breaks across two lines.

NBSP = "\u00a0"
DAY_NAMES = {
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
MONTH_NAMES = {
    "fr": (
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def _tables(language: str) -> str:
    """``fr`` for any French (``fr``, ``fr-be``…), ``en`` for anything else."""
    return "fr" if language.lower().startswith("fr") else "en"


def weekday_text(value: date, language: str) -> str:
    """``jeu.`` / ``Thu``."""
    return DAY_NAMES[_tables(language)][value.weekday()]


def day_text(value: date, language: str, *, year: bool = True) -> str:
    """``jeu. 26 nov. 2026`` / ``Thu 26 Nov 2026`` (``jeu. 26 nov.`` without the year)."""
    table = _tables(language)
    parts = [DAY_NAMES[table][value.weekday()], str(value.day), MONTH_NAMES[table][value.month - 1]]
    if year:
        parts.append(str(value.year))
    return NBSP.join(parts)


def time_text(value: time | datetime, language: str) -> str:
    """``14 h 05`` / ``14:05`` (the wall-clock time of ``value`` as given)."""
    if _tables(language) == "fr":
        return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"
    return f"{value.hour:02d}:{value.minute:02d}"


def when_text(value: datetime, language: str, *, zone: tzinfo, year: bool = True) -> str:
    """``jeu. 26 nov. 2026, 14 h 05`` / ``Thu 26 Nov 2026, 14:05``, read in ``zone``.

    ``value`` must be aware: a naive instant has no place in Pacte.
    """
    if value.tzinfo is None:
        raise ValueError("when_text needs an aware datetime")
    local = value.astimezone(zone)
    return f"{day_text(local.date(), language, year=year)}, {time_text(local, language)}"
