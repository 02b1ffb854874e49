"""Call items end to end: month results give numbers, the drill-down lists calls (with
their case when they have one), a closing freezes them, evidence samples them, and a
settled month's phone figures follow calls imported late (their months are recorded as
changed, so the kept tallies are recomputed).
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from pacte.compliance.closing import month_close
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.models import ClosedVerdict, MonthTally
from pacte.compliance.selectors import month_results
from pacte.compliance.tests.conftest import case_at
from pacte.compliance.tests.phone import after, call, queue, visit
from pacte.conftest import paris
from pacte.core.vocabulary import Channel
from pacte.evidence.sampling import sample_draw
from pacte.telephony.importing import queue_log_import
from pacte.workspace.tests.conftest import login

NOW = paris(2026, 4, 2, 12)
AT = paris(2026, 3, 10, 10)
PHONE = {
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
}


def march(version):
    results = month_results(scheme_version=version, year=2026, month=3, now=NOW)
    return {result.indicator_code: result for result in results}


def test_month_results_give_phone_numbers(cast, version):
    # given four customer-service visits in March: three answered within 60 s, one late
    support = queue()
    for wait in (10, 20, 60, 90):
        visit(call(AT, price_announced_at=AT), support, wait=wait)
    # when March's results are read
    results = march(version)
    # then every phone indicator has data, and T1.3-a is 3/4 = 75 %, under its 80 % target
    assert {code for code in PHONE if results[code].no_data} == set()
    level = results["T1.3-a"]
    assert (level.numerator, level.denominator, level.rate, level.met) == (
        3,
        4,
        Decimal("75.00"),
        False,
    )
    assert (results["T1.4-a"].numerator, results["T1.4-a"].met) == (4, True)
    assert results["T4.6-a"].denominator == 0


def test_a_settled_months_phone_figures_follow_late_imports(cast, version):
    # given March read once in April (settled: its tallies are kept)
    support = queue()
    visit(call(AT), support, wait=10)
    assert march(version)["T1.3-a"].denominator == 1
    assert MonthTally.objects.filter(indicator_code="T1.3-a").exists()
    # when a queue_log imported late adds a March call that waited 300 s
    start = int(AT.timestamp()) + 600
    log = (
        f"{start}|late.1|{support.name}|NONE|ENTERQUEUE||0611111111|1\n"
        f"{start + 300}|late.1|{support.name}|PJSIP/201|CONNECT|300|late.9|2\n"
        f"{start + 420}|late.1|{support.name}|PJSIP/201|COMPLETECALLER|300|120|1\n"
    )
    queue_log_import(  # an import of history: a window that reaches March
        source_name="pbx", stream=io.BytesIO(log.encode()), now=NOW, window=timedelta(days=60)
    )
    # then the next read counts it: the importer recorded March as changed
    level = march(version)["T1.3-a"]
    assert (level.numerator, level.denominator) == (1, 2)
    assert MonthTally.objects.filter(indicator_code="T3.1-a").exists()


def test_the_drill_down_lists_calls_and_links_their_case(client: Client, cast, version):
    # given a call with a case (answered late) and one without (answered in time)
    case = case_at(paris(2026, 3, 10, 9), team=cast.front, channel=Channel.PHONE)
    with_case = call(AT, case=case)
    visit(with_case, queue(), wait=90)
    alone = call(AT)
    visit(alone, queue(), wait=5)
    # when the auditor drills into T1.3-a for March
    url = reverse("workspace:compliance_drill", args=["T1.3-a"])
    with time_machine.travel(NOW, tick=False):
        response = login(client, cast.auditor).get(
            f"{url}?scheme=telecom-2004&month=2026-03", HTTP_ACCEPT_LANGUAGE="en"
        )
    content = response.content.decode()
    # then the call without a case shows its call id, the other links its case
    assert response.status_code == 200
    row = re.search(rf'<tr data-item="{alone.callid}" class="verdict-pass">', content)
    assert row is not None
    late = re.search(
        rf'<tr data-case="{case.reference}" class="verdict-fail">(.*?)</tr>', content, re.S
    )
    assert late is not None
    assert reverse("workspace:case", args=[case.pk]) in late.group(1)
    assert "Answered after the queue&#x27;s service-level threshold." in late.group(1)
    # and the breakdown by channel reads the call's number, not a case
    assert re.search(r'data-dimension="channel".*?<th scope="row">Phone</th>', content, re.S)
    # and by team through the call's case (the call without one has none: "—")
    team = re.search(r'data-dimension="team"(.*?)</table>', content, re.S)
    assert team is not None
    assert sorted(re.findall(r'<th scope="row">(.*?)</th>', team.group(1))) == ["front", "—"]


def test_a_closing_freezes_call_items_with_their_case(cast, version):
    # given a March call with a case, answered within the level, and one abandoned
    case = case_at(paris(2026, 3, 10, 9), team=cast.front, channel=Channel.PHONE)
    answered = visit(call(AT, case=case, price_announced_at=AT), queue(), wait=30)
    abandoned = visit(call(AT), queue(), outcome="abandoned", wait=70)
    # when the quality manager closes March
    closing = month_close(
        scheme_version=version, year=2026, month=3, actor=cast.quality_manager, now=NOW
    )
    # then the visits are frozen with their kind, case (or none), verdict and reason
    frozen = ClosedVerdict.objects.filter(closing=closing, indicator_code="T1.3-a")
    assert sorted(
        frozen.values_list("item_kind", "item_id", "case_id", "verdict", "reason_code")
    ) == [
        ("queuevisit", answered.pk, case.pk, Verdict.PASS, Reason.WITHIN_SERVICE_LEVEL),
        ("queuevisit", abandoned.pk, None, Verdict.FAIL, Reason.CALL_ABANDONED),
    ]
    price = ClosedVerdict.objects.get(closing=closing, indicator_code="T1.4-a", case_id=case.pk)
    assert (price.item_kind, price.item_id) == ("call", answered.call_id)
    assert (
        closing.results[[r["indicator_code"] for r in closing.results].index("T1.3-a")][
            "denominator"
        ]
        == 2
    )


def test_evidence_samples_call_items(cast, version):
    # given a March call answered after the level
    late = visit(call(AT), queue(), wait=200, answered_at=after(AT, 200))
    # when the month's items are sampled
    items = sample_draw(
        scheme_version=version, year=2026, month=3, size=10, seed=1, now=NOW + timedelta(days=1)
    )
    # then the visit is among them, with no case
    found = [item for item in items if item.indicator_code == "T1.3-a"]
    assert [(item.item_kind, item.item_id, item.case_id, item.verdict) for item in found] == [
        ("queuevisit", late.pk, None, Verdict.FAIL)
    ]


@pytest.mark.parametrize("code", sorted(PHONE))
def test_every_phone_indicator_runs_on_an_empty_month(version, code):
    assert march(version)[code].denominator == 0


def test_the_verdicts_api_lists_call_items(cast, version):
    # given a March call with a case answered within the level, and one without a case
    case = case_at(paris(2026, 3, 10, 9), team=cast.front, channel=Channel.PHONE)
    with_case = visit(call(AT, case=case), queue(), wait=30)
    alone = visit(call(AT), queue(), outcome="timeout", wait=300)
    # when the auditor reads T1.3-a's verdicts for March
    client = APIClient(headers={"Accept-Language": "en"})
    client.force_authenticate(user=cast.auditor)
    with time_machine.travel(NOW, tick=False):
        response = client.get(
            "/api/compliance/indicators/T1.3-a/verdicts/?scheme=telecom-2004&month=2026-03"
        )
    # then both visits are listed, each with its case or none, and the reason's text
    assert response.status_code == 200
    rows = [
        (row["item_kind"], row["item_id"], row["case_id"], row["verdict"], row["reason"])
        for row in response.json()["results"]
    ]
    assert rows == [
        (
            "queuevisit",
            with_case.pk,
            case.pk,
            "pass",
            "Answered within the queue's service-level threshold.",
        ),
        (
            "queuevisit",
            alone.pk,
            None,
            "fail",
            "Left the queue unanswered (timeout, no agent, key pressed).",
        ),
    ]


def _drill_queries(client: Client, cast, calls: int) -> int:
    for _ in range(calls):
        case = case_at(paris(2026, 3, 10, 9), team=cast.front, channel=Channel.PHONE)
        visit(call(AT, case=case), queue(), wait=30)
        visit(call(AT), queue(), wait=90)
    url = reverse("workspace:compliance_drill", args=["T1.3-a"])
    login(client, cast.supervisor)
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as queries:
        assert client.get(f"{url}?scheme=telecom-2004&month=2026-03").status_code == 200
    return len(queries.captured_queries)


def test_the_drill_down_of_call_items_runs_a_fixed_number_of_queries(client: Client, cast):
    # given 1 then 4 more pairs of calls (one with a case, one without)
    few = _drill_queries(client, cast, 1)
    many = _drill_queries(client, cast, 4)
    # then the page runs as many queries for 10 items as for 2
    assert few == many
