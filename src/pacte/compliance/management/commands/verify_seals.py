"""Check every closed month in full — seal, frozen verdicts, the trail under them, the
clocks, the chain of seals — record each outcome, and fail if any is broken."""

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
    help = (
        "Verify closed months in full (seal, verdicts, trail, clocks, chain) and record "
        "the outcomes the public page goes by."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scheme", default=None, help="scheme code (default: every scheme)")
        parser.add_argument(
            "--no-record",
            action="store_true",
            help="only print; do not record the outcomes (the publication ignores this run)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        checks = seals_verify(scheme_code=options["scheme"], record=not options["no_record"])
        for check in checks:
            self.stdout.write(line(check))
            for detail in check.details:
                self.stdout.write(f"  first broken: {detail}")
        broken = [check for check in checks if not check.ok]
        if broken:
            labels = ", ".join(check.closing.label for check in broken)
            raise CommandError(f"{len(broken)} broken closing(s): {labels}")
        self.stdout.write(f"{len(checks)} closing(s) verified.")
