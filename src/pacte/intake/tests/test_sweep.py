"""Orphan attachment files (their row rolled back) are swept once old; named ones never."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pacte.core.vocabulary import Channel
from pacte.intake.files import attachment_store
from pacte.intake.sweep import orphan_files_sweep
from pacte.intake.tests.conftest import PDF

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def aged(path: Path, age: timedelta) -> None:
    stamp = (NOW - age).timestamp()
    os.utime(path, (stamp, stamp))


def orphan(media: Path, name: str, age: timedelta) -> Path:
    folder = media / "attachments" / "2026" / "03"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"left by a rollback")
    aged(path, age)
    return path


def test_old_orphans_go_recent_ones_and_named_files_stay(media: Path) -> None:
    kept = attachment_store(name="scan.pdf", content=PDF, channel=Channel.LETTER)
    aged(Path(kept.file.path), timedelta(days=30))
    old = orphan(media, "old.pdf", timedelta(days=2))
    fresh = orphan(media, "fresh.pdf", timedelta(hours=1))

    report = orphan_files_sweep(now=NOW)

    assert report.removed == ["attachments/2026/03/old.pdf"]
    assert (report.files, report.kept, report.too_recent) == (3, 1, 1)
    assert not old.exists()
    assert fresh.exists()
    assert Path(kept.file.path).exists()


def test_dry_run_removes_nothing(media: Path) -> None:
    old = orphan(media, "old.pdf", timedelta(days=2))
    report = orphan_files_sweep(now=NOW, dry_run=True)
    assert report.removed == ["attachments/2026/03/old.pdf"]
    assert old.exists()


def test_nothing_stored_yet_is_an_empty_report(media: Path) -> None:
    assert orphan_files_sweep(now=NOW).files == 0


def test_the_command_reports_and_refuses_a_zero_age(
    media: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = orphan(media, "old.pdf", timedelta(days=3650))
    call_command("sweep_attachments", "--dry-run")
    assert "would remove attachments/2026/03/old.pdf" in capsys.readouterr().out
    assert old.exists()
    call_command("sweep_attachments")
    assert not old.exists()
    with pytest.raises(CommandError, match="at least 1"):
        call_command("sweep_attachments", "--older-than-hours", "0")
