"""The demo's identity checks and disclosures: T3.2-a gets figures, a few failures among
them, on chains that still verify; the demo's lines have an offer."""

from __future__ import annotations

from datetime import datetime

from pacte.cases.models import CaseEvent, EventKind
from pacte.compliance.indicators import Verdict
from pacte.compliance.selectors import indicator_verdicts
from pacte.compliance.tests.conftest import indicator
from pacte.core.chain import chains_verify_all
from pacte.customers.models import Line


def test_disclosures_give_t32a_a_figure_under_100_percent(generate, frozen_now: datetime):
    generate(contacts=2000, months=3, seed=5)
    disclosed = CaseEvent.objects.filter(kind=EventKind.DATA_DISCLOSED).select_related("case")
    checks = dict(
        CaseEvent.objects.filter(kind=EventKind.IDENTITY_CHECKED).values_list("pk", "case_id")
    )
    assert disclosed.count() > 100
    for event in disclosed:
        assert event.case.channel in ("phone", "chat")
        rests_on = event.data["identity_check"]
        assert rests_on is None or checks[rests_on] == event.case_id
    assert chains_verify_all().breaks == []
    assert not Line.objects.filter(offer="").exists()
    t32a = indicator("T3.2-a")
    verdicts = []
    for back in (1, 2):
        month = (frozen_now.month - back - 1) % 12 + 1
        year = frozen_now.year - (1 if month > frozen_now.month else 0)
        rows = indicator_verdicts(indicator=t32a, year=year, month=month, now=frozen_now)
        verdicts += [row.verdict for row in rows]
    assert verdicts.count(Verdict.PASS) > 50
    assert 0 < verdicts.count(Verdict.FAIL) < 0.05 * len(verdicts)
