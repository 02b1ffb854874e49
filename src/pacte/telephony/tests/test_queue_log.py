"""The queue_log parser and the calls rebuilt from it (issue 4, point 4).

The fixture ``data/queue_log_sample.txt`` is a hand-written morning on two queues,
``support`` (PJSIP phones 201 and 202) and ``billing`` (agents 3001 and 3002), from
2025-11-22 08:00 UTC (epoch 1763798400). Every event type appears. The calls' stories:

- ``1763798330.40``: the log was rotated mid-call; only its COMPLETECALLER is here
  (held 14 s, talked 51 s): a partial call, not offered in this file.
- ``1763798458.1``: dialled the free number 0800123456 (DID), entered ``support``;
  202 was called (AGENTCALLED) and rang 15 s unanswered (RINGNOANSWER), then 201 picked up
  after 20 s of waiting; the caller hung up after 180 s (COMPLETECALLER).
- ``1763798499.2``: entered with a caller name (4-field ENTERQUEUE); 202 answered after
  8 s, tagged the motive (INFO) and hung up after 240 s (COMPLETEAGENT).
- ``1763798598.3``: 201 was rung for 9 s but the caller hung up first (RINGCANCELED),
  abandoning at position 1 after 35 s (ABANDON).
- ``1763798700.4``: waited 300 s in ``support`` and was timed out (EXITWITHTIMEOUT), then
  overflowed to ``billing`` with the same callid; 3001 answered after 12 s and blind
  transferred to 1002 after 60 s (BLINDTRANSFER).
- ``1763799100.5``: ``billing``; 3002 answered after 5 s and completed an attended
  transfer after 95 s (ATTENDEDTRANSFER, method BRIDGE).
- ``1763799300.6``: 201 answered after 30 s and transferred to 2001 after 45 s (TRANSFER).
- ``1763799410.7``: pressed 1 to leave after 10 s (EXITWITHKEY).
- ``1763799430.8``: thrown out after 3 s when every member was paused (EXITEMPTY).
- ``1763799600.9``: 202 answered after 6 s then hung up during the announcement
  (AGENTDUMP): answered, no talk time.
- ``1763799700.10``: 201 answered after 2 s but the channels were incompatible
  (SYSCOMPAT): answered, no talk time.
- ``1763799800.11``: still waiting when the log ends.
- After the queue restart, Agent/3001 logs in to ``billing`` again, then:
- ``1763800300.13``: dialled 0800123456, entered ``support``; 201 answered after 15 s,
  found it was a billing question and blind transferred it after 30 s to ``billing``
  (a misroute by the IVR); 3001 answered after 4 s and hung up after 120 s.
- ``1763800400.14``: entered ``support`` in position 2 (behind ``.11``) and hung up
  after 3 s (ABANDON): a short abandon.

Around them: members added (one paused) and removed, agent and callback-agent logins and
logoffs, pauses for lunch and a meeting, a configuration reload, and a queue restart.
"""

from __future__ import annotations

import hashlib
import io
import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacte.telephony.queue_log import (
    AgentSession,
    AttendedTransfer,
    Complete,
    Connect,
    Did,
    Enter,
    EventKind,
    ExitWithKey,
    FreeForm,
    Membership,
    NoData,
    ParsedEvent,
    Pause,
    QueueExit,
    Ring,
    Transfer,
    Unreadable,
    line_key,
    parse_line,
    parse_stream,
)
from pacte.telephony.queue_log_calls import CallSummary, call_outcomes

SAMPLE = Path(__file__).parent / "data" / "queue_log_sample.txt"
FUZZ = settings(max_examples=300, deadline=None, database=None)
T0 = 1763798400  # 2025-11-22 08:00:00 UTC


def sample_events() -> list[ParsedEvent]:
    with SAMPLE.open("rb") as handle:
        records = [item.record for item in parse_stream(handle)]
    assert all(isinstance(record, ParsedEvent) for record in records)
    return [record for record in records if isinstance(record, ParsedEvent)]


