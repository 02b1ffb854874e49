"""The queue_log importer: idempotent, resumable, keeps unreadable lines (issue 4, point 4)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from pacte.telephony import importing
from pacte.telephony.importing import ImportReport, queue_log_import
from pacte.telephony.models import QueueLogLine, QueueLogRejectedLine, QueueLogSource

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "queue_log_sample.txt"
NOW = datetime(2025, 11, 22, 12, 0, tzinfo=UTC)
EXTRA = (
    b"1763800000|1763800000.12|support|NONE|ENTERQUEUE||0612345678|1\n"
    b"1763800010|1763800000.12|support|PJSIP/201|CONNECT|10|1763800000.13|2\n"
)
MALFORMED = (
    b"1763800020|1763800020.14|support|NONE|ENTERQUEUE||0600000000|1\n"
    b"not a queue_log line\n"
    b"1763800021|1763800020.14|support|NONE|NOSUCHEVENT|\n"
    b"\n"
    b"\xff\xfe|bad|bytes\n"
    b"1763800022|1763800020.14|support|NONE|ABANDON|1|1|2\n"
)


def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


def run(content: bytes, *, source: str = "pbx1", batch_size: int = 1000) -> ImportReport:
    return queue_log_import(
        source_name=source, stream=io.BytesIO(content), now=NOW, batch_size=batch_size
    )


def sample_line_count() -> int:
    return sample_bytes().count(b"\n")


def test_import_stores_every_line_of_the_sample() -> None:
    # when
    report = run(sample_bytes())
    # then
    assert report.imported == sample_line_count()
    assert (report.already_present, report.rejected) == (0, 0)
    assert QueueLogLine.objects.count() == sample_line_count()
    source = QueueLogSource.objects.get(name="pbx1")
    assert source.last_offset == len(sample_bytes())
    assert source.last_line_number == sample_line_count()
    first = QueueLogLine.objects.get(line_number=1)
    assert first.event == "COMPLETECALLER"
    assert first.data == {"hold_time": 14, "call_time": 51, "orig_position": 1}
    assert first.at == datetime.fromtimestamp(1763798395, tz=UTC)


def test_rerun_imports_nothing_and_duplicates_nothing() -> None:
    # given
    run(sample_bytes())
    # when
    report = run(sample_bytes())
    # then
    assert report.resumed
    assert (report.imported, report.already_present, report.rejected) == (0, 0, 0)
    assert QueueLogLine.objects.count() == sample_line_count()


def test_longer_file_imports_only_the_new_lines(tmp_path: Path) -> None:
    # given
    run(sample_bytes())
    longer = tmp_path / "queue_log"
    longer.write_bytes(sample_bytes() + EXTRA)
    # when
    with longer.open("rb") as stream:
        report = queue_log_import(source_name="pbx1", stream=stream, now=NOW)
    # then
    assert report.resumed
    assert report.start_offset == len(sample_bytes())
    assert (report.imported, report.already_present) == (2, 0)
    assert QueueLogLine.objects.count() == sample_line_count() + 2
    numbers = sorted(QueueLogLine.objects.filter(callid="1763800000.12").values_list("line_number"))
    assert numbers == [(sample_line_count() + 1,), (sample_line_count() + 2,)]


def test_unterminated_last_line_is_held_back_until_complete() -> None:
    # given
    partial = sample_bytes() + EXTRA[:30]
    # when
    first = run(partial)
    second = run(sample_bytes() + EXTRA)
    # then
    assert first.imported == sample_line_count()
    assert second.imported == 2


def test_malformed_lines_are_rejected_with_reason_and_readable_ones_imported() -> None:
    # when
    report = run(MALFORMED)
    # then
    assert (report.imported, report.rejected) == (2, 4)
    reasons = dict(report.rejected_lines)
    assert set(reasons) == {2, 3, 4, 5}
    assert "fields" in reasons[2]
    assert "NOSUCHEVENT" in reasons[3]
    assert reasons[4] == "empty line"
    assert reasons[5] == "not valid UTF-8"
    stored = QueueLogRejectedLine.objects.get(line_number=3)
    assert stored.raw == "1763800021|1763800020.14|support|NONE|NOSUCHEVENT|"
    assert stored.end_offset == MALFORMED.index(b"\n\n") + 1
    # and a rerun rejects nothing again
    assert run(MALFORMED).rejected == 0
    assert QueueLogRejectedLine.objects.count() == 4


def test_nul_and_overlong_fields_are_rejected_not_crashing() -> None:
    # given
    content = (
        b"1763800030|a\x00b|support|NONE|QUEUESTART|\n"
        + b"1763800031|"
        + b"c" * 300
        + b"|support|NONE|QUEUESTART|\n"
    )
    # when
    report = run(content)
    # then
    assert report.rejected_lines == [
        (1, "contains a NUL character"),
        (2, "callid longer than 255 characters"),
    ]
    assert "\x00" not in QueueLogRejectedLine.objects.get(line_number=1).raw


def test_interrupted_import_resumes_without_loss_or_duplicate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given: the second batch fails, as if the run were killed
    real = importing._store_batch
    calls = {"n": 0}

    def failing(**kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] > 1:
            raise RuntimeError("killed")
        real(**kwargs)

    monkeypatch.setattr(importing, "_store_batch", failing)
    with pytest.raises(RuntimeError, match="killed"):
        run(sample_bytes(), batch_size=7)
    assert QueueLogLine.objects.count() == 7
    assert QueueLogSource.objects.get(name="pbx1").last_line_number == 7
    # when
    monkeypatch.setattr(importing, "_store_batch", real)
    report = run(sample_bytes(), batch_size=7)
    # then
    assert report.resumed
    assert report.imported == sample_line_count() - 7
    assert QueueLogLine.objects.count() == sample_line_count()
    assert QueueLogLine.objects.values("key").distinct().count() == sample_line_count()


def test_different_file_under_same_source_is_read_from_start_and_deduplicated() -> None:
    # given: the file was rotated; the new one starts differently, then repeats lines
    run(sample_bytes())
    lines = sample_bytes().splitlines(keepends=True)
    rotated = EXTRA + b"".join(lines[:10])
    # when
    report = run(rotated)
    # then
    assert not report.resumed
    assert (report.imported, report.already_present) == (2, 10)
    assert QueueLogLine.objects.count() == sample_line_count() + 2
    assert QueueLogSource.objects.get(name="pbx1").last_offset == len(rotated)


def test_shorter_file_with_same_first_line_is_read_from_start() -> None:
    # given
    run(sample_bytes() + EXTRA)
    # when
    report = run(sample_bytes())
    # then
    assert not report.resumed
    assert (report.imported, report.already_present) == (0, sample_line_count())


def test_identical_lines_in_one_file_are_stored_once() -> None:
    # when
    report = run(EXTRA.splitlines(keepends=True)[0] * 2)
    # then
    assert (report.imported, report.already_present) == (1, 1)


def test_command_twice_imports_then_nothing(tmp_path: Path) -> None:
    # given
    path = tmp_path / "queue_log"
    path.write_bytes(sample_bytes())
    first, second = io.StringIO(), io.StringIO()
    # when
    # an import of history: the sample is more than a year old
    call_command("import_queue_log", str(path), "--window-hours", "1000000", stdout=first)
    call_command("import_queue_log", str(path), "--window-hours", "1000000", stdout=second)
    # then
    assert f"{sample_line_count()} imported" in first.getvalue()
    assert "0 imported, 0 already present" in second.getvalue()
    assert QueueLogSource.objects.get().name == str(path.resolve())
    assert QueueLogLine.objects.count() == sample_line_count()


def test_command_prints_rejected_lines_under_given_source(tmp_path: Path) -> None:
    # given
    path = tmp_path / "queue_log"
    path.write_bytes(MALFORMED)
    out = io.StringIO()
    # when
    call_command(
        "import_queue_log",
        str(path),
        "--source",
        "pbx2:/var/log",
        "--window-hours",
        "1000000",
        stdout=out,
    )
    # then
    assert "4 rejected" in out.getvalue()
    assert "line 4: empty line" in out.getvalue()
    assert QueueLogSource.objects.get().name == "pbx2:/var/log"


def test_command_missing_file_is_a_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read queue_log file"):
        call_command("import_queue_log", str(tmp_path / "absent"))
    assert not QueueLogSource.objects.exists()


@pytest.mark.parametrize("model", ["queuelogsource", "queuelogline", "queuelogrejectedline"])
def test_admin_lists_imported_and_rejected_lines_read_only(admin_client: Any, model: str) -> None:
    # given
    run(sample_bytes() + MALFORMED)
    # when
    listing = admin_client.get(f"/admin/telephony/{model}/")
    adding = admin_client.get(f"/admin/telephony/{model}/add/")
    # then
    assert listing.status_code == 200
    assert adding.status_code == 403


def test_lines_older_than_the_window_are_kept_rejected_until_a_wider_run(tmp_path: Path) -> None:
    # Given a queue_log more than a year old, imported with the installation's window
    path = tmp_path / "queue_log"
    path.write_bytes(sample_bytes())
    out = io.StringIO()
    call_command("import_queue_log", str(path), stdout=out)
    # Then nothing is stored as a line, every line is kept with the reason
    assert QueueLogLine.objects.count() == 0
    reasons = set(QueueLogRejectedLine.objects.values_list("reason", flat=True))
    assert all(reason.startswith("outside the window for past events") for reason in reasons)
    assert "rerun with --window-hours" in out.getvalue()
    # When the operator imports it again as history, with a window that reaches it
    report = queue_log_import(
        source_name=str(path.resolve()),
        stream=io.BytesIO(sample_bytes()),
        now=NOW,
        window=timedelta(days=3650),
    )
    # Then every line is stored, marked late-recorded, and no rejection is left for it
    assert report.imported == sample_line_count()
    assert QueueLogLine.objects.filter(late_recorded=False).count() == 0
    assert not QueueLogRejectedLine.objects.filter(reason__startswith="outside").exists()
