"""The summary generate_demo prints: volumes, shares, and what waits in the queues."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time
from zoneinfo import ZoneInfo

from pacte.cases.models import Case
from pacte.customers.models import Account, Line
from pacte.demo.catalogue import DEMO_PASSWORD, DEMO_USERS
from pacte.demo.generate import DemoSummary


def _shares(counter: Counter[str], total: int) -> str:
    return "  ".join(
        f"{key} {100 * value / max(total, 1):.1f} %" for key, value in counter.most_common()
    )


def queue_state(*, now: datetime, zone: ZoneInfo) -> tuple[int, int, int]:
    """(open cases, open past their deadline, open due between now and the end of today)."""
    end_of_day = datetime.combine(now.astimezone(zone).date(), time.max, zone)
    open_cases = Case.objects.open()
    return (
        open_cases.count(),
        open_cases.filter(due_at__lt=now).count(),
        open_cases.filter(due_at__gte=now, due_at__lte=end_of_day).count(),
    )


def summary_lines(summary: DemoSummary, *, zone: ZoneInfo) -> list[str]:
    """Human-readable lines describing a finished generation."""
    tally = summary.tally
    open_count, past_due, due_today = queue_state(now=summary.now, zone=zone)
    logins = ", ".join(user.username for user in DEMO_USERS)
    return [
        f"Demo generated in {summary.seconds:.1f} s (seed {summary.seed}, "
        f"{summary.months} months up to {summary.now.astimezone(zone):%Y-%m-%d %H:%M %Z}).",
        f"  customers {summary.customers:,}  accounts {Account.objects.count():,}  "
        f"lines {Line.objects.count():,}  points of sale {summary.distributors:,}",
        f"  cases {tally.cases:,}  events {tally.events:,}  clocks {tally.clocks:,}",
        f"  channels: {_shares(tally.channels, tally.cases)}",
        f"  kinds: {_shares(tally.kinds, tally.cases)}",
        f"  statuses: {_shares(tally.statuses, tally.cases)}",
        f"  clocks: {_shares(tally.clock_states, tally.clocks)}",
        f"  hand-offs {100 * tally.hand_offs / max(tally.cases, 1):.1f} %  "
        f"new committed deadlines {100 * tally.promises / max(tally.cases, 1):.1f} %",
        f"  queues: {open_count:,} open cases, {past_due:,} past their deadline, "
        f"{due_today:,} due by the end of today",
        f"  logins ({DEMO_PASSWORD}): {logins}",
    ]
