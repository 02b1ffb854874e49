"""One line per measurement, printed as a compact table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class BenchRow:
    """A figure: what was measured, its value and unit, and how (sample size, notes)."""

    name: str
    value: float
    unit: str
    detail: str = ""


def percentile_ms(latencies: Sequence[float], q: float) -> float:
    """The ``q``-th percentile of latencies in seconds, in milliseconds (0 when empty)."""
    if not latencies:
        return 0.0
    return float(np.percentile(np.asarray(latencies), q)) * 1000


def latency_rows(name: str, latencies: Sequence[float], detail: str) -> list[BenchRow]:
    """The median and 99th percentile of ``latencies`` (seconds) as two rows."""
    return [
        BenchRow(f"{name} p50", percentile_ms(latencies, 50), "ms", detail),
        BenchRow(f"{name} p99", percentile_ms(latencies, 99), "ms", detail),
    ]


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def table_lines(rows: Sequence[BenchRow]) -> list[str]:
    """Rows aligned in columns: measurement, value, unit, detail."""
    cells = [(row.name, _number(row.value), row.unit, row.detail) for row in rows]
    header = ("measurement", "value", "unit", "detail")
    widths = [max(len(str(c[i])) for c in [header, *cells]) for i in range(3)]
    lines = []
    for name, value, unit, detail in [header, *cells]:
        lines.append(
            f"{name:<{widths[0]}}  {value:>{widths[1]}}  {unit:<{widths[2]}}  {detail}".rstrip()
        )
    lines.insert(1, "-" * len(lines[0]))
    return lines
