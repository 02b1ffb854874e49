"""Worked deadlines, checked by hand: shared by the scalar and the vectorised tests.

Each case reads: received at ``received`` on calendar ``calendar``, a deadline of
``days`` business days is ``expected`` (Paris wall clock with its offset).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pacte.business_calendar.tests.calendars import paris


@dataclass(frozen=True)
class DeadlineCase:
    id: str
    calendar: str
    received: datetime
    days: int
    expected: str


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


CASES = (
    # Daylight saving starts on Sunday 29 March 2026: deadlines after it end at +02:00.
    DeadlineCase("dst_march_friday_to_monday", "FR", paris(2026, 3, 27, 10), 1,
                 "2026-03-30T23:59:59.999999+02:00"),
    DeadlineCase("dst_march_friday_after_closing", "FR", paris(2026, 3, 27, 18), 0,
                 "2026-03-30T23:59:59.999999+02:00"),
    DeadlineCase("dst_march_received_on_the_changing_night", "FR", utc(2026, 3, 29, 1, 30), 0,
                 "2026-03-30T23:59:59.999999+02:00"),
    DeadlineCase("dst_march_deadline_before_the_change", "FR", paris(2026, 3, 26, 10), 1,
                 "2026-03-27T23:59:59.999999+01:00"),
    DeadlineCase("dst_march_seven_day_week_ends_on_the_short_sunday", "7/7",
                 paris(2026, 3, 28, 10), 1, "2026-03-29T23:59:59.999999+02:00"),
    # Daylight saving ends on Sunday 25 October 2026: deadlines after it end at +01:00.
    DeadlineCase("dst_october_friday_to_monday", "FR", paris(2026, 10, 23, 10), 1,
                 "2026-10-26T23:59:59.999999+01:00"),
    DeadlineCase("dst_october_first_of_the_repeated_hours", "FR", utc(2026, 10, 25, 0, 30), 0,
                 "2026-10-26T23:59:59.999999+01:00"),
    DeadlineCase("dst_october_second_of_the_repeated_hours", "FR", utc(2026, 10, 25, 1, 30), 0,
                 "2026-10-26T23:59:59.999999+01:00"),
    DeadlineCase("dst_october_seven_day_week_ends_on_the_long_sunday", "7/7",
                 paris(2026, 10, 24, 10), 1, "2026-10-25T23:59:59.999999+01:00"),
    # Receipt on days that are not business days.
    DeadlineCase("received_on_easter_monday_counts_from_tuesday", "FR", paris(2026, 4, 6, 10), 0,
                 "2026-04-07T23:59:59.999999+02:00"),
    DeadlineCase("received_on_easter_monday_one_day", "FR", paris(2026, 4, 6, 10), 1,
                 "2026-04-08T23:59:59.999999+02:00"),
    DeadlineCase("received_on_saturday", "FR", paris(2026, 3, 7, 10), 0,
                 "2026-03-09T23:59:59.999999+01:00"),
    DeadlineCase("received_on_sunday_night", "FR", paris(2026, 3, 8, 23, 59), 2,
                 "2026-03-11T23:59:59.999999+01:00"),
    # Closing time, in local time: 18:00 itself is after closing.
    DeadlineCase("received_a_microsecond_before_closing", "FR",
                 paris(2026, 3, 10, 17, 59, 59, 999999), 1, "2026-03-11T23:59:59.999999+01:00"),
    DeadlineCase("received_at_closing_time", "FR", paris(2026, 3, 10, 18), 1,
                 "2026-03-12T23:59:59.999999+01:00"),
    DeadlineCase("received_late_evening", "FR", paris(2026, 3, 10, 23), 1,
                 "2026-03-12T23:59:59.999999+01:00"),
    DeadlineCase("received_at_midnight_counts_that_day", "FR", paris(2026, 3, 9), 0,
                 "2026-03-09T23:59:59.999999+01:00"),
    DeadlineCase("utc_evening_is_the_next_local_day", "FR", utc(2026, 3, 9, 23, 30), 0,
                 "2026-03-10T23:59:59.999999+01:00"),
    DeadlineCase("closing_is_local_not_utc", "FR", utc(2026, 3, 10, 17, 30), 0,
                 "2026-03-11T23:59:59.999999+01:00"),
    DeadlineCase("closing_is_local_in_summer_time", "FR", utc(2026, 6, 9, 16, 0), 0,
                 "2026-06-10T23:59:59.999999+02:00"),
    DeadlineCase("zero_days_is_the_end_of_day_zero", "FR", paris(2026, 3, 10, 10), 0,
                 "2026-03-10T23:59:59.999999+01:00"),
    # Year ends.
    DeadlineCase("year_end_skips_new_year", "FR", paris(2026, 12, 31, 10), 1,
                 "2027-01-04T23:59:59.999999+01:00"),
    DeadlineCase("year_end_new_year_on_saturday", "FR", paris(2027, 12, 31, 10), 1,
                 "2028-01-03T23:59:59.999999+01:00"),
    DeadlineCase("year_end_after_closing_on_new_years_eve", "FR", paris(2026, 12, 31, 23, 30), 0,
                 "2027-01-04T23:59:59.999999+01:00"),
    DeadlineCase("christmas_eve_five_days", "FR", paris(2026, 12, 24, 15), 5,
                 "2027-01-04T23:59:59.999999+01:00"),
    DeadlineCase("christmas_eve_five_days_alsace_moselle", "FR-AM", paris(2026, 12, 24, 15), 5,
                 "2027-01-04T23:59:59.999999+01:00"),
    # Easter-based holidays, 2026 (Easter 5 April) and 2027 (Easter 28 March).
    DeadlineCase("good_friday_2026_is_worked_nationally", "FR", paris(2026, 4, 3, 10), 1,
                 "2026-04-07T23:59:59.999999+02:00"),
    DeadlineCase("good_friday_2026_is_closed_in_alsace_moselle", "FR-AM", paris(2026, 4, 3, 10),
                 1, "2026-04-08T23:59:59.999999+02:00"),
    DeadlineCase("skips_ascension_2026", "FR", paris(2026, 5, 13, 10), 1,
                 "2026-05-15T23:59:59.999999+02:00"),
    DeadlineCase("skips_whit_monday_2026", "FR", paris(2026, 5, 22, 10), 1,
                 "2026-05-26T23:59:59.999999+02:00"),
    DeadlineCase("good_friday_2027_is_worked_nationally", "FR", paris(2027, 3, 26, 10), 1,
                 "2027-03-30T23:59:59.999999+02:00"),
    DeadlineCase("good_friday_2027_is_closed_in_alsace_moselle", "FR-AM", paris(2027, 3, 26, 10),
                 1, "2027-03-31T23:59:59.999999+02:00"),
    DeadlineCase("skips_ascension_2027", "FR", paris(2027, 5, 5, 10), 1,
                 "2027-05-07T23:59:59.999999+02:00"),
    DeadlineCase("skips_whit_monday_2027", "FR", paris(2027, 5, 14, 10), 1,
                 "2027-05-18T23:59:59.999999+02:00"),
    # 26 December: a holiday in Alsace-Moselle only.
    DeadlineCase("boxing_day_is_worked_nationally", "FR", paris(2025, 12, 24, 10), 1,
                 "2025-12-26T23:59:59.999999+01:00"),
    DeadlineCase("boxing_day_is_closed_in_alsace_moselle", "FR-AM", paris(2025, 12, 24, 10), 1,
                 "2025-12-29T23:59:59.999999+01:00"),
    # Holidays on a weekend are not moved; holidays on a Friday make a long weekend.
    DeadlineCase("labour_day_on_saturday_changes_nothing", "FR", paris(2027, 4, 30, 10), 1,
                 "2027-05-03T23:59:59.999999+02:00"),
    DeadlineCase("labour_day_on_friday", "FR", paris(2026, 4, 30, 10), 1,
                 "2026-05-04T23:59:59.999999+02:00"),
    DeadlineCase("victory_day_on_friday", "FR", paris(2026, 5, 7, 10), 1,
                 "2026-05-11T23:59:59.999999+02:00"),
    DeadlineCase("ten_days_through_may_bridges", "FR", paris(2026, 4, 30, 10), 10,
                 "2026-05-19T23:59:59.999999+02:00"),
)  # fmt: skip
