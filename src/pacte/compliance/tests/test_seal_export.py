"""An outsider checks a closed month from its export with the two scripts docs/trail.md
gives, as written there, run by a separate Python."""

from __future__ import annotations

import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from pacte.compliance.closing import month_close
from pacte.compliance.tests.conftest import answer_at, case_at
from pacte.conftest import Cast, paris

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[4] / "docs" / "trail.md"
AFTER_MARCH = paris(2026, 4, 2, 9)


def scripts() -> list[str]:
    """The Python blocks of docs/trail.md's "How an auditor checks a month by hand"."""
    section = DOCS.read_text(encoding="utf-8").split("## 4. How an auditor", 1)[1]
    return re.findall(r"```python\n(.*?)```", section, re.S)


@pytest.fixture
def exported(cast: Cast, version, tmp_path: Path) -> Path:
    answer_at(
        case_at(paris(2026, 3, 9, 9), team=cast.front), paris(2026, 3, 10, 15), actor=cast.agent
    )
    case_at(paris(2026, 3, 9, 9), team=cast.back)
    with time_machine.travel(AFTER_MARCH, tick=False):
        month_close(
            scheme_version=version, year=2026, month=3, actor=cast.quality_manager, now=AFTER_MARCH
        )
    out = StringIO()
    call_command(
        "export_seal",
        "--scheme", "telecom-2004", "--month", "2026-03", "--output", str(tmp_path), "--events",
        stdout=out,
    )  # fmt: skip
    assert {Path(line).name for line in out.getvalue().split()} == {
        "closing.json", "verdicts.jsonl", "trail.jsonl", "events.jsonl",
    }  # fmt: skip
    return tmp_path


def run_script(code: str, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and the documented script
        [sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, check=False
    )


def test_the_documented_scripts_verify_an_export(exported: Path) -> None:
    seal_script, events_script = scripts()
    seal = run_script(seal_script, exported)
    assert seal.returncode == 0, seal.stderr
    assert "seal verified:" in seal.stdout
    events = run_script(events_script, exported)
    assert events.returncode == 0, events.stderr
    assert "2 chains verified" in events.stdout


def test_the_scripts_catch_an_edited_export(exported: Path) -> None:
    seal_script, events_script = scripts()
    verdicts = exported / "verdicts.jsonl"
    verdicts.write_text(verdicts.read_text().replace('"fail"', '"pass"', 1))
    assert run_script(seal_script, exported).returncode != 0
    events = exported / "events.jsonl"
    events.write_text(events.read_text().replace("Here you go.", "Here you went."))
    assert run_script(events_script, exported).returncode != 0


def test_an_open_month_cannot_be_exported(cast: Cast, version, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="is not closed"):
        call_command(
            "export_seal", "--scheme", "telecom-2004", "--month", "2026-03",
            "--output", str(tmp_path), stdout=StringIO(),
        )  # fmt: skip
