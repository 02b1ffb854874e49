"""The demo's stolen phones (T6.4) and fraud victims' teams (T6.2): declarations at all
hours, a few blocked late, in the operations' event formats, chained, with the clocks
the recompute derives; both indicators give figures."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pacte.cases.models import Case, CaseEvent, Clock, EventKind, Team
from pacte.cases.recompute import clocks_recompute
from pacte.commitments.models import Indicator
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.selectors import indicator_verdicts
from pacte.core.chain import chains_verify_all
from pacte.core.vocabulary import CaseKind
from pacte.customers.models import Line, LineStatus
from pacte.demo.tests.conftest import Generate
from pacte.operations.models import LineEvent

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def verdicts(code: str, now: datetime) -> Counter[str]:
    indicator = Indicator.objects.filter(
        code=code, commitment__version__scheme__code="telecom-2004"
    ).latest("commitment__version__number")
    found: Counter[str] = Counter()
    for month in range(1, 13):
        year = now.year if month <= now.month else now.year - 1
        rows = indicator_verdicts(indicator=indicator, year=year, month=month, now=now)
        found.update(row.reason_code for row in rows if row.verdict != Verdict.EXCLUDED)
    return found


def test_the_demo_declares_stolen_phones_at_all_hours_and_routes_fraud_victims(
    generate: Generate, frozen_now: datetime
) -> None:
    # given half a year of demo
    demo = generate(contacts=4000, months=6, seed=7)
    # then stolen phones were declared at night and at weekends, most blocked in time
    cases = list(Case.objects.filter(kind=CaseKind.STOLEN_PHONE))
    assert len(cases) >= 40
    local = [case.received_at.astimezone(PARIS) for case in cases]
    assert any(at.hour < 6 for at in local)
    assert any(at.weekday() >= 5 for at in local)
    stolen = verdicts("T6.4-a", frozen_now)
    assert stolen[Reason.STOLEN_BLOCKED_IN_TIME] > 0.9 * sum(stolen.values())
    # and each block has its line event; lines still blocked are blocked
    blocks = CaseEvent.objects.filter(kind__in=[EventKind.LINE_BLOCKED, EventKind.IMEI_BLOCKED])
    assert LineEvent.objects.filter(data__cause="stolen").count() == blocks.count()
    assert Line.objects.filter(status=LineStatus.BLOCKED, imei_blocked=True).exists()
    # and each site has a fraud-victims team, where fraud victims' cases go
    teams = Team.objects.filter(handles_fraud_victims=True)
    assert {team.site.code for team in teams} == {"paris", "metz"}
    victims = Case.objects.filter(customer__fraud_victim=True)
    assert victims.filter(team__handles_fraud_victims=True).exists()
    # and the trail verifies and the recompute agrees
    assert chains_verify_all().breaks == []
    report = clocks_recompute(now=frozen_now)
    assert report.changes == 0
    assert Case.objects.count() == demo.tally.cases
    assert Clock.objects.count() == demo.tally.clocks
