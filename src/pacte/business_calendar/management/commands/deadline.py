"""Print the deadline of N business days for a receipt: ``manage.py deadline --help``."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pacte.business_calendar.arithmetic import add_business_days
from pacte.business_calendar.errors import CalendarNotFoundError
from pacte.business_calendar.selectors import calendar_by_code, calendar_spec
from pacte.business_calendar.spec import CalendarSpec


class Command(BaseCommand):
    help = (
        "Print the deadline of N business days for something received at an instant, "
        "in ISO 8601 with the calendar's UTC offset."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--received",
            required=True,
            help="ISO 8601 instant, e.g. 2026-12-24T15:00 (no offset: the calendar's time zone)",
        )
        parser.add_argument("--business-days", required=True, type=int, help="N, 0 or more")
        parser.add_argument("--calendar", default="FR", help="calendar code (default FR)")

    def handle(self, *args: Any, **options: Any) -> None:
        days: int = options["business_days"]
        if days < 0:
            raise CommandError("--business-days must be 0 or more")
        try:
            spec = calendar_spec(calendar=calendar_by_code(code=options["calendar"]))
        except CalendarNotFoundError as error:
            raise CommandError(error.message) from None
        received_at = parse_received(options["received"], spec)
        deadline = add_business_days(received_at, days, spec)
        self.stdout.write(deadline.astimezone(spec.zone).isoformat())


def parse_received(value: str, spec: CalendarSpec) -> datetime:
    """An ISO 8601 instant; without an offset it is a wall-clock time in the calendar's zone.

    A wall-clock time repeated or skipped by a daylight-saving change is read with
    ``fold=0`` (the earlier offset); that never changes the local day.
    """
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--received {value!r} is not an ISO 8601 date-time (e.g. 2026-12-24T15:00)"
        ) from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=spec.zone)
    return parsed
