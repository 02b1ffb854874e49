"""Business-day deadlines for whole arrays of receipts at once, with numpy.

The same rule as :mod:`pacte.business_calendar.arithmetic`, which stays the
reference; the tests check that both give the same instant, to the microsecond.

Instants are ``datetime64[us]`` arrays holding UTC; local dates are
``datetime64[D]`` arrays. The three steps, each vectorised:

1. UTC to local time: the zone's UTC-offset changes over the years needed are
   found once with :mod:`zoneinfo` (and cached), then ``np.searchsorted`` picks the
   offset in force at each instant.
2. Day 0 and the due day: ``np.is_busday`` and ``np.busday_offset`` with the
   calendar's week mask and holidays.
3. End of the local due day to UTC: a table of the UTC offset at 23:59:59.999999
   local for every date of the years needed (cached per zone and year).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import cast
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from pacte.business_calendar.arithmetic import END_OF_DAY
from pacte.business_calendar.spec import CalendarSpec

#: ``datetime64[us]`` instants in UTC.
Instants = npt.NDArray[np.datetime64]
#: ``datetime64[D]`` local dates.
LocalDates = npt.NDArray[np.datetime64]
Micros = npt.NDArray[np.int64]

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EPOCH_DATE = date(1970, 1, 1)
MICROSECOND = timedelta(microseconds=1)
US_PER_SECOND = 1_000_000
US_PER_DAY = 86_400 * US_PER_SECOND
#: The zone is sampled every 6 hours to find its offset changes; two changes that
#: cancel out within 6 hours would go unseen (no zone of the tz database has any).
SAMPLE_SECONDS = 6 * 3600


def to_utc_array(instants: Iterable[datetime]) -> Instants:
    """Aware datetimes to a ``datetime64[us]`` UTC array (naive datetimes refused)."""
    micros: list[int] = []
    for instant in instants:
        if instant.tzinfo is None or instant.utcoffset() is None:
            raise ValueError("business-day arithmetic needs aware datetimes")
        micros.append((instant - EPOCH) // MICROSECOND)
    return np.array(micros, dtype=np.int64).view("datetime64[us]")


def from_utc_array(values: Instants) -> list[datetime]:
    """A ``datetime64`` UTC array to aware UTC datetimes, flattened."""
    return [EPOCH + timedelta(microseconds=int(us)) for us in _utc_micros(values).ravel()]


def day_zero_batch(received_at: Instants, spec: CalendarSpec) -> LocalDates:
    """Day 0 of each receipt, as local dates: see :func:`arithmetic.day_zero`."""
    local = _local_micros(_utc_micros(received_at), spec.timezone)
    local_days = local // US_PER_DAY
    before_closing = local - local_days * US_PER_DAY < _time_micros(spec.closing_time)
    dates = local_days.view("datetime64[D]")
    calendar = _busday_calendar(spec)
    counts_today = before_closing & np.is_busday(dates, busdaycal=calendar)
    start = np.where(counts_today, dates, dates + np.timedelta64(1, "D"))
    return np.busday_offset(start, 0, roll="forward", busdaycal=calendar)


def end_of_local_day_batch(days: LocalDates, spec: CalendarSpec) -> Instants:
    """23:59:59.999999 local on each date, as ``datetime64[us]`` UTC."""
    epoch_days = np.asarray(days, dtype="datetime64[D]").astype(np.int64)
    if epoch_days.size == 0:
        return epoch_days.view("datetime64[us]")
    first_year = (EPOCH_DATE + timedelta(days=int(epoch_days.min()))).year
    last_year = (EPOCH_DATE + timedelta(days=int(epoch_days.max()))).year
    table: Micros = np.concatenate(
        [_end_of_day_offsets(spec.timezone, year) for year in range(first_year, last_year + 1)]
    )
    offsets: Micros = table[epoch_days - (date(first_year, 1, 1) - EPOCH_DATE).days]
    return (epoch_days * US_PER_DAY + (US_PER_DAY - 1) - offsets).view("datetime64[us]")


def add_business_days_batch(
    received_at: Instants, days: int | npt.ArrayLike, spec: CalendarSpec
) -> Instants:
    """Deadlines of ``days`` business days for receipts at ``received_at`` (UTC).

    ``days`` is one count for all or an integer array broadcast against
    ``received_at``. Same result as :func:`arithmetic.add_business_days` for each
    element, as a ``datetime64[us]`` UTC array.
    """
    counts = np.asarray(days)
    if counts.dtype.kind not in "iu":
        raise TypeError("business days must be integers")
    if (counts < 0).any():
        raise ValueError("a deadline cannot be a negative number of business days")
    start = day_zero_batch(received_at, spec)
    if start.size == 0:
        return np.empty(np.broadcast_shapes(start.shape, counts.shape), dtype="datetime64[us]")
    due = np.busday_offset(start, counts, roll="raise", busdaycal=_busday_calendar(spec))
    return end_of_local_day_batch(due, spec)


def _utc_micros(values: Instants) -> Micros:
    array = np.asarray(values)
    if array.dtype.kind != "M":
        raise TypeError(f"expected a datetime64 array of UTC instants, got {array.dtype}")
    array = array.astype("datetime64[us]")
    if np.isnat(array).any():
        raise ValueError("NaT is not an instant")
    return array.view(np.int64)


def _time_micros(moment: time) -> int:
    seconds = (moment.hour * 60 + moment.minute) * 60 + moment.second
    return seconds * US_PER_SECOND + moment.microsecond


@lru_cache(maxsize=64)
def _busday_calendar(spec: CalendarSpec) -> np.busdaycalendar:
    holidays = np.array(sorted(spec.holidays), dtype="datetime64[D]")
    return np.busdaycalendar(weekmask=spec.weekmask, holidays=holidays)


def _offset_micros(local: datetime) -> int:
    """The UTC offset of an aware datetime, in microseconds."""
    return cast(timedelta, local.utcoffset()) // MICROSECOND  # aware: never None


def _local_micros(utc: Micros, timezone: str) -> Micros:
    """Local wall-clock microseconds since 1970 for UTC microseconds since 1970."""
    if utc.size == 0:
        return utc
    first_year = (EPOCH + timedelta(microseconds=int(utc.min()))).year
    last_year = (EPOCH + timedelta(microseconds=int(utc.max()))).year
    starts, offsets = _offset_table(timezone, first_year, last_year)
    index = np.searchsorted(starts, utc, side="right") - 1
    return utc + offsets[index]


@lru_cache(maxsize=64)
def _offset_table(timezone: str, first_year: int, last_year: int) -> tuple[Micros, Micros]:
    """From which UTC microsecond each UTC offset is in force, over whole UTC years."""
    start = _year_start_second(first_year)
    starts = [start * US_PER_SECOND]
    offsets = [_offset_at(ZoneInfo(timezone), start)]
    for year in range(first_year, last_year + 1):
        for second, offset in _offset_changes(timezone, year):
            starts.append(second * US_PER_SECOND)
            offsets.append(offset)
    return _frozen(starts), _frozen(offsets)


@lru_cache(maxsize=4096)
def _offset_changes(timezone: str, year: int) -> tuple[tuple[int, int], ...]:
    """(UTC second, new offset in µs) of each offset change in (1 Jan ``year``, 1 Jan next]."""
    zone = ZoneInfo(timezone)
    samples = range(_year_start_second(year), _year_start_second(year + 1) + 1, SAMPLE_SECONDS)
    changes: list[tuple[int, int]] = []
    low, low_offset = samples[0], _offset_at(zone, samples[0])
    for high in samples[1:]:
        high_offset = _offset_at(zone, high)
        while low_offset != high_offset:
            low = _first_second_changed(zone, low, high, low_offset)
            low_offset = _offset_at(zone, low)
            changes.append((low, low_offset))
        low = high
    return tuple(changes)


def _first_second_changed(zone: ZoneInfo, low: int, high: int, low_offset: int) -> int:
    """The first second in (low, high] whose offset is not ``low_offset`` (there is one)."""
    while high - low > 1:
        middle = (low + high) // 2
        if _offset_at(zone, middle) == low_offset:
            low = middle
        else:
            high = middle
    return high


def _offset_at(zone: ZoneInfo, second: int) -> int:
    return _offset_micros(datetime.fromtimestamp(second, zone))


def _year_start_second(year: int) -> int:
    return (datetime(year, 1, 1, tzinfo=UTC) - EPOCH) // timedelta(seconds=1)


@lru_cache(maxsize=4096)
def _end_of_day_offsets(timezone: str, year: int) -> Micros:
    """UTC offset (µs) at 23:59:59.999999 local on each date of ``year``, as the scalar code."""
    zone = ZoneInfo(timezone)
    first = date(year, 1, 1)
    count = (date(year + 1, 1, 1) - first).days
    return _frozen(
        [
            _offset_micros(datetime.combine(first + timedelta(days=k), END_OF_DAY, tzinfo=zone))
            for k in range(count)
        ]
    )


def _frozen(values: list[int]) -> Micros:
    array: Micros = np.array(values, dtype=np.int64)
    array.flags.writeable = False
    return array


__all__ = [
    "Instants",
    "LocalDates",
    "add_business_days_batch",
    "day_zero_batch",
    "end_of_local_day_batch",
    "from_utc_array",
    "to_utc_array",
]
