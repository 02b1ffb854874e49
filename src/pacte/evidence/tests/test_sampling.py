"""Samples: reproducible, seed-dependent, by the documented SHA-256 method, sealed when closed."""

from __future__ import annotations

import hashlib

import pytest
import time_machine

from pacte.cases.models import Clock
from pacte.cases.services import case_hand_off
from pacte.compliance.closing import month_close
from pacte.compliance.models import ClosedVerdict
from pacte.compliance.tests.conftest import answer_at, telecom_version
from pacte.conftest import Cast, paris
from pacte.evidence.sampling import SampleItem, sample_draw
from pacte.evidence.tests.conftest import APRIL, March

pytestmark = pytest.mark.django_db


def draw(*, seed: int, size: int, closing=None, now=APRIL):
    return sample_draw(
        scheme_version=telecom_version(),
        year=2026,
        month=3,
        size=size,
        seed=seed,
        now=now,
        closing=closing,
    )


def ids(items) -> list[int]:
    return [item.item_id for item in items if item.indicator_code == "T3.1-a"]


def expected(seed: int, size: int, population: list[int]) -> list[int]:
    """The documented method, computed independently: smallest SHA-256 of seed:code:id."""

    def key(item_id: int) -> str:
        return hashlib.sha256(f"{seed}:T3.1-a:{item_id}".encode()).hexdigest()

    return sorted(population, key=key)[:size]


def t31_clocks(march: March) -> list[int]:
    return list(
        Clock.objects.filter(case__in=march.cases, commitment__code="T3.1").values_list(
            "pk", flat=True
        )
    )


def test_same_seed_gives_the_same_sample(march, april):
    # given March's nine requests, when drawn twice with one seed
    first, second = draw(seed=7, size=4), draw(seed=7, size=4)
    # then the samples are the same items, in the same order
    assert ids(first) == ids(second)
    assert len(ids(first)) == 4


def test_sample_follows_the_documented_sha256_method(march, april):
    # when drawn with seed 123
    sample = draw(seed=123, size=4)
    # then the items are those with the smallest SHA-256 of "seed:indicator:id"
    assert ids(sample) == expected(123, 4, t31_clocks(march))
    t31 = [item for item in sample if item.indicator_code == "T3.1-a"]
    assert [item.key for item in t31] == [
        hashlib.sha256(f"123:T3.1-a:{item.item_id}".encode()).hexdigest() for item in t31
    ]


def test_the_sample_depends_on_the_seed(march, april):
    # when drawn with several seeds
    samples = {tuple(sorted(ids(draw(seed=seed, size=3)))) for seed in range(6)}
    # then not every seed gives the same three items
    assert len(samples) > 1


def test_a_smaller_sample_is_the_start_of_a_larger_one(march, april):
    assert ids(draw(seed=5, size=3)) == ids(draw(seed=5, size=4))[:3]


def test_a_population_smaller_than_n_is_taken_whole(march, april):
    # when asking for more items than the month has
    sample = draw(seed=1, size=50)
    # then every T3.1 clock of March is in it, once
    assert sorted(ids(sample)) == sorted(t31_clocks(march))


def test_items_carry_their_case_and_live_verdict(cast: Cast, march, april):
    sample = draw(seed=9, size=50)
    by_case = {item.case_id: item for item in sample if item.indicator_code == "T3.1-a"}
    passed, late, unanswered = march.passed[0], march.late[0], march.unanswered[0]
    assert by_case[passed.pk].verdict == "pass"
    assert by_case[passed.pk].reason_code == "answered_in_time"
    assert by_case[late.pk].verdict == "fail"
    assert by_case[late.pk].reason_code == "answered_late"
    assert by_case[unanswered.pk].reason_code == "unanswered_past_deadline"
    item = by_case[passed.pk]
    assert item.case_reference == passed.reference
    assert item.channel == "email"
    assert item.received_at == paris(2026, 3, 9, 9)
    assert item.deadline == Clock.objects.get(pk=item.item_id).effective_due_at


def test_closed_month_samples_the_sealed_verdicts(cast: Cast, march, april):
    # given March closed, then a late answer to a case that was unanswered at closing
    closing = month_close(
        scheme_version=telecom_version(), year=2026, month=3, actor=cast.quality_manager, now=APRIL
    )
    answer_at(march.unanswered[0], paris(2026, 4, 15, 13), actor=cast.agent)
    later = paris(2026, 4, 16, 9)
    # when the sample is drawn from the closing, and live
    sealed = draw(seed=11, size=50, closing=closing, now=later)
    live = draw(seed=11, size=50, now=later)
    # then the sealed sample keeps the verdict frozen at closing
    sealed_item = next(i for i in sealed if i.case_id == march.unanswered[0].pk)
    live_item = next(i for i in live if i.case_id == march.unanswered[0].pk)
    assert sealed_item.reason_code == "unanswered_past_deadline"
    assert live_item.reason_code == "answered_late"
    # and its items are the closing's ClosedVerdicts, drawn by the same keys as live
    frozen = set(
        ClosedVerdict.objects.filter(closing=closing, indicator_code="T3.1-a").values_list(
            "item_id", "verdict", "reason_code"
        )
    )
    t31 = [i for i in sealed if i.indicator_code == "T3.1-a"]
    assert {(i.item_id, i.verdict, i.reason_code) for i in t31} == frozen
    assert ids(draw(seed=11, size=3, closing=closing, now=later)) == ids(live)[:3]


def test_each_implemented_indicator_has_its_own_sample(cast: Cast, march, april):
    # given a hand-off in March: an item of T3.3-a (a case event)
    with time_machine.travel(paris(2026, 3, 10, 11), tick=False):
        case_hand_off(
            case=march.passed[0],
            actor=cast.agent,
            note="Customer wants the 100 GB plan.",
            to_team=cast.back,
        )
    # when drawn
    sample = draw(seed=3, size=2)
    # then each indicator with items is sampled up to N, the event with its kind
    by_code: dict[str, list[SampleItem]] = {}
    for item in sample:
        by_code.setdefault(item.indicator_code, []).append(item)
    assert len(by_code["T3.1-a"]) == 2
    (event,) = by_code["T3.3-a"]
    assert (event.item_kind, event.case_id, event.verdict) == (
        "caseevent",
        march.passed[0].pk,
        "pass",
    )
    assert event.deadline is None