def parsed(text: str | bytes) -> ParsedEvent:
    record = parse_line(text, line_number=1)
    assert isinstance(record, ParsedEvent), record
    return record


# --- parsing every line of the sample ------------------------------------------------


def test_sample_parses_every_line_and_holds_every_event_kind():
    events = sample_events()

    assert len(events) == 60
    assert {event.kind for event in events} == set(EventKind)
    assert [event.line_number for event in events] == list(range(1, 61))


def test_sample_lines_give_typed_fields():
    by_line = {event.line_number: event for event in sample_events()}

    assert by_line[7].data == Did(number="0800123456")
    assert by_line[8].at == datetime(2025, 11, 22, 8, 1, 0, 310000, tzinfo=UTC)
    assert by_line[8].data == Enter(url="", caller_id="0612345678", position=1)
    assert by_line[9].data == FreeForm(values=("PJSIP/202",))
    assert by_line[10].data == Ring(ring_time_ms=15000)
    assert by_line[11].data == Connect(hold_time=20, member_uniqueid="1763798476.3", ring_time=4)
    assert by_line[12].data == Enter("", "0198765432", 1, "DUPONT Marie")
    assert by_line[14].data == FreeForm(values=("MOTIVE", "billing-question"))
    assert by_line[16].data == Ring(ring_time_ms=9000)
    assert by_line[17].data == QueueExit(position=1, orig_position=1, wait_time=35)
    assert by_line[18].data == Complete(hold_time=20, call_time=180, orig_position=1)
    assert by_line[24].data == Transfer("1002", "from-internal", 12, 60, 1)
    assert by_line[27].data == AttendedTransfer("BRIDGE", "1763799150.11", 5, 95, 1)
    assert by_line[34].data == ExitWithKey(key="1", position=1, orig_position=1, wait_time=10)
    assert by_line[3].data == Membership(detail="PAUSED")
    assert by_line[31].data == Pause(reason="lunch")
    assert by_line[37].data == Pause(reason="")
    assert by_line[48].data == AgentSession("302@agents", 1548, "CommandLogoff")
    assert by_line[50].data == NoData()
    assert (by_line[50].callid, by_line[50].queue, by_line[50].agent) == ("NONE",) * 3


# --- the calls, against a hand calculation ------------------------------------------


def test_call_outcomes_match_the_hand_calculation():
    # given the sample; when the calls are rebuilt
    calls = call_outcomes(sample_events())
    offered = [call for call in calls if not call.partial]
    answered = [call for call in offered if call.answered]

    # then, counted by hand from the stories in the module docstring:
    assert len(calls) == 16  # 15 visits entered in this file + 1 partial
    # support 12 (.1 .2 .3 .4 .6 .7 .8 .9 .10 .11 .13 .14), billing 3 (.4 .5 .13)
    assert len(offered) == 15
    assert len(answered) == 9  # .1 .2 .4(billing) .5 .6 .9 .10 .13(support) .13(billing)
    assert [call.callid for call in offered if call.abandoned] == [
        "1763798598.3",
        "1763800400.14",
    ]
    assert sorted(call.wait_time or 0 for call in answered) == [2, 4, 5, 6, 8, 12, 15, 20, 30]
    assert sum(call.wait_time or 0 for call in answered) == 102  # ASA = 102 / 9 = 11.33 s
    assert sum(1 for call in answered if (call.wait_time or 0) <= 20) == 8  # SL 20 s: 8/9
    talk = sorted(call.talk_time for call in answered if call.talk_time)
    assert talk == [30, 45, 60, 95, 120, 180, 240]
    assert sum(call.transferred for call in offered) == 4
    assert [call.exit_event for call in offered if not call.answered] == [
        EventKind.ABANDON,
        EventKind.EXITWITHTIMEOUT,
        EventKind.EXITWITHKEY,
        EventKind.EXITEMPTY,
        EventKind.ABANDON,
        None,  # .11 still waiting
    ]
    assert [c.wait_time for c in offered if not c.answered] == [35, 300, 10, 3, 3, None]


