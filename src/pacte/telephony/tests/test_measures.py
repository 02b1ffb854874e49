"""Measures per queue and interval against a hand calculation (issue 4, "Done when").

The sample queue_log (every event type; the stories are in ``test_queue_log.py``) is
imported, then measured on Saturday 22 November 2025 in Paris (UTC+1: the log's
08:00 UTC is 09:00 local). The queues are configured before the import:

- ``support``: service level within 20 s, short abandon under 5 s, motive "technical";
- ``billing``: service level within 10 s, short abandon under 5 s, motive
  "billing-question".

The API (another writer) recorded outcomes: call .1 solved, .2 committed, .5 solved.

Visits by 15-minute interval, with wait (w), talk (t) and what counts:

support 09:00-09:15 (.1 .2 .3 .4)
  .1 answered w20 t180 (≤ 20: within) motive technical (queue's)
  .2 answered w8 t240 within, motive billing-question (INFO line)
  .3 abandoned w35 (not short)    .4 timed out w300
  offered 4, answered 2, abandoned 1, short 0, within 2
  SL 2 / (4 - 0) = 50 %; ASA (20 + 8) / 2 = 14 s; abandon 1 / 4 = 25 %;
  talk (180 + 240) / 2 = 210 s; calls 4; FCR 1 solved / (1 + 1) = 50 %; misroutes 0 / 4
billing 09:00-09:15 (.4 overflow, .5)
  .4 answered w12 (> 10) t60, not the call's first visit; .5 answered w5 t95 within
  offered 2, answered 2, within 1: SL 1 / 2 = 50 %; ASA 17 / 2 = 8.5 s; abandon 0 %;
  talk 155 / 2 = 77.5 s (billing-question); calls 1 (.5); FCR 1 / 1 = 100 %
support 09:15-09:30 (.6 .7 .8 .9 .10 .11)
  .6 answered w30 t45 (> 20), .7 left with a key w10, .8 no agent w3 (not abandoned),
  .9 answered w6 (AGENTDUMP, no talk), .10 answered w2 (SYSCOMPAT, no talk), .11 waiting
  offered 6, answered 3, within 2: SL 2 / 6 = 33.3 %; ASA 38 / 3 = 12.67 s; abandon 0 %;
  talk 45 s; calls 6; FCR no data (no outcome); misroutes 0 / 6
support 09:30-09:45 (.13 .14)
  .13 answered w15 t30 within, transferred to billing: misrouted; .14 abandoned w3 (short)
  offered 2, answered 1, abandoned 1, short 1, within 1: SL 1 / (2 - 1) = 100 %;
  ASA 15 s; abandon 1 / 2 = 50 %; talk 30 s; calls 2, misroutes 1 / 2 = 50 %
billing 09:30-09:45 (.13 after the transfer)
  answered w4 t120 within: SL 100 %; ASA 4 s; calls 0: misroutes no data

Day per queue, and the total:
  support offered 12, answered 6, abandoned 2, short 1, within 5: SL 5 / 11 = 45.45 %;
    ASA (20+8+30+6+2+15) / 6 = 81 / 6 = 13.5 s; abandon 2 / 12 = 16.67 %;
    talk (180+240+45+30) / 4 = 123.75 s: billing-question 240 s, technical
    (180+45+30) / 3 = 85 s; calls 12, misroutes 1 / 12; FCR 1 / 2 = 50 %
  billing offered 3, answered 3, within 2: SL 2 / 3; ASA 21 / 3 = 7 s; talk 275 / 3 s;
    calls 1, misroutes 0 / 1; FCR 1 / 1
  total offered 15, answered 9, abandoned 2, short 1, within 7: SL 7 / 14 = 50 %;
    ASA 102 / 9 = 11.33 s; abandon 2 / 15 = 13.33 %; talk 770 / 7 = 110 s
    (billing-question 515 / 4 = 128.75 s, technical 85 s); calls 13, misroutes 1 / 13;
    FCR 2 / 3 = 66.67 %
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.utils import translation

from pacte.factories import MotiveFactory
from pacte.telephony.importing import queue_log_import
from pacte.telephony.measures import MeasureRow, Measures, Tally, queue_measures
from pacte.telephony.models import Call, CallOutcome, CallQueue, QueueVisit
from pacte.telephony.tests.test_derive import snapshot

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "queue_log_sample.txt"
DAY = date(2025, 11, 22)
NOW = datetime(2025, 11, 22, 12, 0, tzinfo=UTC)


def load() -> None:
    queue_log_import(source_name="pbx1", stream=io.BytesIO(SAMPLE.read_bytes()), now=NOW)


@pytest.fixture
def imported(frozen_now: datetime) -> None:
    technical = MotiveFactory.create(
        code="technical", label_en="Technical fault", label_fr="Panne technique"
    )
    billing = MotiveFactory.create(
        code="billing-question", label_en="Billing question", label_fr="Question de facture"
    )
    CallQueue.objects.create(name="support", service_level_seconds=20, motive=technical)
    CallQueue.objects.create(name="billing", service_level_seconds=10, motive=billing)
    load()
    outcomes = {
        "1763798458.1": CallOutcome.SOLVED,
        "1763798499.2": CallOutcome.COMMITTED,
        "1763799100.5": CallOutcome.SOLVED,
    }
    for callid, outcome in outcomes.items():
        Call.objects.filter(callid=callid).update(outcome=outcome)


def counts(tally: Tally) -> tuple[int, ...]:
    """offered, answered, abandoned, short abandons, within the threshold."""
    return (tally.offered, tally.answered, tally.abandoned, tally.short_abandons, tally.within)


def rates(tally: Tally) -> tuple[float | None, ...]:
    """SL, ASA, abandon rate, mean talk, FCR, misroutes; rounded to compare."""
    values = (
        tally.service_level,
        tally.average_speed_of_answer,
        tally.abandon_rate,
        tally.mean_talk_seconds,
        tally.first_contact_resolution,
        tally.misroute_rate,
    )
    return tuple(None if value is None else round(value, 4) for value in values)


def row_keys(measures: Measures) -> list[tuple[str, str]]:
    return [
        (row.queue.name if row.queue else "", row.starts_at.strftime("%H:%M"))
        for row in measures.rows
        if row.starts_at is not None
    ]


def by_key(measures: Measures) -> dict[tuple[str, str], MeasureRow]:
    return dict(zip(row_keys(measures), measures.rows, strict=True))


def test_fifteen_minute_intervals_match_the_hand_calculation(imported, django_assert_num_queries):
    with django_assert_num_queries(1):
        measures = queue_measures(day=DAY, interval_minutes=15)

    assert row_keys(measures) == [
        ("billing", "09:00"),
        ("billing", "09:30"),
        ("support", "09:00"),
        ("support", "09:15"),
        ("support", "09:30"),
    ]
    rows = by_key(measures)
    assert counts(rows["support", "09:00"].tally) == (4, 2, 1, 0, 2)
    assert rates(rows["support", "09:00"].tally) == (0.5, 14.0, 0.25, 210.0, 0.5, 0.0)
    assert counts(rows["billing", "09:00"].tally) == (2, 2, 0, 0, 1)
    assert rates(rows["billing", "09:00"].tally) == (0.5, 8.5, 0.0, 77.5, 1.0, 0.0)
    assert counts(rows["support", "09:15"].tally) == (6, 3, 0, 0, 2)
    assert rates(rows["support", "09:15"].tally) == (0.3333, 12.6667, 0.0, 45.0, None, 0.0)
    assert counts(rows["support", "09:30"].tally) == (2, 1, 1, 1, 1)
    assert rates(rows["support", "09:30"].tally) == (1.0, 15.0, 0.5, 30.0, None, 0.5)
    assert counts(rows["billing", "09:30"].tally) == (1, 1, 0, 0, 1)
    assert rates(rows["billing", "09:30"].tally) == (1.0, 4.0, 0.0, 120.0, None, None)


def test_day_per_queue_and_total_match_the_hand_calculation(imported):
    measures = queue_measures(day=DAY, interval_minutes=15)

    billing, support = measures.queue_days
    assert counts(support.tally) == (12, 6, 2, 1, 5)
    assert rates(support.tally) == (0.4545, 13.5, 0.1667, 123.75, 0.5, 0.0833)
    assert counts(billing.tally) == (3, 3, 0, 0, 2)
    assert rates(billing.tally) == (0.6667, 7.0, 0.0, 91.6667, 1.0, 0.0)
    total = measures.total.tally
    assert counts(total) == (15, 9, 2, 1, 7)
    assert rates(total) == (0.5, 11.3333, 0.1333, 110.0, 0.6667, 0.0769)
    assert (total.calls, total.misrouted, total.solved, total.committed) == (13, 1, 2, 1)


def test_talk_time_by_motive_uses_the_call_motive_else_the_queue_motive(imported):
    measures = queue_measures(day=DAY, interval_minutes=15)

    with translation.override("en"):
        talk = [
            (m.code, m.label, m.talk_count, m.mean_talk_seconds)
            for m in measures.total.talk_by_motive
        ]
    assert talk == [
        ("billing-question", "Billing question", 4, 128.75),
        ("technical", "Technical fault", 3, 85.0),
    ]
    with translation.override("fr"):
        assert measures.total.talk_by_motive[0].label == "Question de facture"
    support_morning = by_key(measures)["support", "09:00"]
    assert [(m.code, m.talk_sum) for m in support_morning.talk_by_motive] == [
        ("billing-question", 240),
        ("technical", 180),
    ]


def test_longer_intervals_add_up_the_short_ones(imported):
    half_hours = queue_measures(day=DAY, interval_minutes=30)
    hours = queue_measures(day=DAY, interval_minutes=60)

    assert row_keys(half_hours) == [
        ("billing", "09:00"),
        ("billing", "09:30"),
        ("support", "09:00"),
        ("support", "09:30"),
    ]
    assert counts(by_key(half_hours)["support", "09:00"].tally) == (10, 5, 1, 0, 4)
    assert by_key(half_hours)["support", "09:00"].tally.service_level == pytest.approx(0.4)
    assert [row.tally for row in hours.rows] == [day.tally for day in hours.queue_days]


def test_queue_filter_keeps_one_queue(imported):
    measures = queue_measures(day=DAY, interval_minutes=60, queue="billing")

    assert [row.queue.name for row in measures.rows if row.queue] == ["billing"]
    assert counts(measures.total.tally) == (3, 3, 0, 0, 2)


def test_day_without_calls_has_no_rows_and_no_made_up_figures(imported):
    measures = queue_measures(day=date(2025, 11, 21), interval_minutes=15)

    assert (measures.rows, measures.queue_days) == ([], [])
    assert rates(measures.total.tally) == (None,) * 6


def test_reimport_changes_no_figure(imported):
    before = queue_measures(day=DAY, interval_minutes=15)
    rows = snapshot()

    load()

    assert snapshot() == rows
    after = queue_measures(day=DAY, interval_minutes=15)
    assert [row.tally for row in after.rows] == [row.tally for row in before.rows]


def test_days_and_intervals_are_in_the_site_time_zone(frozen_now):
    # given a visit at 23:50 UTC on the 21st: 00:50 on the 22nd in Paris
    queue_log_import(
        source_name="night",
        stream=io.BytesIO(
            b"1763769000|n1|night|NONE|ENTERQUEUE||0611|1\n1763769005|n1|night|NONE|ABANDON|1|1|5\n"
        ),
        now=NOW,
    )
    assert QueueVisit.objects.get().entered_at == datetime(2025, 11, 21, 23, 50, tzinfo=UTC)

    measures = queue_measures(day=DAY, interval_minutes=30)

    assert row_keys(measures) == [("night", "00:30")]
    assert queue_measures(day=date(2025, 11, 21), interval_minutes=30).rows == []


def test_interval_must_be_15_30_or_60(frozen_now):
    with pytest.raises(ValueError, match="interval"):
        queue_measures(day=DAY, interval_minutes=20)
