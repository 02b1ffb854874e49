"""The phone indicators (T1.3, T1.4, T1.5, T2.1, T3.1 phone, T4.6, T6.5) around their
boundaries: thresholds met exactly, short abandons, the month's edge in Paris summer
time, both accuracy rules, calls still in progress.

Judged on 2 April 2026 (March is over); Paris is on summer time (UTC+2) since 29 March.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from pacte.compliance.indicators import Dimension, Reason, Verdict
from pacte.compliance.selectors import indicator_tallies, indicator_verdicts
from pacte.compliance.tests.conftest import indicator
from pacte.compliance.tests.phone import after, announce, call, queue, visit
from pacte.conftest import paris
from pacte.factories import MotiveFactory
from pacte.telephony.models import CallOutcome, Service, VisitOutcome

pytestmark = pytest.mark.django_db

NOW = paris(2026, 4, 2, 12)
AT = paris(2026, 3, 10, 10)  # a Tuesday morning in March


def judged(code: str, *, month: int = 3) -> dict[int, tuple[str, str]]:
    rows = indicator_verdicts(indicator=indicator(code), year=2026, month=month, now=NOW)
    return {row.pk: (row.verdict, row.reason_code) for row in rows}


def tally(code: str, *, month: int = 3) -> tuple[int, int]:
    (total,) = indicator_tallies(indicator=indicator(code), year=2026, month=month, now=NOW)
    return total.numerator, total.denominator


# --- T1.3-a service level (and T4.6, T6.5) ----------------------------------------------


def test_answered_exactly_at_the_threshold_passes_one_second_later_fails():
    # given two visits answered after 60 s and 61 s in a queue with a 60 s threshold
    support = queue(level=60)
    at_threshold = visit(call(AT), support, wait=60)
    over = visit(call(AT), support, wait=61)
    # when T1.3-a is judged / then the first passes, the second fails
    assert judged("T1.3-a") == {
        at_threshold.pk: (Verdict.PASS, Reason.WITHIN_SERVICE_LEVEL),
        over.pk: (Verdict.FAIL, Reason.AFTER_SERVICE_LEVEL),
    }
    assert tally("T1.3-a") == (1, 2)


def test_short_abandons_are_left_out_abandons_at_the_threshold_fail():
    # given hang-ups after 4 s and 5 s with a 5 s short-abandon threshold
    support = queue(short=5)
    short = visit(call(AT), support, outcome=VisitOutcome.ABANDONED, wait=4)
    counted = visit(call(AT), support, outcome=VisitOutcome.ABANDONED, wait=5)
    # then the 4 s one is excluded, the 5 s one fails
    assert judged("T1.3-a") == {
        short.pk: (Verdict.EXCLUDED, Reason.SHORT_ABANDON),
        counted.pk: (Verdict.FAIL, Reason.CALL_ABANDONED),
    }
    assert tally("T1.3-a") == (0, 1)


def test_unanswered_exits_fail_and_unjudgeable_visits_are_excluded():
    support = queue()
    timeout = visit(call(AT), support, outcome=VisitOutcome.TIMEOUT, wait=300)
    no_agent = visit(call(AT), support, outcome=VisitOutcome.EMPTY, wait=2)
    waiting = visit(call(NOW - timedelta(minutes=1)), support, outcome=VisitOutcome.WAITING)
    lost = visit(call(AT), support, outcome=VisitOutcome.LOST, wait=None)
    unknown = visit(call(AT), support, wait=None, answered_at=after(AT, 20))
    april = judged("T1.3-a", month=4)
    march = judged("T1.3-a")
    assert march == {
        timeout.pk: (Verdict.FAIL, Reason.LEFT_UNANSWERED),
        no_agent.pk: (Verdict.FAIL, Reason.LEFT_UNANSWERED),
        lost.pk: (Verdict.EXCLUDED, Reason.VISIT_LOST),
        unknown.pk: (Verdict.EXCLUDED, Reason.WAIT_NOT_RECORDED),
    }
    assert april == {waiting.pk: (Verdict.EXCLUDED, Reason.STILL_WAITING)}


def test_an_answer_after_now_is_not_counted_yet():
    # given a visit entered just before now whose answer is recorded after now
    support = queue()
    soon = visit(call(NOW - timedelta(seconds=30)), support, answered_at=NOW + timedelta(seconds=5))
    assert judged("T1.3-a", month=4) == {soon.pk: (Verdict.EXCLUDED, Reason.STILL_WAITING)}


def test_the_month_of_a_visit_is_its_entry_in_paris_summer_time():
    # given visits entered at 23:59 on 31 March and 00:00 on 1 April, Paris summer time
    # (21:59 and 22:00 UTC: a UTC or winter-time month would put both in March)
    support = queue()
    last_of_march = visit(call(paris(2026, 3, 31, 23, 59, 59)), support)
    first_of_april = visit(call(paris(2026, 4, 1, 0, 0)), support)
    # then each belongs to its local month
    assert set(judged("T1.3-a")) == {last_of_march.pk}
    assert set(judged("T1.3-a", month=4)) == {first_of_april.pk}


def test_each_service_level_reads_its_own_queues():
    # given one visit on each service's queue
    customer = visit(call(AT), queue("support"))
    hotline = visit(
        call(AT, service=Service.DISTRIBUTOR),
        queue("pos", service=Service.DISTRIBUTOR, level=30),
        wait=31,
    )
    directory = visit(call(AT, service=Service.DIRECTORY), queue("222", service=Service.DIRECTORY))
    # then T1.3-a, T4.6-a and T6.5-b each judge theirs, with the queue's threshold
    assert set(judged("T1.3-a")) == {customer.pk}
    assert judged("T4.6-a") == {hotline.pk: (Verdict.FAIL, Reason.AFTER_SERVICE_LEVEL)}
    assert judged("T6.5-b") == {directory.pk: (Verdict.PASS, Reason.WITHIN_SERVICE_LEVEL)}


# --- T1.3-b an estimate announced -------------------------------------------------------


def test_a_predicted_wait_over_two_minutes_needs_an_estimate_before_the_answer():
    support = queue()
    told = visit(call(AT), support, predicted_wait_seconds=121, wait=200)
    announce(told, after(AT, 5), 180)
    told_too_late = visit(call(AT), support, predicted_wait_seconds=300, wait=200)
    announce(told_too_late, after(AT, 201), 100)
    never_told = visit(call(AT), support, predicted_wait_seconds=121, wait=30)
    visit(call(AT), support, predicted_wait_seconds=120, wait=500)  # not over 120 s
    assert judged("T1.3-b") == {
        told.pk: (Verdict.PASS, Reason.ESTIMATE_ANNOUNCED),
        told_too_late.pk: (Verdict.FAIL, Reason.ESTIMATE_NOT_ANNOUNCED),
        never_told.pk: (Verdict.FAIL, Reason.ESTIMATE_NOT_ANNOUNCED),
    }


def test_without_a_prediction_the_real_wait_decides_and_unlinked_announcements_count():
    # given imported visits (no prediction stored): 121 s and 120 s waits
    support = queue()
    long_wait = visit(call(AT), support, wait=121)
    announce(long_wait, after(AT, 3), 90, linked=False)  # the IVR's, before queueing
    visit(call(AT), support, wait=120)
    abandoned = visit(call(AT), support, outcome=VisitOutcome.ABANDONED, wait=150)
    assert judged("T1.3-b") == {
        long_wait.pk: (Verdict.PASS, Reason.ESTIMATE_ANNOUNCED),
        abandoned.pk: (Verdict.FAIL, Reason.ESTIMATE_NOT_ANNOUNCED),
    }


def test_a_visit_still_waiting_without_an_estimate_is_not_judged_yet():
    support = queue()
    waiting = visit(
        call(NOW - timedelta(minutes=1)),
        support,
        outcome=VisitOutcome.WAITING,
        predicted_wait_seconds=400,
    )
    short = visit(call(AT), support, outcome=VisitOutcome.ABANDONED, wait=2)
    short.predicted_wait_seconds = 400
    short.save()
    assert judged("T1.3-b", month=4) == {waiting.pk: (Verdict.EXCLUDED, Reason.STILL_WAITING)}
    assert judged("T1.3-b") == {short.pk: (Verdict.EXCLUDED, Reason.SHORT_ABANDON)}


# --- T1.3-c accuracy --------------------------------------------------------------------


def _announced(seconds: int, *, real: int, outcome: str = VisitOutcome.ANSWERED) -> int:
    """An announcement of ``seconds`` made 30 s after entry; the wait ends ``real``
    seconds after the announcement. Its id."""
    the_visit = visit(call(AT), queue(), wait=30 + real, outcome=outcome)
    return announce(the_visit, after(AT, 30), seconds).pk


@pytest.mark.parametrize(
    ("announced", "real", "reason"),
    [
        (100, 160, Reason.ESTIMATE_WITHIN_MINUTE),  # 60 s over: the minute rule
        (100, 40, Reason.ESTIMATE_WITHIN_MINUTE),  # 60 s under
        (100, 161, Reason.ESTIMATE_INACCURATE),  # 61 s over, 38 % of the real wait
        (300, 400, Reason.ESTIMATE_WITHIN_QUARTER),  # 100 s under = 25 % of 400
        (300, 401, Reason.ESTIMATE_INACCURATE),  # 101 s under > 25 % of 401
        (500, 400, Reason.ESTIMATE_WITHIN_QUARTER),  # 100 s over = 25 % of 400
        (501, 400, Reason.ESTIMATE_INACCURATE),
    ],
)
def test_accuracy_within_a_minute_or_a_quarter_of_the_real_wait(announced, real, reason):
    item = _announced(announced, real=real)
    verdict = Verdict.FAIL if reason == Reason.ESTIMATE_INACCURATE else Verdict.PASS
    assert judged("T1.3-c") == {item: (verdict, reason)}


def test_the_real_wait_runs_from_the_announcement_not_from_the_entry():
    # given 30 s announced 200 s after entry, answered 30 s later (230 s after entry)
    the_visit = visit(call(AT), queue(), wait=230)
    item = announce(the_visit, after(AT, 200), 30)
    assert judged("T1.3-c") == {item.pk: (Verdict.PASS, Reason.ESTIMATE_WITHIN_MINUTE)}


def test_an_abandon_ends_the_wait_other_endings_are_not_judged():
    abandoned = _announced(60, real=300, outcome=VisitOutcome.ABANDONED)
    timed_out = _announced(60, real=60, outcome=VisitOutcome.TIMEOUT)
    assert judged("T1.3-c") == {
        abandoned: (Verdict.FAIL, Reason.ESTIMATE_INACCURATE),
        timed_out: (Verdict.EXCLUDED, Reason.WAIT_NOT_ENDED),
    }


def test_unlinked_announcement_is_matched_to_the_calls_visit_in_that_queue():
    the_visit = visit(call(AT), queue(), wait=100)
    item = announce(the_visit, after(AT, -5), 90, linked=False)  # in the IVR, 105 s before
    late = announce(the_visit, after(AT, 150), 10)  # recorded after the answer
    assert judged("T1.3-c") == {
        item.pk: (Verdict.PASS, Reason.ESTIMATE_WITHIN_MINUTE),
        late.pk: (Verdict.EXCLUDED, Reason.ANNOUNCED_AFTER_WAIT),
    }


# --- T1.4 price announced ---------------------------------------------------------------


def test_price_must_be_announced_before_the_call_is_queued():
    support = queue()
    first = call(AT, price_announced_at=after(AT, 3))
    visit(first, support, entered_at=after(AT, 3))  # the same instant: in time
    late = call(AT, price_announced_at=after(AT, 40))
    visit(late, support, entered_at=after(AT, 20))
    never = call(AT)
    visit(never, support)
    ivr_only = call(AT, price_announced_at=after(AT, 2))  # hung up in the IVR: passes
    hung_up_early = call(AT, ended_at=after(AT, 1))
    in_ivr = call(NOW - timedelta(seconds=5), ended_at=None)
    directory = call(AT, service=Service.DIRECTORY, price_announced_at=AT)
    assert judged("T1.4-a") == {
        first.pk: (Verdict.PASS, Reason.PRICE_ANNOUNCED),
        late.pk: (Verdict.FAIL, Reason.PRICE_ANNOUNCED_LATE),
        never.pk: (Verdict.FAIL, Reason.PRICE_NOT_ANNOUNCED),
        ivr_only.pk: (Verdict.PASS, Reason.PRICE_ANNOUNCED),
        hung_up_early.pk: (Verdict.FAIL, Reason.PRICE_NOT_ANNOUNCED),
        directory.pk: (Verdict.PASS, Reason.PRICE_ANNOUNCED),
    }
    assert judged("T1.4-a", month=4) == {in_ivr.pk: (Verdict.EXCLUDED, Reason.CALL_IN_PROGRESS)}


# --- T1.5 talk time and first-contact resolution ----------------------------------------


def test_talk_time_against_the_calls_motive_else_the_queues():
    plan = MotiveFactory.create(code="plan", talk_time_target_seconds=300)
    roaming = MotiveFactory.create(code="roaming", talk_time_target_seconds=200)
    untargeted = MotiveFactory.create(code="other", talk_time_target_seconds=None)
    support = queue(motive=plan)
    exactly = visit(call(AT, motive=roaming), support, talk_seconds=200)
    over = visit(call(AT, motive=roaming), support, talk_seconds=201)
    by_queue = visit(call(AT), support, talk_seconds=300)
    no_target = visit(call(AT, motive=untargeted), support, talk_seconds=30)
    not_recorded = visit(call(AT), support, talk_seconds=None)
    talking = visit(call(NOW - timedelta(minutes=2)), support, talk_seconds=None, ended_at=None)
    visit(call(AT), support, outcome=VisitOutcome.ABANDONED, wait=90)  # not answered
    assert judged("T1.5-a") == {
        exactly.pk: (Verdict.PASS, Reason.TALK_WITHIN_TARGET),
        over.pk: (Verdict.FAIL, Reason.TALK_OVER_TARGET),
        by_queue.pk: (Verdict.PASS, Reason.TALK_WITHIN_TARGET),
        no_target.pk: (Verdict.EXCLUDED, Reason.NO_TALK_TARGET),
        not_recorded.pk: (Verdict.EXCLUDED, Reason.TALK_NOT_RECORDED),
    }
    assert judged("T1.5-a", month=4) == {talking.pk: (Verdict.EXCLUDED, Reason.CALL_IN_PROGRESS)}


def test_first_contact_resolution_counts_calls_with_an_outcome():
    solved = call(AT, outcome=CallOutcome.SOLVED, outcome_at=after(AT, 300))
    committed = call(
        AT,
        outcome=CallOutcome.COMMITTED,
        outcome_at=after(AT, 300),
        committed_due_at=AT + timedelta(days=2),
    )
    call(AT)  # no request recorded: not in the population
    call(AT, service=Service.DISTRIBUTOR, outcome=CallOutcome.SOLVED, outcome_at=AT)
    assert judged("T1.5-b") == {
        solved.pk: (Verdict.PASS, Reason.SOLVED_DURING_CALL),
        committed.pk: (Verdict.FAIL, Reason.COMMITTED_BEFORE_HANG_UP),
    }
    assert tally("T1.5-b") == (1, 2)


# --- T3.1 phone: solved or committed before hang-up -------------------------------------


def _answered_call(service: str = Service.CUSTOMER, **extra):
    the_call = call(AT, service=service, **extra)
    visit(the_call, queue(f"q-{service}", service=service))
    return the_call


def test_phone_requests_are_solved_or_committed_before_hang_up():
    end = after(AT, 600)
    solved = _answered_call(outcome=CallOutcome.SOLVED, outcome_at=after(AT, 300))
    committed = _answered_call(
        outcome=CallOutcome.COMMITTED, outcome_at=end, committed_due_at=AT + timedelta(days=3)
    )
    after_hang_up = _answered_call(
        outcome=CallOutcome.COMMITTED,
        outcome_at=after(end, 1),
        committed_due_at=AT + timedelta(days=3),
    )
    no_deadline = _answered_call(outcome=CallOutcome.COMMITTED, outcome_at=after(AT, 300))
    nothing = _answered_call()
    hotline = _answered_call(Service.DISTRIBUTOR, outcome=CallOutcome.SOLVED, outcome_at=AT)
    _answered_call(Service.DIRECTORY, outcome=CallOutcome.SOLVED, outcome_at=AT)
    abandoned = call(AT)
    visit(abandoned, queue(), outcome=VisitOutcome.ABANDONED, wait=80)
    assert judged("T3.1-b") == {
        solved.pk: (Verdict.PASS, Reason.SOLVED_DURING_CALL),
        committed.pk: (Verdict.PASS, Reason.COMMITTED_BEFORE_HANG_UP),
        after_hang_up.pk: (Verdict.FAIL, Reason.OUTCOME_AFTER_HANG_UP),
        no_deadline.pk: (Verdict.FAIL, Reason.COMMITTED_WITHOUT_DEADLINE),
        nothing.pk: (Verdict.FAIL, Reason.NO_REQUEST_OUTCOME),
        hotline.pk: (Verdict.PASS, Reason.SOLVED_DURING_CALL),
    }


def test_a_call_in_progress_is_not_judged_yet():
    ongoing = call(NOW - timedelta(minutes=3), ended_at=None)
    visit(ongoing, queue())
    assert judged("T3.1-b", month=4) == {ongoing.pk: (Verdict.EXCLUDED, Reason.CALL_IN_PROGRESS)}


# --- T2.1 routed at the first attempt ---------------------------------------------------


def test_answered_calls_transferred_for_misrouting_fail():
    right = _answered_call()
    wrong = _answered_call(misrouted=True)
    unanswered = call(AT)
    visit(unanswered, queue(), outcome=VisitOutcome.ABANDONED, wait=90)
    assert judged("T2.1-a") == {
        right.pk: (Verdict.PASS, Reason.ROUTED_FIRST_ATTEMPT),
        wrong.pk: (Verdict.FAIL, Reason.MISROUTED),
    }


# --- Breakdowns -------------------------------------------------------------------------


def test_breakdowns_read_the_calls_channel_and_motive():
    plan = MotiveFactory.create(code="plan", talk_time_target_seconds=300)
    visit(call(AT), queue("support", motive=plan), wait=10)
    visit(call(AT), queue("support"), wait=90)
    visit(call(AT, service=Service.DISTRIBUTOR), queue("pos", service=Service.DISTRIBUTOR))
    rows = indicator_tallies(
        indicator=indicator("T1.3-a"), year=2026, month=3, now=NOW, group_by=Dimension.MOTIVE
    )
    assert [(row.key, row.numerator, row.denominator) for row in rows] == [("plan", 1, 2)]
    (channel,) = indicator_tallies(
        indicator=indicator("T4.6-a"), year=2026, month=3, now=NOW, group_by=Dimension.CHANNEL
    )
    assert (channel.key, channel.rate) == ("distributor_hotline", Decimal("100.00"))
