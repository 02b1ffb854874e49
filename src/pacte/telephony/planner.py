"""The staffing planner's input rules: a day's forecast in, an Erlang C (and A) plan out.

Shared by the workspace screen and the API, which only parse and render. The
arithmetic is :mod:`pacte.telephony.erlang`'s; this module checks a forecast
(times on the interval grid, no duplicates, figures in range), builds the
:class:`~pacte.telephony.erlang.IntervalForecast` rows, calls ``staffing_plan``
and adds the totals. Given the callers' mean patience, each interval is also
planned by Erlang A (:mod:`pacte.telephony.erlang_a`), beside Erlang C. No
models, no database, no clock: a plan is for a typical day, so the intervals are
dated on a fixed nominal day and only their time shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Final

from django.utils.translation import gettext, gettext_noop

from pacte.telephony.erlang import (
    ERLANG_C_CAVEAT,
    IntervalForecast,
    ServiceTarget,
    StaffingRow,
    staffing_plan,
    traffic_intensity,
)
from pacte.telephony.erlang_a import (
    ERLANG_A_CAVEAT,
    ErlangAFigures,
    agents_required_erlang_a,
)

INTERVAL_MINUTES: Final = (15, 30, 60)
MAX_INTERVALS: Final = 24 * 60 // min(INTERVAL_MINUTES)  # a day of 15-minute intervals
MAX_TRAFFIC_ERLANGS: Final = 500
MAX_HANDLE_SECONDS: Final = 7200
MAX_THRESHOLD_SECONDS: Final = 3600
MIN_OCCUPANCY: Final = 0.5  # a lower cap multiplies the agents (and the search) without bound
MIN_PATIENCE_SECONDS: Final = 1
MAX_PATIENCE_SECONDS: Final = 3600
NOMINAL_DAY: Final = date(2000, 1, 3)

# makemessages extracts literals only: this is ERLANG_C_CAVEAT's text, marked for
# translation (a test checks that the two stay equal).
CAVEAT_MSGID: Final = gettext_noop(
    "Erlang C assumes that every caller waits until answered. It ignores "
    "abandonment (and retrials), so where callers hang up while queuing it "
    "overstates the waiting time and the staffing needed to meet a target; use "
    "Erlang A or a simulation for a queue whose abandon rate is known."
)
ERLANG_A_CAVEAT_MSGID: Final = gettext_noop(
    "Erlang A accounts for callers who hang up while queuing, assuming an "
    "exponentially distributed patience of the mean given; its service level "
    "counts a caller who abandons as not answered within the threshold."
)

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_NUMBER = re.compile(r"^\d{1,9}(?:[.,]\d{1,6})?$")
_SEPARATORS = re.compile(r"[\s;]+")


class ForecastError(ValueError):
    """A forecast the planner refuses; ``index`` is the 0-based interval at fault, if any."""

    def __init__(self, reason: str, *, index: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.index = index


@dataclass(frozen=True, slots=True)
class ForecastInterval:
    """One interval of the forecast as entered: start time, arrivals, average handle time."""

    start: time
    arrivals: float
    handle_seconds: float


@dataclass(frozen=True, slots=True)
class StaffingPlan:
    """The agents required per interval, in time order, with the day's totals."""

    interval_minutes: int
    target: ServiceTarget
    rows: list[StaffingRow]
    patience_seconds: float | None = None
    erlang_a: tuple[ErlangAFigures, ...] = ()  # one per row when a patience is given

    @property
    def peak_agents(self) -> int:
        return max((row.figures.agents for row in self.rows), default=0)

    @property
    def agent_hours(self) -> float:
        return sum(row.figures.agents for row in self.rows) * self.interval_minutes / 60

    @property
    def peak_agents_erlang_a(self) -> int | None:
        """Erlang A's peak, or None without a patience."""
        if self.patience_seconds is None:
            return None
        return max((figures.agents for figures in self.erlang_a), default=0)

    @property
    def agent_hours_erlang_a(self) -> float | None:
        """Erlang A's agent-hours, or None without a patience."""
        if self.patience_seconds is None:
            return None
        return sum(figures.agents for figures in self.erlang_a) * self.interval_minutes / 60

    @property
    def total_arrivals(self) -> float:
        return sum(row.forecast.arrivals for row in self.rows)


