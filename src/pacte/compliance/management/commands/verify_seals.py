"""Recompute every closed month's seal and check the chain; fail if any is broken."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pacte.compliance.verification import SealCheck, seals_verify


def line(check: SealCheck) -> str:
    closing = check.closing
    head = f"{closing.scheme_version.scheme.code} {closing.label} #{closing.pk} ({closing.status})"
    if check.ok:
        return f"{head}: ok"
    return f"{head}: BROKEN ({'; '.join(problem.value for problem in check.problems)})"


class Command(BaseCommand):
    help = "Verify the seals and the chain of closed months; reads only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scheme", default=None, help="scheme code (default: every scheme)")

    def handle(self, *args: Any, **options: Any) -> None:
        checks = seals_verify(scheme_code=options["scheme"])
        for check in checks:
            self.stdout.write(line(check))
        broken = [check for check in checks if not check.ok]
        if broken:
            labels = ", ".join(check.closing.label for check in broken)
            raise CommandError(f"{len(broken)} broken closing(s): {labels}")
        self.stdout.write(f"{len(checks)} closing(s) verified.")
