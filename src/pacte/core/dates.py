"""The dates Pacte works with: the years 2000 to 2100, checked in this one place.

Every interface (API fields, forms, the ACD/IVR event input) and the month
arithmetic of the compliance reports refuse a date, an instant or a month outside
this range, so that nothing near year 1 or 9999 reaches an arithmetic that would
overflow (``datetime`` stops at years 1 and 9999, a time zone shift past them is an
``OverflowError``). No business date of a customer-relationship centre is outside it.
"""

from __future__ import annotations

from datetime import date

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