def staffing_caveat() -> str:
    """Erlang C's caveat (:data:`ERLANG_C_CAVEAT`) in the active language."""
    return gettext(ERLANG_C_CAVEAT)


def erlang_a_caveat() -> str:
    """What Erlang A assumes (:data:`ERLANG_A_CAVEAT`) in the active language."""
    return gettext(ERLANG_A_CAVEAT)


def check_patience(patience_seconds: float | None) -> float | None:
    """The callers' mean patience, None if not given, or ForecastError if out of range."""
    if patience_seconds is not None and not (
        MIN_PATIENCE_SECONDS <= patience_seconds <= MAX_PATIENCE_SECONDS
    ):
        raise ForecastError(
            gettext("The mean patience must be between %(min)d and %(max)d seconds.")
            % {"min": MIN_PATIENCE_SECONDS, "max": MAX_PATIENCE_SECONDS}
        )
    return patience_seconds


def parse_time(text: str) -> time:
    """``HH:MM`` (or ``H:MM``) as a time; ValueError with the reason otherwise."""
    match = _TIME.match(text.strip())
    if match is None:
        raise ValueError(gettext("“%(text)s” is not a time HH:MM.") % {"text": text})
    return time(int(match.group(1)), int(match.group(2)))


def parse_number(text: str, *, what: str) -> float:
    """A non-negative decimal (point or comma); ValueError naming ``what`` otherwise."""
    if _NUMBER.match(text) is None:
        raise ValueError(
            gettext("%(what)s “%(text)s” is not a non-negative number.")
            % {"what": what, "text": text}
        )
    return float(Decimal(text.replace(",", ".")))


def parse_forecast_line(text: str) -> ForecastInterval:
    """``HH:MM arrivals AHT-seconds`` (spaces, tabs or semicolons between the three)."""
    fields = [field for field in _SEPARATORS.split(text.strip()) if field]
    if len(fields) != 3:
        raise ValueError(
            gettext("expected “HH:MM arrivals AHT-seconds”, found %(count)d fields.")
            % {"count": len(fields)}
        )
    return ForecastInterval(
        start=parse_time(fields[0]),
        arrivals=parse_number(fields[1], what=gettext("Arrivals")),
        handle_seconds=parse_number(fields[2], what=gettext("Handle time")),
    )


def parse_forecast_text(text: str) -> tuple[list[ForecastInterval], list[int]]:
    """The intervals of a pasted forecast and each one's line number (1-based).

    Blank lines and lines starting with ``#`` are skipped. A line that cannot be
    read raises ForecastError naming the line and the reason.
    """
    intervals: list[ForecastInterval] = []
    numbers: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            intervals.append(parse_forecast_line(line))
        except ValueError as error:
            raise ForecastError(
                gettext("Line %(number)d (“%(line)s”): %(reason)s")
                % {"number": number, "line": line.strip()[:60], "reason": error}
            ) from error
        numbers.append(number)
    return intervals, numbers


def _check_interval(
    interval: ForecastInterval, *, index: int, interval_minutes: int, seen: set[time]
) -> None:
    def refuse(reason: str) -> None:
        raise ForecastError(reason, index=index)

    start = interval.start.strftime("%H:%M")
    if interval.start in seen:
        refuse(gettext("%(start)s appears twice.") % {"start": start})
    if (interval.start.hour * 60 + interval.start.minute) % interval_minutes:
        refuse(
            gettext("%(start)s does not start a %(minutes)d-minute interval.")
            % {"start": start, "minutes": interval_minutes}
        )
    if interval.arrivals > 0 and not 0 < interval.handle_seconds <= MAX_HANDLE_SECONDS:
        refuse(
            gettext("the handle time must be above 0 and at most %(max)d seconds.")
            % {"max": MAX_HANDLE_SECONDS}
        )
    traffic = traffic_intensity(
        arrivals_per_interval=interval.arrivals,
        interval_seconds=interval_minutes * 60,
        handle_seconds=interval.handle_seconds,
    )
    if traffic > MAX_TRAFFIC_ERLANGS:
        refuse(
            gettext("%(traffic).1f erlangs is above the planner's limit of %(max)d.")
            % {"traffic": traffic, "max": MAX_TRAFFIC_ERLANGS}
        )
    seen.add(interval.start)


