"""Calendar months in local time, as UTC instants."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pacte.compliance.errors import ComplianceError
from pacte.compliance.periods import month_bounds, parse_month
from pacte.core.errors import PacteError


@pytest.mark.parametrize(
    ("year", "month", "zone", "start", "end"),
    [
        (
            2026,
            6,
            "Europe/Paris",
            datetime(2026, 5, 31, 22, tzinfo=UTC),
            datetime(2026, 6, 30, 22, tzinfo=UTC),
        ),
        (
            2026,
            1,
            "Europe/Paris",
            datetime(2025, 12, 31, 23, tzinfo=UTC),
            datetime(2026, 1, 31, 23, tzinfo=UTC),
        ),
        (
            2026,
            3,
            "Europe/Paris",
            datetime(2026, 2, 28, 23, tzinfo=UTC),
            datetime(2026, 3, 31, 22, tzinfo=UTC),
        ),
        (
            2026,
            12,
            "Europe/Paris",
            datetime(2026, 11, 30, 23, tzinfo=UTC),
            datetime(2026, 12, 31, 23, tzinfo=UTC),
        ),
        (
            2026,
            6,
            "America/Guadeloupe",
            datetime(2026, 6, 1, 4, tzinfo=UTC),
            datetime(2026, 7, 1, 4, tzinfo=UTC),
        ),
    ],
    ids=["summer", "winter", "dst-change-inside", "year-end", "overseas"],
)
def test_month_bounds_are_local_midnights_in_utc(year, month, zone, start, end):
    # given a month and a zone / when bounded / then local midnights, as UTC
    assert month_bounds(year=year, month=month, zone=zone) == (start, end)


def test_parse_month_reads_year_and_month():
    assert parse_month("2026-03") == (2026, 3)


@pytest.mark.parametrize("value", ["2026-13", "2026", "march", "2026-00"])
def test_parse_month_refuses_what_is_not_a_month(value):
    with pytest.raises(PacteError) as raised:
        parse_month(value)
    assert raised.value.code == ComplianceError.BAD_MONTH
