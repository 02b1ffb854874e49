"""The deadline in words: business days on the site's calendar, in the site's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.utils import translation

from pacte.business_calendar.arithmetic import end_of_local_day
from pacte.business_calendar.spec import CalendarSpec
from pacte.conftest import PARIS
from pacte.core import clock
from pacte.workspace.cases.deadlines import Urgency, day_name, describe_deadline

EASTER_MONDAY_2026 = date(2026, 4, 6)
SPEC = CalendarSpec(holidays=frozenset({EASTER_MONDAY_2026, date(2026, 5, 1), date(2027, 1, 1)}))


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


def end_of(year: int, month: int, day: int) -> datetime:
    return end_of_local_day(date(year, month, day), SPEC)


CASES = [
    # (now, due, text, urgency)
    (at(2026, 3, 10, 10), None, "no deadline", Urgency.NONE),
    (at(2026, 3, 10, 10), end_of(2026, 3, 10), "due today 23:59", Urgency.TODAY),
    (at(2026, 3, 10, 10), end_of(2026, 3, 11), "due Wed 23:59, 1 business day left", Urgency.SOON),
    (
        at(2026, 3, 10, 10),
        end_of(2026, 3, 12),
        "due Thu 23:59, 2 business days left",
        Urgency.LATER,
    ),
    # Friday afternoon: Monday is one business day away, the weekend does not count.
    (at(2026, 3, 13, 16), end_of(2026, 3, 16), "due Mon 23:59, 1 business day left", Urgency.SOON),
    # On a Saturday, Monday is still one business day away.
    (at(2026, 3, 14, 11), end_of(2026, 3, 16), "due Mon 23:59, 1 business day left", Urgency.SOON),
    # DST week: clocks go forward on Sunday 29 March; the deadline is still 23:59 local.
    (
        at(2026, 3, 27, 10),
        end_of(2026, 3, 31),
        "due Tue 23:59, 2 business days left",
        Urgency.LATER,
    ),
    # Easter Monday is a holiday: from Friday, Tuesday is one business day away.
    (at(2026, 4, 3, 10), end_of(2026, 4, 7), "due Tue 23:59, 1 business day left", Urgency.SOON),
    # A promise for a Saturday, seen on Friday: no business day left, not today.
    (at(2026, 3, 13, 10), at(2026, 3, 14, 12), "due Sat 12:00", Urgency.SOON),
    # Beyond a week the date is given.
    (
        at(2026, 3, 10, 10),
        end_of(2026, 3, 24),
        "due Tue 24 Mar 23:59, 10 business days left",
        Urgency.LATER,
    ),
    (
        at(2026, 12, 28, 10),
        end_of(2027, 1, 12),
        "due Tue 12 Jan 2027 23:59, 10 business days left",
        Urgency.LATER,
    ),
    # Breached.
    (at(2026, 3, 10, 10), at(2026, 3, 10, 9), "breached today 09:00", Urgency.BREACHED),
    (at(2026, 3, 10, 10), end_of(2026, 3, 9), "breached 1 business day ago", Urgency.BREACHED),
    (at(2026, 3, 10, 10), end_of(2026, 3, 6), "breached 2 business days ago", Urgency.BREACHED),
    (at(2026, 3, 14, 10), end_of(2026, 3, 13), "breached Fri 23:59", Urgency.BREACHED),
    # Autumn DST week: due Friday in summer time, seen Monday in winter time.
    (at(2026, 10, 26, 10), end_of(2026, 10, 23), "breached 1 business day ago", Urgency.BREACHED),
]


@pytest.mark.parametrize(("now", "due_at", "text", "urgency"), CASES)
def test_deadline_wording(
    now: datetime, due_at: datetime | None, text: str, urgency: Urgency
) -> None:
    # Given the clock frozen at "now"
    with time_machine.travel(now, tick=False), translation.override("en"):
        # When the deadline is described
        label = describe_deadline(due_at=due_at, now=clock.now(), spec=SPEC)
    # Then it reads in business days on the site's calendar
    assert label.text.replace("\u00a0", " ") == text
    assert label.urgency is urgency
    assert label.breached == (urgency is Urgency.BREACHED)


def test_deadline_stored_in_utc_reads_in_local_time_across_dst() -> None:
    # Given a deadline at the end of Tuesday 31 March (summer time), stored in UTC
    due_at = end_of(2026, 3, 31)
    assert due_at.tzinfo is UTC
    assert due_at.hour == 21  # 23:59 CEST is 21:59 UTC
    # When it is seen on Friday 27 March (winter time)
    with time_machine.travel(at(2026, 3, 27, 10), tick=False), translation.override("en"):
        label = describe_deadline(due_at=due_at, now=clock.now(), spec=SPEC)
    # Then it says 23:59, not 22:59
    assert "23:59" in label.text


def test_breached_label_has_the_breached_css_class() -> None:
    with translation.override("en"):
        label = describe_deadline(due_at=end_of(2026, 3, 6), now=at(2026, 3, 10, 10), spec=SPEC)
    assert label.css_class == "breached"
    assert label.business_days == -2


def test_deadline_wording_in_french() -> None:
    with translation.override("fr"):
        label = describe_deadline(due_at=end_of(2026, 3, 12), now=at(2026, 3, 10, 10), spec=SPEC)
        breached = describe_deadline(due_at=end_of(2026, 3, 6), now=at(2026, 3, 10, 10), spec=SPEC)
    assert label.text == "échéance jeu. 23\u00a0h\u00a059, 2 jours ouvrés restants"
    assert breached.text == "dépassée depuis 2 jours ouvrés"


def test_day_name_in_french_is_unambiguous() -> None:
    with translation.override("fr"):
        assert day_name(date(2026, 7, 14), today=date(2026, 6, 1)) == "mar.\u00a014\u00a0juil."
        assert day_name(date(2026, 6, 16), today=date(2026, 6, 1)) == "mar.\u00a016\u00a0juin"


def test_deadline_counts_on_the_sites_time_zone() -> None:
    # Given a site in Martinique (UTC-4), with no holidays
    spec = CalendarSpec(timezone="America/Martinique")
    due_at = end_of_local_day(date(2026, 3, 10), spec)
    # When it is 01:00 on Wednesday in Paris (20:00 on Tuesday in Martinique)
    now = at(2026, 3, 11, 1)
    with translation.override("en"):
        label = describe_deadline(due_at=due_at, now=now, spec=spec)
    # Then the deadline is still today, in the site's day
    assert label.text == "due today 23:59"


@pytest.mark.parametrize(
    ("day", "today", "expected"),
    [
        (date(2026, 3, 12), date(2026, 3, 10), "Thu"),
        (date(2026, 3, 16), date(2026, 3, 10), "Mon"),
        (date(2026, 3, 17), date(2026, 3, 10), "Tue 17 Mar"),
        (date(2026, 3, 3), date(2026, 3, 10), "Tue 3 Mar"),
        (date(2027, 1, 5), date(2026, 12, 20), "Tue 5 Jan 2027"),
    ],
)
def test_day_name(day: date, today: date, expected: str) -> None:
    with translation.override("en"):
        assert day_name(day, today=today).replace("\u00a0", " ") == expected
