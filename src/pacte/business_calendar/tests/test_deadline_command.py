"""``manage.py deadline``: one line, the deadline with the calendar's UTC offset."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def deadline(*args: str) -> str:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("calendar", [[], ["--calendar", "FR"], ["--calendar", "FR-AM"]])
def test_christmas_eve_plus_five_business_days(calendar: list[str]) -> None:
    output = deadline("--received", "2026-12-24T15:00", "--business-days", "5", *calendar)
    assert output == "2027-01-04T23:59:59.999999+01:00\n"


def test_good_friday_differs_between_calendars() -> None:
    args = ("--received", "2026-04-02T15:00", "--business-days", "1")
    assert deadline(*args) == "2026-04-03T23:59:59.999999+02:00\n"
    assert deadline(*args, "--calendar", "FR-AM") == "2026-04-07T23:59:59.999999+02:00\n"


def test_received_with_an_offset_is_that_instant() -> None:
    # 17:30 UTC is 18:30 in Paris: after closing, so day 0 is the next day
    output = deadline("--received", "2026-03-10T17:30+00:00", "--business-days", "0")
    assert output == "2026-03-11T23:59:59.999999+01:00\n"


def test_received_without_an_offset_is_paris_time() -> None:
    output = deadline("--received", "2026-03-10T17:30", "--business-days", "0")
    assert output == "2026-03-10T23:59:59.999999+01:00\n"


def test_run_twice_same_result() -> None:
    args = ("--received", "2026-10-23T10:00", "--business-days", "1")
    assert deadline(*args) == deadline(*args) == "2026-10-26T23:59:59.999999+01:00\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--received", "24/12/2026", "--business-days", "5"], "not an ISO 8601"),
        (["--received", "2026-02-30T10:00", "--business-days", "5"], "not an ISO 8601"),
        (["--received", "2026-12-24T15:00", "--business-days", "-1"], "0 or more"),
        (["--received", "2026-12-24", "--business-days", "1", "--calendar", "XX"], "'XX'"),
    ],
    ids=["format", "date", "negative", "calendar"],
)
def test_bad_input_is_a_command_error(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        deadline(*args)