def check_target(
    *, service_level: float, threshold_seconds: float, max_occupancy: float | None
) -> ServiceTarget:
    """The service target, or ForecastError: level in (0, 1), cap in [0.5, 1]."""
    if not 0 < service_level < 1:
        raise ForecastError(
            gettext("The target service level must be above 0 and below 100 percent.")
        )
    if not 0 <= threshold_seconds <= MAX_THRESHOLD_SECONDS:
        raise ForecastError(
            gettext("The threshold must be between 0 and %(max)d seconds.")
            % {"max": MAX_THRESHOLD_SECONDS}
        )
    if max_occupancy is not None and not MIN_OCCUPANCY <= max_occupancy <= 1:
        raise ForecastError(gettext("The maximum occupancy must be between 50 and 100 percent."))
    return ServiceTarget(service_level, threshold_seconds, max_occupancy)


def _erlang_a_rows(rows: list[StaffingRow], patience_seconds: float) -> tuple[ErlangAFigures, ...]:
    return tuple(
        agents_required_erlang_a(
            arrivals_per_interval=row.forecast.arrivals,
            interval_seconds=row.forecast.interval_seconds,
            handle_seconds=row.forecast.handle_seconds,
            patience_seconds=patience_seconds,
            target_service_level=row.forecast.target.service_level,
            threshold_seconds=row.forecast.target.threshold_seconds,
            max_occupancy=row.forecast.target.max_occupancy,
        )
        for row in rows
    )


def plan_staffing(
    *,
    intervals: list[ForecastInterval],
    interval_minutes: int,
    target: ServiceTarget,
    patience_seconds: float | None = None,
) -> StaffingPlan:
    """The Erlang C plan of a day's forecast, in time order; ForecastError if refused.

    Each start must fall on the interval grid (08:30 for 30 minutes, not 08:15),
    appear once, and carry at most :data:`MAX_TRAFFIC_ERLANGS` of traffic. Given
    the callers' mean patience (:func:`check_patience`), each row is also planned
    by Erlang A.
    """
    check_patience(patience_seconds)
    if interval_minutes not in INTERVAL_MINUTES:
        raise ForecastError(gettext("The interval must last 15, 30 or 60 minutes."))
    if not intervals:
        raise ForecastError(gettext("The forecast has no interval."))
    if len(intervals) > MAX_INTERVALS:
        raise ForecastError(
            gettext("The forecast has more than %(max)d intervals.") % {"max": MAX_INTERVALS}
        )
    seen: set[time] = set()
    for index, interval in enumerate(intervals):
        _check_interval(interval, index=index, interval_minutes=interval_minutes, seen=seen)
    forecasts = [
        IntervalForecast(
            starts_at=datetime.combine(NOMINAL_DAY, interval.start, tzinfo=UTC),
            interval_seconds=interval_minutes * 60,
            arrivals=interval.arrivals,
            handle_seconds=interval.handle_seconds,
            target=target,
        )
        for interval in sorted(intervals, key=lambda interval: interval.start)
    ]
    rows = staffing_plan(forecasts)
    return StaffingPlan(
        interval_minutes=interval_minutes,
        target=target,
        rows=rows,
        patience_seconds=patience_seconds,
        erlang_a=() if patience_seconds is None else _erlang_a_rows(rows, patience_seconds),
    )
