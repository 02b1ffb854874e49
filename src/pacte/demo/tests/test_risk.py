"""The demo's risk and fraud measures (T4.2): in the formats operations.risk records,
chained, the lines' statuses following them, and figures for T4.2-a and T4.2-b."""

from __future__ import annotations

from datetime import datetime

import pytest

from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind
from pacte.compliance.selectors import indicator_tallies
from pacte.compliance.tests.conftest import indicator
from pacte.core.chain import chains_verify_all
from pacte.core.vocabulary import CaseKind
from pacte.customers.models import Line, LineStatus
from pacte.demo.tests.conftest import Generate
from pacte.operations.models import LineEvent
from pacte.operations.risk import measures_in_force

pytestmark = pytest.mark.django_db


def test_a_demo_holds_measures_with_motives_lifts_and_false_positives(
    generate: Generate, frozen_now: datetime
) -> None:
    # given a demo of a few months
    generate(contacts=4000, months=8, seed=4)
    cases = Case.objects.filter(kind=CaseKind.RISK_MEASURE)
    taken = CaseEvent.objects.filter(kind=EventKind.MEASURE_TAKEN)
    lifted = CaseEvent.objects.filter(kind=EventKind.MEASURE_LIFTED)
    # then every measure case has its measure, most are lifted and closed
    assert cases.count() == taken.count() >= 30
    assert 0.7 * taken.count() <= lifted.count() <= 0.95 * taken.count()
    assert cases.filter(status=CaseStatus.CLOSED).count() == lifted.count()
    unfounded = lifted.filter(data__unfounded=True).count()
    assert 0 < unfounded < 0.15 * lifted.count()
    assert all(event.body for event in lifted)
    # lines follow the measures: those in force are restricted or suspended
    for event in taken.exclude(case__status=CaseStatus.CLOSED)[:20]:
        line = Line.objects.get(pk=event.data["line"])
        kinds = measures_in_force(line_id=line.pk)
        expected = {"restriction": "restricted", "suspension": "suspended"}.get(kinds[0], "active")
        assert line.status == expected
    assert LineEvent.objects.filter(data__cause="risk").count() >= 15
    assert LineEvent.objects.filter(data__cause="risk_lifted").exists()
    assert Line.objects.filter(status=LineStatus.RESTRICTED).exists()
    # the trail verifies
    assert chains_verify_all().breaks == []
    # and the indicators have figures for the months of the demo
    tallies = [
        tally
        for month in (12, 1, 2)
        for tally in indicator_tallies(
            indicator=indicator("T4.2-b"), year=2025 if month == 12 else 2026, month=month,
            now=frozen_now,
        )
    ]  # fmt: skip
    assert sum(t.denominator for t in tallies) > 0
    (motivated,) = indicator_tallies(
        indicator=indicator("T4.2-a"), year=2026, month=2, now=frozen_now
    )
    assert motivated.denominator > 0