def test_call_outcomes_tell_each_story():
    calls = {(c.callid, c.queue): c for c in call_outcomes(sample_events())}

    assert calls["1763798330.40", "support"] == CallSummary(
        callid="1763798330.40",
        queue="support",
        partial=True,
        agent="PJSIP/201",
        hold_time=14,
        wait_time=14,
        talk_time=51,
        ended_at=datetime(2025, 11, 22, 7, 59, 55, tzinfo=UTC),
        exit_event=EventKind.COMPLETECALLER,
    )
    first = calls["1763798458.1", "support"]
    assert (first.did, first.caller_id, first.unanswered_rings) == ("0800123456", "0612345678", 1)
    assert (first.agent, first.hold_time, first.talk_time) == ("PJSIP/201", 20, 180)
    assert first.answered_at == datetime(2025, 11, 22, 8, 1, 20, tzinfo=UTC)
    abandoned = calls["1763798598.3", "support"]
    assert (abandoned.abandon_position, abandoned.wait_time) == (1, 35)
    assert calls["1763798700.4", "support"].exit_event is EventKind.EXITWITHTIMEOUT
    overflow = calls["1763798700.4", "billing"]
    assert (overflow.agent, overflow.exit_event, overflow.transferred) == (
        "Agent/3001",
        EventKind.BLINDTRANSFER,
        True,
    )
    dumped = calls["1763799600.9", "support"]
    assert (dumped.answered, dumped.talk_time, dumped.exit_event) == (
        True,
        None,
        EventKind.AGENTDUMP,
    )
    waiting = calls["1763799800.11", "support"]
    assert (waiting.ended, waiting.ended_at, waiting.answered) == (False, None, False)


def test_old_exit_without_waittime_waits_from_enterqueue():
    events = [
        parsed(f"{T0}|c1|q|NONE|ENTERQUEUE||0612"),
        parsed(f"{T0 + 120}|c1|q|NONE|EXITWITHTIMEOUT|1"),
        parsed(f"{T0 + 130}|c2|q|NONE|EXITWITHKEY|5|2"),
    ]

    timed_out, key = call_outcomes(events)

    assert (timed_out.wait_time, timed_out.partial) == (120, False)
    assert (key.wait_time, key.partial, key.exit_event) == (None, True, EventKind.EXITWITHKEY)


def test_enterqueue_again_without_exit_keeps_the_first_visit():
    events = [
        parsed(f"{T0}|c1|q1|NONE|DID|0800"),
        parsed(f"{T0}|c1|q1|NONE|ENTERQUEUE||0612|1"),
        parsed(f"{T0 + 5}|c1|q2|NONE|ENTERQUEUE||0612|1"),
        parsed(f"{T0 + 6}|NONE|q2|PJSIP/1|PAUSE|lunch"),
    ]

    first, second = call_outcomes(events)

    assert (first.queue, first.ended, first.did) == ("q1", False, "0800")
    assert (second.queue, second.entered_at, second.did) == (
        "q2",
        datetime.fromtimestamp(T0 + 5, UTC),
        "0800",
    )


def test_partial_call_takes_hold_time_from_completion():
    (call,) = call_outcomes([parsed(f"{T0}|c1|q|PJSIP/1|COMPLETEAGENT|9|30")])

    assert (call.partial, call.hold_time, call.agent, call.answered) == (True, 9, "PJSIP/1", False)


