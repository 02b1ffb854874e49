"""manage.py replay_call_events: records a JSON Lines file, reports bad lines, reruns safely."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pacte.telephony.models import Call, CallEvent, CallQueue
from pacte.telephony.tests.call_event_helpers import at, support_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(frozen_now: datetime) -> CallQueue:
    return support_queue()


def events_file(tmp_path: Path) -> Path:
    lines = [
        json.dumps({"callid": "c1", "kind": "entered", "at": at(0), "data": {}}),
        "",
        "{not json",
        json.dumps({"callid": "c1", "kind": "queued", "at": at(5), "data": {"queue": "sales"}}),
        json.dumps([1, 2]),
        json.dumps({"callid": "c1", "kind": "queued", "at": at(5), "data": {"queue": "support"}}),
        json.dumps({"callid": "c1", "kind": "ended", "at": at(90)}),
    ]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path: Path) -> str:
    out = io.StringIO()
    call_command("replay_call_events", str(path), stdout=out)
    return out.getvalue()


def test_replay_records_good_lines_and_reports_bad_ones(queue: CallQueue, tmp_path: Path) -> None:
    output = run(events_file(tmp_path))

    assert output.splitlines()[0] == "3 recorded, 0 duplicate, 0 stale, 3 refused"
    assert "  line 3: not JSON" in output
    assert "  line 4: data.queue: no queue “sales”" in output
    assert "  line 5: not a JSON object" in output
    assert CallEvent.objects.filter(call=Call.objects.get()).count() == 3


def test_replaying_twice_changes_nothing(queue: CallQueue, tmp_path: Path) -> None:
    path = events_file(tmp_path)
    run(path)

    output = run(path)

    assert output.splitlines()[0] == "0 recorded, 3 duplicate, 0 stale, 3 refused"
    assert CallEvent.objects.count() == 3


def test_a_missing_file_is_a_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read events file"):
        call_command("replay_call_events", str(tmp_path / "nope.jsonl"))
