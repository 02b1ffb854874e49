"""T4.4-a: lines restored within the technical delay (4 h, 24/7) after the payment."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from pacte.compliance.closing import month_close
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.indicators.registry import REGISTRY
from pacte.compliance.models import ClosedVerdict
from pacte.compliance.selectors import indicator_tallies, indicator_verdicts
from pacte.compliance.tests.conftest import indicator
from pacte.conftest import paris
from pacte.operations.payments import payment_register
from pacte.operations.restoration import line_restore
from pacte.operations.tests.restoration_data import suspended_line
from pacte.workspace.tests.conftest import login

NOW = paris(2026, 4, 2, 12)


def _restoration(at, *, reference):
    line = suspended_line(at=at - timedelta(days=3))
    with time_machine.travel(at, tick=False):
        (case,) = payment_register(
            account=line.account,
            reference=reference,
            amount="20.00",
            paid_on=date(2026, 3, 1),
            actor=None,
            source="api",
        ).restorations
    return case


def _restore(case, at):
    with time_machine.travel(at, tick=False):
        line_restore(case=case)


@pytest.fixture
def march(cast):
    """Three restorations in March: in time, late, and never restored."""
    in_time = _restoration(paris(2026, 3, 10, 22), reference="A")
    _restore(in_time, paris(2026, 3, 11, 1, 59))
    late = _restoration(paris(2026, 3, 12, 9), reference="B")
    _restore(late, paris(2026, 3, 12, 13, 1))
    never = _restoration(paris(2026, 3, 20, 9), reference="C")
    return in_time, late, never


def verdicts(month=3, now=NOW):
    return list(indicator_verdicts(indicator=indicator("T4.4-a"), year=2026, month=month, now=now))


def test_the_indicator_has_data_now():
    assert REGISTRY["line_restored_in_time"].implemented


def test_each_restoration_is_judged_with_its_reason(march):
    in_time, late, never = march
    rows = {row.case_id: (row.verdict, row.reason_code) for row in verdicts()}
    assert rows == {
        in_time.pk: (Verdict.PASS, Reason.RESTORED_IN_TIME),
        late.pk: (Verdict.FAIL, Reason.RESTORED_LATE),
        never.pk: (Verdict.FAIL, Reason.NOT_RESTORED_PAST_DELAY),
    }
    (tally,) = indicator_tallies(indicator=indicator("T4.4-a"), year=2026, month=3, now=NOW)
    assert (tally.numerator, tally.denominator, tally.rate) == (1, 3, Decimal("33.33"))


def test_a_restoration_not_yet_due_is_in_no_month_yet(cast):
    _restoration(paris(2026, 3, 20, 9), reference="D")
    (row,) = verdicts(now=paris(2026, 3, 20, 12))
    assert (row.verdict, row.reason_code) == (Verdict.EXCLUDED, Reason.NOT_YET_DUE)


def test_a_payment_late_in_the_month_is_judged_in_the_month_of_its_deadline(cast):
    # paid at 22:00 on 31 March (Paris): due at 02:00 on 1 April
    case = _restoration(paris(2026, 3, 31, 22), reference="E")
    _restore(case, paris(2026, 4, 1, 1))
    assert verdicts(month=3) == []
    assert [row.reason_code for row in verdicts(month=4)] == [Reason.RESTORED_IN_TIME]


def test_the_drill_down_lists_the_restorations_with_their_reasons(client, cast, march):
    with time_machine.travel(NOW, tick=False):
        response = login(client, cast.quality_manager).get(
            reverse("workspace:compliance_drill", args=["T4.4-a"]),
            {"scheme": "telecom-2004", "month": "2026-03"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    content = response.content.decode()
    assert response.status_code == 200
    for case in march:
        assert case.reference in content
    assert "Restored within the technical delay." in content
    assert "Restored after the technical delay." in content
    assert "Not restored once the technical delay had passed." in content


def test_closing_the_month_seals_the_restoration_verdicts(cast, march, version):
    closing = month_close(
        scheme_version=version, year=2026, month=3, actor=cast.quality_manager, now=NOW
    )
    sealed = ClosedVerdict.objects.filter(closing=closing, indicator_code="T4.4-a")
    assert sorted(sealed.values_list("reason_code", flat=True)) == sorted(
        [Reason.RESTORED_IN_TIME, Reason.RESTORED_LATE, Reason.NOT_RESTORED_PAST_DELAY]
    )
    assert {row.case_id for row in sealed} == {case.pk for case in march}
