"""The demo's payments and restorations (T4.4): in the formats the operations app
records, chained, mostly in time, a few late, a couple still overdue now."""

from __future__ import annotations

from datetime import datetime

import pytest

from pacte.cases.models import Case, CaseEvent, Clock, ClockState, EventKind
from pacte.core.chain import chains_verify_all
from pacte.core.vocabulary import CaseKind
from pacte.customers.models import LineStatus
from pacte.demo.tests.conftest import Generate
from pacte.operations.models import LineEvent, Payment
from pacte.operations.restoration_overdue import restorations_overdue

pytestmark = pytest.mark.django_db


def test_the_demo_pays_and_restores_suspended_lines(
    generate: Generate, frozen_now: datetime
) -> None:
    # given a small demo
    generate(contacts=2000, months=6, seed=5)
    cases = Case.objects.filter(kind=CaseKind.RESTORATION)
    # then each restoration case has its payment, received at its registration
    assert cases.count() >= 8
    for case in cases.order_by("pk")[:20]:
        opened = case.events.get(kind=EventKind.OPENED)
        payment = Payment.objects.get(pk=opened.data["payment"])
        assert case.received_at == payment.registered_at
        assert case.events.filter(kind=EventKind.PAYMENT_REGISTERED).exists()
    # the suspensions say they were for non-payment; restorations say why too
    causes = set(LineEvent.objects.values_list("data__cause", flat=True))
    assert causes >= {"non_payment", "restoration"}
    # T4.4 clocks: mostly met in time, some waiting now, breached and overdue shown
    states = set(Clock.objects.filter(commitment__code="T4.4").values_list("state", flat=True))
    assert {ClockState.MET, ClockState.MET_LATE} <= states
    rows = restorations_overdue(now=frozen_now)
    assert [row.breached for row in rows] == [True, False]
    waiting = [row.case.pk for row in rows]
    for case_id in waiting:
        line_id = CaseEvent.objects.get(case_id=case_id, kind=EventKind.OPENED).data["line"]
        assert LineEvent.objects.filter(line_id=line_id).latest("seq").status_to == (
            LineStatus.SUSPENDED
        )
    # and every chain verifies
    assert chains_verify_all().breaks == []
    assert not CaseEvent.objects.filter(at__gt=frozen_now).exists()
