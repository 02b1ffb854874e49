"""A million random receipts: the vectorised and the scalar deadlines agree (no database).

The scalar side is memoised, exactly: ``add_business_days(t, n, spec)`` depends on
``t`` only through day 0, which depends only on the local date of ``t`` and on
whether its local time is before closing (``arithmetic.day_zero``). So each
receipt is converted to local time one by one with :mod:`zoneinfo` (the part the
vectorised code does differently), and the scalar function is called once per
(local date, before closing, n) and its answer reused for the other receipts with
the same key.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt
import pytest

from pacte.business_calendar.arithmetic import add_business_days
from pacte.business_calendar.spec import CalendarSpec
from pacte.business_calendar.tests.calendars import EPOCH, FR, FR_AM, MICROSECOND, micros
from pacte.business_calendar.vectorised import add_business_days_batch

RECEIPTS = 1_000_000
QUARTER_HOUR = 15 * 60 * 1_000_000


def random_receipts(rng: np.random.Generator) -> npt.NDArray[np.int64]:
    """UTC microseconds in 2000 to 2040: half anywhere, half on a quarter hour ± 1 µs."""
    low = micros(datetime(2000, 1, 1, tzinfo=UTC))
    high = micros(datetime(2040, 1, 1, tzinfo=UTC))
    anywhere = rng.integers(low, high, RECEIPTS // 2)
    quarters = rng.integers(low // QUARTER_HOUR, high // QUARTER_HOUR, RECEIPTS - len(anywhere))
    on_boundaries = quarters * QUARTER_HOUR + rng.integers(-1, 2, len(quarters))
    return np.concatenate([anywhere, on_boundaries])


def memoised_scalar(
    received: npt.NDArray[np.int64], days: npt.NDArray[np.int64], spec: CalendarSpec
) -> npt.NDArray[np.int64]:
    """``add_business_days`` for every receipt, in UTC microseconds (see module docstring)."""
    zone, closing = spec.zone, spec.closing_time
    answers: dict[tuple[object, bool, int], int] = {}
    out = np.empty(len(received), dtype=np.int64)
    for index, (us, n) in enumerate(zip(received.tolist(), days.tolist(), strict=True)):
        received_at = EPOCH + timedelta(microseconds=us)
        local = received_at.astimezone(zone)
        key = (local.date(), local.time() < closing, n)
        answer = answers.get(key)
        if answer is None:
            answer = answers[key] = (add_business_days(received_at, n, spec) - EPOCH) // MICROSECOND
        out[index] = answer
    return out


@pytest.mark.slow
@pytest.mark.no_cover  # every line it runs is covered elsewhere; tracing would triple its time
def test_vectorised_and_scalar_agree_on_a_million_random_receipts() -> None:
    # Given a million receipts spread over FR and FR-AM, seeded
    rng = np.random.default_rng(20261224)
    received = random_receipts(rng)
    days = rng.integers(0, 31, RECEIPTS)
    alsace_moselle = rng.random(RECEIPTS) < 0.5
    for spec, chosen in ((FR, ~alsace_moselle), (FR_AM, alsace_moselle)):
        # When both paths compute the deadlines
        vectorised = add_business_days_batch(
            received[chosen].view("datetime64[us]"), days[chosen], spec
        ).view(np.int64)
        scalar = memoised_scalar(received[chosen], days[chosen], spec)
        # Then they agree to the microsecond, on every receipt
        mismatches = np.flatnonzero(vectorised != scalar)
        assert mismatches.size == 0, [
            (int(received[chosen][i]), int(days[chosen][i])) for i in mismatches[:5]
        ]
