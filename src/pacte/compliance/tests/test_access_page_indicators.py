"""Access page indicators (T1.1, T1.2, T4.5, T6.5): the publication in force at the end
of the month, items of no case, through month_results, the drill-down and a closing."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from pacte.access.models import ChannelEntry
from pacte.access.services import channel_change, channel_remove, footer_change
from pacte.access.tests.builders import EMAIL, PHONE, page_build, publish_at
from pacte.compliance.closing import month_close
from pacte.compliance.models import ClosedVerdict
from pacte.compliance.selectors import IndicatorResult, indicator_verdicts, month_results
from pacte.compliance.tests.conftest import indicator
from pacte.conftest import paris
from pacte.evidence.sampling import sample_draw

AFTER_MARCH = paris(2026, 4, 2, 9)
ACCESS_CODES = ("T1.1-a", "T1.2-a", "T1.2-b", "T4.5-a", "T6.5-a")


def results_of(version, *, month: int, now=AFTER_MARCH) -> dict[str, IndicatorResult]:
    results = month_results(scheme_version=version, year=2026, month=month, now=now)
    return {r.indicator_code: r for r in results if r.indicator_code in ACCESS_CODES}


def figures(result) -> tuple[object, ...]:
    return (result.numerator, result.denominator, result.rate, result.met)


def test_no_publication_in_force_gives_no_data_never_a_number(cast, version):
    # given a page published only in April
    page_build(cast.administrator)
    publish_at(cast.administrator, paris(2026, 4, 1, 10))
    # when March is computed (in English)
    with translation.override("en"):
        results = results_of(version, month=3)
    # then every access indicator says why it has no data, and gives no number
    for code in ACCESS_CODES:
        assert results[code].no_data == (
            "the public access page had not been published by the end of the month"
        )
        assert figures(results[code]) == (None, None, None, None)


def test_a_full_page_meets_every_access_indicator(cast, version):
    # given four documented channels, 222, after-sales and a footer published in February
    page_build(cast.administrator)
    publish_at(cast.administrator, paris(2026, 2, 20, 10))
    # when March is computed
    results = results_of(version, month=3)
    # then T1.1 counts four channels against "≥ 4", the others pass their one item
    assert figures(results["T1.1-a"]) == (4, 4, Decimal("4.00"), True)
    assert figures(results["T1.2-a"]) == (4, 4, Decimal("100.00"), True)
    for code in ("T1.2-b", "T4.5-a", "T6.5-a"):
        assert figures(results[code]) == (1, 1, Decimal("100.00"), True)


def test_channel_count_below_target_is_not_met(cast, version):
    # given only three channels published, one of them hidden from the page
    page_build(cast.administrator, channels=(PHONE, EMAIL), services=())
    hidden = ChannelEntry.objects.get(kind="email")
    channel_change(
        actor=cast.administrator,
        entry_id=hidden.pk,
        data=replace(EMAIL, published=False),
    )
    publish_at(cast.administrator, paris(2026, 3, 1, 10))
    # when March is computed
    results = results_of(version, month=3)
    # then one channel is counted, the target of 4 is missed; no 222, no after-sales
    assert figures(results["T1.1-a"]) == (1, 1, Decimal("1.00"), False)
    assert figures(results["T6.5-a"]) == (0, 1, Decimal("0.00"), False)
    assert figures(results["T4.5-a"]) == (0, 1, Decimal("0.00"), False)


def test_undocumented_channel_fails_naming_what_is_missing(cast, version):
    # given a phone channel without hours nor price, and an empty bill footer
    bare = replace(PHONE, hours_en="", price_fr="")
    page_build(cast.administrator, channels=(bare, EMAIL), footer=("", ""))
    publish_at(cast.administrator, paris(2026, 3, 1, 10))
    # when T1.2-a's items are read
    with translation.override("en"):
        items = indicator_verdicts(
            indicator=indicator("T1.2-a"), year=2026, month=3, now=AFTER_MARCH
        )
        rows = [(i.kind, i.verdict, i.reason_code, i.reason) for i in items]
    # then the phone fails with hours and price named, the email passes
    assert rows == [
        ("phone", "fail", "channel_missing_hours_price", "Missing: opening hours, price."),
        (
            "email",
            "pass",
            "channel_documented",
            "Number or address, opening hours and price listed.",
        ),
    ]
    results = results_of(version, month=3)
    assert figures(results["T1.2-a"]) == (1, 2, Decimal("50.00"), False)
    assert figures(results["T1.2-b"]) == (0, 1, Decimal("0.00"), False)


def test_a_past_month_reads_the_publication_then_in_force(cast, version):
    # given a full page published in February, then a poorer one published in April
    page_build(cast.administrator)
    publish_at(cast.administrator, paris(2026, 2, 20, 10))
    with time_machine.travel(paris(2026, 4, 3, 9), tick=False):
        for entry in ChannelEntry.objects.all()[:2]:
            channel_remove(actor=cast.administrator, entry_id=entry.pk)
        footer_change(actor=cast.administrator, bill_footer_fr="", bill_footer_en="")
    publish_at(cast.administrator, paris(2026, 4, 3, 10))
    now = paris(2026, 5, 2, 9)
    # when March and April are computed afterwards
    march, april = results_of(version, month=3, now=now), results_of(version, month=4, now=now)
    # then March still reads February's page, April the new one
    assert figures(march["T1.1-a"])[:2] == (4, 4)
    assert figures(march["T1.2-b"])[:2] == (1, 1)
    assert figures(april["T1.1-a"])[:2] == (2, 2)
    assert figures(april["T1.2-b"])[:2] == (0, 1)


def test_the_current_month_reads_the_page_in_force_now(cast, version):
    # given a page published on 20 March, computed on 15 March and on 25 March
    page_build(cast.administrator)
    publish_at(cast.administrator, paris(2026, 3, 20, 10))
    # then on 15 March there is no data yet, on 25 March there is
    assert results_of(version, month=3, now=paris(2026, 3, 15, 9))["T1.1-a"].no_data
    assert figures(results_of(version, month=3, now=paris(2026, 3, 25, 9))["T1.1-a"])[:2] == (4, 4)


def test_a_closing_freezes_access_items_without_a_case(cast, version):
    # given the full page in force in March
    page_build(cast.administrator)
    publication = publish_at(cast.administrator, paris(2026, 2, 20, 10))
    # when March is closed
    closing = month_close(
        scheme_version=version, year=2026, month=3, actor=cast.quality_manager, now=AFTER_MARCH
    )
    # then the snapshot holds T1.1's count and its verdicts have no case
    snapshot = {r["indicator_code"]: r for r in closing.results}
    assert (snapshot["T1.1-a"]["rate"], snapshot["T1.1-a"]["met"]) == ("4.00", True)
    frozen = ClosedVerdict.objects.filter(closing=closing, indicator_code__in=ACCESS_CODES)
    assert {(v.indicator_code, v.item_kind) for v in frozen} >= {
        ("T1.1-a", "publishedchannel"),
        ("T6.5-a", "publication"),
    }
    assert frozen.count() == 4 + 4 + 1 + 1 + 1
    assert {v.case_id for v in frozen} == {None}
    assert frozen.get(indicator_code="T6.5-a").item_id == publication.pk


def test_evidence_sample_draws_access_items_without_a_case(cast, version):
    page_build(cast.administrator)
    publish_at(cast.administrator, paris(2026, 2, 20, 10))
    items = sample_draw(scheme_version=version, year=2026, month=3, now=AFTER_MARCH, seed=1, size=2)
    access = [i for i in items if i.indicator_code in ACCESS_CODES]
    assert access
    assert {i.case_id for i in access} == {None}


@pytest.mark.parametrize(("code", "rows"), [("T1.1-a", 4), ("T6.5-a", 1)])
def test_drill_down_lists_access_items(client, cast, version, code, rows):
    # given the full page in force
    page_build(cast.administrator)
    publish_at(cast.administrator, paris(2026, 2, 20, 10))
    client.force_login(cast.quality_manager)
    # when the quality manager drills into the indicator for March
    with time_machine.travel(AFTER_MARCH, tick=False):
        response = client.get(
            reverse("workspace:compliance_drill", args=[code]), {"month": "2026-03"}
        )
    # then every item is listed, without a case, and there is no breakdown
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="verdict-pass"') == rows
    assert 'data-dimension="' not in body


def test_drill_down_says_no_data_without_a_publication(client, cast, version):
    client.force_login(cast.quality_manager)
    with time_machine.travel(AFTER_MARCH, tick=False):
        response = client.get(
            reverse("workspace:compliance_drill", args=["T1.1-a"]),
            {"month": "2026-03"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    assert "the public access page had not been published" in response.content.decode()
