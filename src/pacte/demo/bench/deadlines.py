"""Deadlines per second: the scalar arithmetic on a sample against the vectorised one on all.

Receipts are random instants over two years, every hour of the week; each gets a
random 0 to 5 business-day delay. The two paths must agree on the sample.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import numpy as np

from pacte.business_calendar.arithmetic import add_business_days
from pacte.business_calendar.spec import CalendarSpec
from pacte.business_calendar.vectorised import add_business_days_batch
from pacte.demo.bench.report import BenchRow

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
TWO_YEARS_US = 2 * 365 * 86_400 * 1_000_000


def random_receipts(
    rng: np.random.Generator, *, count: int, start: datetime
) -> tuple[np.ndarray, np.ndarray]:
    """``count`` receipts (datetime64[us], UTC) over two years from ``start``, and delays."""
    start_us = (start - EPOCH) // timedelta(microseconds=1)
    micros = start_us + rng.integers(0, TWO_YEARS_US, count)
    return micros.astype("datetime64[us]"), rng.integers(0, 6, count)


def bench_deadlines(
    *, spec: CalendarSpec, receipts: int, sample: int, seed: int, start: datetime
) -> list[BenchRow]:
    """Time both paths; raise AssertionError if they disagree on the sample."""
    rng = np.random.default_rng(seed)
    instants, days = random_receipts(rng, count=receipts, start=start)
    sample = min(sample, receipts)
    scalar_in = [
        (EPOCH + timedelta(microseconds=int(us)), int(d))
        for us, d in zip(instants[:sample].astype(np.int64), days[:sample], strict=True)
    ]
    began = time.perf_counter()
    scalar = [add_business_days(received, d, spec) for received, d in scalar_in]
    scalar_seconds = time.perf_counter() - began
    began = time.perf_counter()
    batch = add_business_days_batch(instants, days, spec)
    batch_seconds = time.perf_counter() - began
    expected = np.array([(due - EPOCH) // timedelta(microseconds=1) for due in scalar])
    if not np.array_equal(batch[:sample].astype(np.int64), expected):
        raise AssertionError("scalar and vectorised deadlines disagree")
    scalar_rate = sample / max(scalar_seconds, 1e-9)
    batch_rate = receipts / max(batch_seconds, 1e-9)
    return [
        BenchRow("deadlines, scalar", scalar_rate, "/s", f"{sample:,} receipts"),
        BenchRow("deadlines, vectorised", batch_rate, "/s", f"{receipts:,} receipts"),
        BenchRow("vectorised speed-up", batch_rate / max(scalar_rate, 1e-9), "x", "same results"),
    ]
