"""Calendar months in a site's time zone, as UTC instants the database can compare."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.db.models import Q

from pacte.compliance.errors import ComplianceError
from pacte.core.dates import FIRST_YEAR, LAST_YEAR, year_supported
from pacte.core.errors import PacteError


def month_bounds(*, year: int, month: int, zone: str) -> tuple[datetime, datetime]:
    """The month's first instant and the next month's first instant, in UTC.

    A verdict dated ``at`` belongs to the month when ``start <= at < end``. A month
    outside the supported years (``pacte.core.dates``) is refused.
    """
    if not 1 <= month <= 12:
        raise PacteError(ComplianceError.BAD_MONTH, f"No such month: {year:04d}-{month:02d}.")
    if not year_supported(year):
        raise PacteError(
            ComplianceError.BAD_MONTH,
            f"{year:04d}-{month:02d} is outside the supported years {FIRST_YEAR}-{LAST_YEAR}.",
        )
    tz = ZoneInfo(zone)
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def in_month(*, field: str, zone_field: str, year: int, month: int, zones: Iterable[str]) -> Q:
    """A filter: ``field`` falls in the month, read in the time zone held in ``zone_field``.

    One branch per time zone in use, so the comparison stays on the indexed instant
    column instead of converting every row. With a single zone in use (every site's
    calendar has it) the zone is not read at all: a plain range on the instant, with
    no join to reach the zone.
    """
    distinct = sorted(set(zones))
    if len(distinct) == 1:
        start, end = month_bounds(year=year, month=month, zone=distinct[0])
        return Q(**{f"{field}__gte": start, f"{field}__lt": end})
    condition = Q(pk__in=[])
    for zone in distinct:
        start, end = month_bounds(year=year, month=month, zone=zone)
        condition |= Q(**{zone_field: zone, f"{field}__gte": start, f"{field}__lt": end})
    return condition


def parse_month(value: str) -> tuple[int, int]:
    """``YYYY-MM`` as (year, month)."""
    try:
        year_text, month_text = value.split("-")
        year, month = int(year_text), int(month_text)
    except ValueError as error:
        raise PacteError(ComplianceError.BAD_MONTH, f"Expected YYYY-MM, got {value!r}.") from error
    month_bounds(year=year, month=month, zone="UTC")
    return year, month
