"""The demo's SIM orders (T4.1) and after-sales requests (T4.5-b): in the formats the
operations app records, a few late, and figures for both indicators."""

from __future__ import annotations

from datetime import datetime

import pytest

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.cases.recompute import clocks_recompute
from pacte.compliance.indicators import Verdict
from pacte.compliance.selectors import indicator_verdicts
from pacte.compliance.tests.conftest import indicator
from pacte.core.chain import chains_verify_all
from pacte.core.vocabulary import CaseKind
from pacte.demo.tests.conftest import Generate
from pacte.operations.sim_selectors import sim_orders_not_shipped

pytestmark = pytest.mark.django_db


def test_the_demo_has_sim_orders_and_after_sales_requests_with_late_ones(
    generate: Generate, frozen_now: datetime
) -> None:
    # given a demo of a few months
    demo = generate(contacts=3000, months=4, seed=3)
    # then SIM orders carry their line, carrier and tracking; a few are not shipped
    orders = Case.objects.filter(kind=CaseKind.SIM_ORDER)
    assert orders.count() >= 40
    opened = CaseEvent.objects.filter(case__kind=CaseKind.SIM_ORDER, kind=EventKind.OPENED)
    assert all({"line", "msisdn", "address"} <= set(e.data) for e in opened)
    shipped = CaseEvent.objects.filter(kind=EventKind.SIM_SHIPPED)
    assert all(e.data["carrier"] and e.data["tracking"] for e in shipped)
    assert shipped.count() < orders.count()
    assert Case.objects.filter(kind=CaseKind.AFTER_SALES).count() >= 40
    # and both indicators have passes and failures over the months
    for code in ("T4.1-a", "T4.5-b"):
        verdicts = [
            row.verdict
            for month in range(1, 4)
            for row in indicator_verdicts(indicator=indicator(code), year=2026, month=month,
                                          now=frozen_now)
        ]  # fmt: skip
        assert verdicts.count(Verdict.PASS) > 2 * verdicts.count(Verdict.FAIL) > 0, code
    # the trail verifies, the recompute agrees, the counts add up
    assert chains_verify_all().breaks == []
    assert clocks_recompute(now=frozen_now).changes == 0
    assert Case.objects.count() == demo.tally.cases
    assert isinstance(sim_orders_not_shipped(now=frozen_now), list)
