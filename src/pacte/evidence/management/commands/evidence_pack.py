"""Build an evidence pack at once (no worker): XLSX and PDF of a month's sample and verdicts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pacte.compliance.periods import parse_month
from pacte.core.errors import PacteError
from pacte.evidence.models import EvidencePack, PackStatus
from pacte.evidence.services import evidence_pack_prepare, pack_build

DEFAULT_SIZE = 20


class Command(BaseCommand):
    help = (
        "Build an evidence pack for a month and a scheme's active version: a seeded sample "
        "per indicator, as XLSX and PDF. Prints the seed and the two files' paths."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM (calendar month)")
        parser.add_argument("--scheme", required=True, help="scheme code, e.g. telecom-2004")
        parser.add_argument(
            "--size", type=int, default=DEFAULT_SIZE, help="items per indicator (default 20)"
        )
        parser.add_argument("--seed", type=int, default=None, help="seed (default: drawn)")
        parser.add_argument(
            "--output", default=None, help="folder to copy the files to (default: storage)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            year, month = parse_month(options["month"])
            pack = evidence_pack_prepare(
                scheme_code=options["scheme"],
                year=year,
                month=month,
                sample_size=options["size"],
                seed=options["seed"],
                language=settings.LANGUAGE_CODE,
            )
        except PacteError as error:
            raise CommandError(f"{error.code}: {error.message}") from error
        pack = pack_build(pack=pack)
        if pack.status != PackStatus.DONE:
            raise CommandError(f"Evidence pack {pack.pk} failed: {pack.error}")
        xlsx, pdf = self._paths(pack, options["output"])
        self.stdout.write(f"seed {pack.seed}")
        self.stdout.write(f"xlsx {xlsx}")
        self.stdout.write(f"pdf {pdf}")

    def _paths(self, pack: EvidencePack, output: str | None) -> tuple[Path, Path]:
        if output is None:
            return Path(pack.xlsx.path), Path(pack.pdf.path)
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for extension, field in (("xlsx", pack.xlsx), ("pdf", pack.pdf)):
            path = folder / pack.file_name(extension)
            with field.open("rb") as source:
                path.write_bytes(source.read())
            paths.append(path)
        return paths[0], paths[1]
