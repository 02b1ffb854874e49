"""The demo's dunning: bills imported, contacts, suspensions (a rare one without a
contact), refusals; T4.3-a has figures with passes and failures."""

from __future__ import annotations

import pytest

from pacte.cases.models import CaseEvent, EventKind
from pacte.core.chain import chains_verify
from pacte.customers.models import LineStatus
from pacte.operations.models import DunningCase, ImportBatch, LineEvent, UnpaidBill

pytestmark = pytest.mark.django_db


def test_the_demo_dunning_has_every_step(generate):
    generate(seed=3)
    cases = DunningCase.objects.count()
    assert cases > 0
    assert ImportBatch.objects.filter(imported=True).count() == 1
    # every dunning case has its bills (the restoration demo adds paid ones of its own)
    with_bills = UnpaidBill.objects.filter(case__kind="dunning").values("case").distinct()
    assert with_bills.count() == cases
    kinds = set(
        CaseEvent.objects.filter(case__kind="dunning").values_list("kind", flat=True).distinct()
    )
    steps = {EventKind.DUNNING_CONTACT, EventKind.LINE_SUSPENDED, EventKind.SUSPENSION_REFUSED}
    assert steps <= kinds
    suspended = LineEvent.objects.filter(data__cause="non_payment", case__kind="dunning").count()
    assert suspended == CaseEvent.objects.filter(kind=EventKind.LINE_SUSPENDED).count()
    assert suspended == DunningCase.objects.filter(line__status=LineStatus.SUSPENDED).count()
    assert chains_verify(LineEvent).breaks == []
    assert chains_verify(CaseEvent).breaks == []
    generate(seed=3, reset=True)
    assert DunningCase.objects.count() == cases