# --- tolerated variants ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "data"),
    [
        ("CONNECT|2", Connect(hold_time=2)),  # Asterisk 1.2
        ("ENTERQUEUE||0612", Enter(url="", caller_id="0612")),
        ("EXITWITHTIMEOUT|3", QueueExit(position=3)),
        ("EXITWITHKEY|5|2", ExitWithKey(key="5", position=2)),
        ("TRANSFER|2001|ext", Transfer(extension="2001", context="ext")),
        ("TRANSFER|2001|ext|4|50", Transfer("2001", "ext", 4, 50)),  # Asterisk 1.4
        ("COMPLETEAGENT|4|50", Complete(hold_time=4, call_time=50)),
        ("ABANDON|1|1|35||", QueueExit(1, 1, 35)),  # realtime export padded to data5
        ("RINGCANCELED", Ring()),
        ("RINGCANCELED|", Ring()),
        ("CONNECT|2||", Connect(hold_time=2, member_uniqueid="")),
        ("ENTERQUEUE||0612||Jean", Enter("", "0612", None, "Jean")),
        ("AGENTLOGIN|PJSIP/301", AgentSession(channel="PJSIP/301")),
        ("REMOVEMEMBER", Membership()),
        ("QUEUESTART|||||", NoData()),
        ("INFO", FreeForm(values=())),
    ],
)
def test_field_count_variants_between_versions_are_read(line, data):
    assert parsed(f"{T0}|c|q|a|{line}").data == data


def test_line_terminators_and_fractional_epoch():
    crlf = parsed(f"{T0}.5|c|q|a|CONNECT|2\r\n")
    nanos = parsed(f"{T0}.123456789|c|q|a|CONNECT|2\n")

    assert crlf.at == datetime(2025, 11, 22, 8, 0, 0, 500000, tzinfo=UTC)
    assert crlf.text == f"{T0}.5|c|q|a|CONNECT|2"
    assert nanos.at.microsecond == 123456
    assert parsed(f"{T0}|c|q|a|CONNECT|2".encode()).data == Connect(2)


# --- malformed lines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty line"),
        ("   \n", "empty line"),
        (f"{T0}|NONE|NONE", "expected epoch|callid|queue|agent|event[|data...], got 3 fields"),
        ("abc|c|q|a|QUEUESTART", "bad epoch 'abc'"),
        ("-5|c|q|a|QUEUESTART", "bad epoch '-5'"),
        (f"{T0}.|c|q|a|QUEUESTART", f"bad epoch '{T0}.'"),
        ("999999999999|c|q|a|QUEUESTART", "epoch out of range '999999999999'"),
        (f"{T0}|c|q|a|FOO|1", "unknown event 'FOO'"),
        (f"{T0}|c|q|a|enterqueue||0612", "unknown event 'enterqueue'"),
        (f"{T0}|c|q|a|CONNECT|abc", "CONNECT data field 1 is not a non-negative integer: 'abc'"),
        (f"{T0}|c|q|a|CONNECT|-3", "CONNECT data field 1 is not a non-negative integer: '-3'"),
        (f"{T0}|c|q|a|CONNECT|1.5", "CONNECT data field 1 is not a non-negative integer: '1.5'"),
        (
            f"{T0}|c|q|a|CONNECT|\uff12",
            "CONNECT data field 1 is not a non-negative integer: '\uff12'",
        ),
        (
            f"{T0}|c|q|a|RINGNOANSWER|",
            "RINGNOANSWER data field 1 is not a non-negative integer: ''",
        ),
        (f"{T0}|c|q|a|ABANDON|1|1", "ABANDON needs at least 3 data fields, got 2"),
        (f"{T0}|c|q|a|ABANDON|1|1|35|9", "ABANDON takes at most 3 data fields, got 4"),
        (f"{T0}|c|q|a|QUEUESTART|x", "QUEUESTART takes at most 0 data fields, got 1"),
        (
            f"{T0}|c|q|a|ATTENDEDTRANSFER|APP|x|5|9",
            "ATTENDEDTRANSFER needs at least 5 data fields, got 4",
        ),
        (f"{T0}|c|q|a|DID", "DID needs at least 1 data fields, got 0"),
        (
            f"{T0}|c|q|a|COMPLETECALLER|4|x|1",
            "COMPLETECALLER data field 2 is not a non-negative integer: 'x'",
        ),
    ],
)
def test_malformed_line_is_unreadable_with_its_reason(text, reason):
    record = parse_line(text, line_number=7)

    assert record == Unreadable(line_number=7, text=text.rstrip("\r\n"), reason=reason)


