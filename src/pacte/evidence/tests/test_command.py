"""manage.py evidence_pack: builds at once, prints the seed and paths; same seed, same sample."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pacte.evidence.models import EvidencePack
from pacte.evidence.tests.helpers import pdf_text, sample_rows, workbook
from pacte.evidence.tests.test_pack import WITH_DATA

pytestmark = pytest.mark.django_db


def run(*args: str) -> dict[str, str]:
    out = StringIO()
    call_command("evidence_pack", *args, stdout=out)
    return dict(line.split(" ", 1) for line in out.getvalue().splitlines())


def test_command_run_twice_with_one_seed_gives_the_same_sample(march, april, tmp_path: Path):
    # when run twice with seed 31 into a folder
    args = ("--month", "2026-03", "--scheme", "telecom-2004", "--size", "4", "--seed", "31")
    first = run(*args, "--output", str(tmp_path / "a"))
    second = run(*args, "--output", str(tmp_path / "b"))
    # then it prints the seed and two files per run, and the samples are identical
    assert first["seed"] == second["seed"] == "31"
    books = [workbook(Path(result["xlsx"]).read_bytes()) for result in (first, second)]
    assert sample_rows(books[0]["T3.1"]) == sample_rows(books[1]["T3.1"])
    assert len(sample_rows(books[0]["T3.1"])) == 4
    assert Path(first["xlsx"]).parent == tmp_path / "a"
    assert "31" in pdf_text(Path(first["pdf"]).read_bytes())
    assert EvidencePack.objects.filter(requested_by=None, status="done").count() == 2


def test_command_draws_and_prints_a_seed(march, april):
    # without --seed or --output: a drawn seed, files in storage
    result = run("--month", "2026-03", "--scheme", "telecom-2004")
    pack = EvidencePack.objects.get()
    assert result["seed"] == str(pack.seed)
    assert Path(result["xlsx"]) == Path(pack.xlsx.path)
    book = workbook(Path(result["xlsx"]).read_bytes())
    assert book.sheetnames[1:] == WITH_DATA
    assert book.worksheets[0]["B4"].value == str(pack.seed)  # the seed line, in French
    assert Path(result["pdf"]).read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--month", "2026-13", "--scheme", "telecom-2004"), "bad_month"),
        (("--month", "March", "--scheme", "telecom-2004"), "bad_month"),
        (("--month", "2026-03", "--scheme", "nope"), "unknown_scheme"),
        (("--month", "2026-03", "--scheme", "telecom-2004", "--size", "0"), "bad_sample_size"),
    ],
)
def test_command_refuses_bad_input_clearly(april, db, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not EvidencePack.objects.exists()
