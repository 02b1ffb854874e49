"""Trend charts as inline SVG, drawn on the server (WeasyPrint runs no JavaScript).

One chart per indicator: the month's figure as a line with dots (no dot for a month
without cases), the target as a dashed line. A rate is drawn on a 0-100 axis; another
unit (a count of channels, a score) on an axis from 0 to a round number above its
figures and target, never as a percentage.
"""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from pacte.commitments.units import is_rate
from pacte.evidence.contents import Trend

WIDTH, HEIGHT = 520, 170
LEFT, RIGHT, TOP, BOTTOM = 36, 10, 10, 30


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span * index / (count - 1) if count > 1 else span / 2)


def _y(rate: Decimal, top: int = 100) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - float(rate) / top)


def axis_top(trend: Trend) -> int:
    """The vertical axis' maximum: 100 for a rate, else an even number above every
    figure and the target (at least 2)."""
    if is_rate(trend.unit):
        return 100
    highest = max([trend.target, *(p.rate for p in trend.points if p.rate is not None)])
    top = max(2, math.ceil(float(highest) * 1.2))
    return top + top % 2


def _grid(top: int) -> list[str]:
    parts = []
    for value in (0, top // 2, top):
        y = _y(Decimal(value), top)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            'stroke="#ccc" stroke-width="0.5"/>'
            f'<text x="{LEFT - 4}" y="{y + 3:.1f}" font-size="8" text-anchor="end">{value}</text>'
        )
    return parts


def trend_svg(trend: Trend) -> SafeString:
    """The SVG markup of one indicator's 12-month trend."""
    count = len(trend.points)
    top = axis_top(trend)
    parts = _grid(top)
    target_y = _y(trend.target, top)
    parts.append(
        f'<line x1="{LEFT}" y1="{target_y:.1f}" x2="{WIDTH - RIGHT}" y2="{target_y:.1f}" '
        'stroke="#c0392b" stroke-width="1" stroke-dasharray="4 3"/>'
    )
    points = [
        (_x(index, count), _y(point.rate, top))
        for index, point in enumerate(trend.points)
        if point.rate is not None
    ]
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1f5fa8" stroke-width="1.5"/>')
    parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#1f5fa8"/>' for x, y in points]
    for index, point in enumerate(trend.points):
        parts.append(
            f'<text x="{_x(index, count):.1f}" y="{HEIGHT - 12}" font-size="7" '
            f'text-anchor="middle">{escape(point.month[2:])}</text>'
        )
    body = mark_safe("".join(parts))  # noqa: S308 - built above from numbers and escaped text
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" '
        'role="img">{}</svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        body,
    )
