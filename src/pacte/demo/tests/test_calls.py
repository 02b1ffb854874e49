"""Demo calls: every phone case has its call, shares are plausible, the phone indicators
give numbers, the same seed gives the same calls, and a reset wipes them."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from django.db.models import Count, Q

from pacte.cases.models import Case
from pacte.commitments.models import SchemeVersion, VersionStatus
from pacte.compliance.selectors import month_results
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Line
from pacte.intake.models import ChannelRoute
from pacte.telephony.models import (
    Call,
    CallOutcome,
    CallQueue,
    QueueVisit,
    Service,
    VisitOutcome,
    WaitAnnouncement,
)

pytestmark = pytest.mark.django_db

PHONE_INDICATORS = (
    "T1.3-a",
    "T1.3-b",
    "T1.3-c",
    "T1.4-a",
    "T1.5-a",
    "T1.5-b",
    "T2.1-a",
    "T3.1-b",
    "T4.6-a",
    "T6.5-b",
)


def digest() -> str:
    sha = hashlib.sha256()
    calls = Call.objects.order_by("pk").values_list(
        "pk", "callid", "service", "caller_number", "case_id", "started_at", "ended_at",
        "price_announced_at", "misrouted", "outcome", "outcome_at", "committed_due_at",
    )  # fmt: skip
    visits = QueueVisit.objects.order_by("pk").values_list(
        "call_id", "queue__name", "entered_at", "answered_at", "outcome", "wait_seconds"
    )
    announcements = WaitAnnouncement.objects.order_by("pk").values_list(
        "visit_id", "at", "announced_seconds"
    )
    for rows in (calls, visits, announcements):
        for row in rows:
            sha.update(repr(row).encode())
    return sha.hexdigest()


def share(part: int, whole: int) -> float:
    assert whole > 0
    return part / whole


def test_every_phone_case_has_its_call_with_the_customers_number(generate):
    # when a demo is generated
    generate(contacts=1500)
    # then each phone and hotline case has exactly one call, opened while it was
    # answered (but the operator's own decisions, which no call starts: a risk measure,
    # a dunning case)
    phone_cases = (
        Case.objects.filter(channel__in=(Channel.PHONE, Channel.DISTRIBUTOR_HOTLINE))
        .exclude(kind__in=(CaseKind.RISK_MEASURE, CaseKind.DUNNING))
        .count()
    )
    linked = Call.objects.filter(case__isnull=False)
    assert linked.count() == phone_cases > 0
    assert linked.values("case").distinct().count() == phone_cases
    call = linked.select_related("case").filter(service=Service.CUSTOMER).first()
    assert call is not None
    assert call.started_at < call.case.received_at < call.ended_at  # type: ignore[union-attr,operator]
    # and callers are matched by a line of their customer
    known = Call.objects.exclude(caller_number="").first()
    assert known is not None
    assert Line.objects.filter(msisdn=known.caller_number, account__customer=known.customer_id)
    # plus abandoned calls without a case, and 222 directory calls
    assert Call.objects.filter(case__isnull=True, service=Service.CUSTOMER).exists()
    assert Call.objects.filter(service=Service.DIRECTORY).exists()


def test_shares_are_plausible(generate):
    generate(contacts=3000)
    visits = QueueVisit.objects.filter(queue__service=Service.CUSTOMER)
    counted = visits.aggregate(
        total=Count("pk"),
        abandoned=Count("pk", filter=Q(outcome=VisitOutcome.ABANDONED)),
        within=Count("pk", filter=Q(outcome=VisitOutcome.ANSWERED, wait_seconds__lte=60)),
    )
    calls = Call.objects.filter(service=Service.CUSTOMER).aggregate(
        total=Count("pk"),
        priced=Count("pk", filter=Q(price_announced_at__isnull=False)),
        misrouted=Count("pk", filter=Q(misrouted=True)),
        solved=Count("pk", filter=Q(outcome=CallOutcome.SOLVED)),
        outcome=Count("pk", filter=~Q(outcome="")),
    )
    assert 0.75 <= share(counted["within"], counted["total"]) <= 0.93
    assert 0.03 <= share(counted["abandoned"], counted["total"]) <= 0.08
    assert share(calls["priced"], calls["total"]) >= 0.99
    assert 0.03 <= share(calls["misrouted"], calls["total"]) <= 0.09
    assert 0.68 <= share(calls["solved"], calls["outcome"]) <= 0.82
    assert WaitAnnouncement.objects.exists()


def test_the_phone_indicators_give_numbers_for_a_demo_month(generate, frozen_now: datetime):
    generate(contacts=1500)
    version = SchemeVersion.objects.get(scheme__code="telecom-2004", status=VersionStatus.ACTIVE)
    results = {
        result.indicator_code: result
        for result in month_results(scheme_version=version, year=2026, month=2, now=frozen_now)
    }
    for code in PHONE_INDICATORS:
        assert not results[code].no_data, code
        assert results[code].denominator, code
    assert 70 <= results["T1.3-a"].rate <= 95  # type: ignore[operator]


def test_same_seed_same_calls_and_a_reset_wipes_them(generate):
    # given a demo generated with seed 3
    generate(seed=3)
    first = digest()
    # when it is regenerated from scratch with the same seed
    generate(seed=3, reset=True)
    # then the calls are the same (ids included), and the queues were kept, not doubled
    assert digest() == first
    assert CallQueue.objects.filter(name="directory-222").count() == 1
    # and a different seed gives different calls
    generate(seed=4, reset=True)
    assert digest() != first


def test_intake_routes_written_channels_in_the_demo(generate):
    generate()
    routes = dict(ChannelRoute.objects.values_list("channel", "team__code"))
    assert routes == {
        Channel.EMAIL: "back-office",
        Channel.LETTER: "back-office",
        Channel.WEB: "back-office",
    }


def test_a_backlog_for_the_bench_makes_no_calls(generate):
    generate(open_only=True)
    assert not Call.objects.exists()
    assert CallQueue.objects.filter(service=Service.DISTRIBUTOR).exists()