def test_non_utf8_bytes_are_unreadable_and_decoded_with_replacement():
    record = parse_line(f"{T0}|c|q|a|ENTERQUEUE||06\xff".encode("latin-1") + b"\n", line_number=3)

    assert record == Unreadable(3, f"{T0}|c|q|a|ENTERQUEUE||06\ufffd", "not valid UTF-8")


# --- stream offsets, resumption and line keys --------------------------------------------


def test_stream_offsets_are_the_byte_ends_of_lines():
    raw = SAMPLE.read_bytes()

    items = list(parse_stream(io.BytesIO(raw)))

    ends = [index + 1 for index, byte in enumerate(raw) if byte == ord("\n")]
    assert [item.end_offset for item in items] == ends
    assert items[-1].end_offset == len(raw)


def test_reading_a_prefix_then_the_longer_file_yields_exactly_the_new_lines():
    # given a prefix as Asterisk left it mid-write: 20 lines and half of the 21st
    raw = SAMPLE.read_bytes()
    lines = raw.splitlines(keepends=True)
    prefix = b"".join(lines[:20]) + lines[20][:10]

    # when the prefix is imported, then the longer file from the stored offset
    first = list(parse_stream(io.BytesIO(prefix)))
    last = first[-1]
    handle = io.BytesIO(raw)
    handle.seek(last.end_offset)
    second = list(parse_stream(handle, start_offset=last.end_offset, start_line=21))

    # then the unterminated line waited, and nothing was read twice or missed
    assert [item.record.line_number for item in first] == list(range(1, 21))
    assert [item.record.line_number for item in second] == list(range(21, 61))
    whole = list(parse_stream(io.BytesIO(raw)))
    assert first + second == whole
    assert {item.key for item in first}.isdisjoint(item.key for item in second)


def test_unterminated_last_line_is_yielded_only_when_asked():
    items = list(
        parse_stream([b"1|c|q|a|QUEUESTART\n", b"2|c|q|a|QUEUES"], include_unterminated=True)
    )

    assert [item.end_offset for item in items] == [19, 33]
    assert items[1].record == Unreadable(2, "2|c|q|a|QUEUES", "unknown event 'QUEUES'")


def test_text_lines_count_their_utf8_bytes():
    items = list(parse_stream([f"{T0}|c|q|a|INFO|é\n", f"{T0}|c|q|a|INFO\n"], start_offset=100))

    assert [item.end_offset for item in items] == [100 + 25, 100 + 25 + 22]  # é is two bytes


def test_line_key_is_the_sha256_of_the_raw_line_without_terminator():
    key = line_key(b"1|c|q|a|QUEUESTART")

    assert key == hashlib.sha256(b"1|c|q|a|QUEUESTART").hexdigest()
    assert line_key("1|c|q|a|QUEUESTART\n") == key == line_key(b"1|c|q|a|QUEUESTART\r\n")
    assert line_key("1|c|q|a|QUEUESTART ") != key


# --- fuzzing -------------------------------------------------------------------------------


@FUZZ
@given(st.text())
def test_arbitrary_text_never_raises(text):
    assert isinstance(parse_line(text, line_number=1), ParsedEvent | Unreadable)
    assert len(line_key(text)) == 64


@FUZZ
@given(st.binary())
def test_arbitrary_bytes_never_raise(raw):
    assert isinstance(parse_line(raw, line_number=1), ParsedEvent | Unreadable)


@FUZZ
@given(
    st.lists(st.sampled_from(["1", "|", "CONNECT", "ABANDON", "ENTERQUEUE", "x", ""]), max_size=12)
)
def test_near_miss_lines_never_raise(parts):
    text = "".join(parts)
    assert isinstance(parse_line(f"{T0}|c|q|a|{text}", line_number=1), ParsedEvent | Unreadable)


@FUZZ
@given(st.binary(max_size=400), st.booleans())
def test_arbitrary_streams_never_raise_and_offsets_add_up(raw, tail):
    items = list(parse_stream(io.BytesIO(raw), include_unterminated=tail))

    assert all(a.end_offset < b.end_offset for a, b in itertools.pairwise(items))
    if tail and raw:
        assert items[-1].end_offset == len(raw)
