"""Print one month's compliance results for a scheme's active version."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from pacte.commitments.models import Scheme
from pacte.commitments.selectors import active_version
from pacte.compliance.periods import parse_month
from pacte.compliance.selectors import IndicatorResult, month_results
from pacte.core import clock
from pacte.core.errors import PacteError

HEADER = ("commitment", "indicator", "num", "den", "rate %", "target", "met", "note")


def _row(result: IndicatorResult) -> tuple[str, ...]:
    target = f"{'≤' if result.target_is_maximum else '≥'} {result.target}"
    if result.no_data:
        return (
            result.commitment_code,
            result.indicator_code,
            "-",
            "-",
            "-",
            target,
            "-",
            f"no data: {result.no_data}",
        )
    met = {True: "yes", False: "NO", None: "-"}[result.met]
    note = "" if result.denominator else "empty population"
    return (
        result.commitment_code,
        result.indicator_code,
        str(result.numerator),
        str(result.denominator),
        "-" if result.rate is None else str(result.rate),
        target,
        met,
        note,
    )


def render(results: list[IndicatorResult]) -> list[str]:
    """The results as aligned text lines (the last column left unpadded)."""
    rows = [HEADER, *(_row(result) for result in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER) - 1)]
    return [
        "  ".join(
            [*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]]
        ).rstrip()
        for row in rows
    ]


class Command(BaseCommand):
    help = "Compute and print a month's compliance results; reads only, run twice, same result."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM (local calendar month)")
        parser.add_argument("--scheme", default="telecom-2004", help="scheme code")

    def handle(self, *args: Any, **options: Any) -> None:
        # The reasons are translations: print them in the site's default language.
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(**options)

    def _handle(self, **options: Any) -> None:
        try:
            year, month = parse_month(options["month"])
            scheme = Scheme.objects.get(code=options["scheme"])
            version = active_version(scheme=scheme)
        except Scheme.DoesNotExist as error:
            raise CommandError(f"No scheme {options['scheme']!r}.") from error
        except PacteError as error:
            raise CommandError(error.message) from error
        results = month_results(scheme_version=version, year=year, month=month, now=clock.now())
        self.stdout.write(f"{scheme.code} v{version.number} — {year}-{month:02d}")
        for line in render(results):
            self.stdout.write(line)
