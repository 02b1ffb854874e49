"""Computing ahead the kept tallies: the months chosen, run twice, the task and command."""

from __future__ import annotations

import pytest
import time_machine
from django.core.management import CommandError, call_command

from pacte.compliance.models import MonthTally
from pacte.compliance.refresh import recent_settled_months, tallies_refresh
from pacte.compliance.tasks import tallies_refresh_task
from pacte.compliance.tests.conftest import answer_at, case_at
from pacte.conftest import paris

NOW = paris(2026, 4, 15, 12)


def test_recent_settled_months_skip_the_current_one():
    assert recent_settled_months(now=NOW, months=3) == [(2026, 1), (2026, 2), (2026, 3)]
    # on the 1st of a month, just after midnight in Paris, the last month is not settled
    early = paris(2026, 4, 1, 0, 30)
    assert recent_settled_months(now=early, months=2) == [(2026, 1), (2026, 2)]
    assert recent_settled_months(now=paris(2026, 1, 20), months=2) == [(2025, 11), (2025, 12)]


def test_refresh_keeps_the_tallies_and_a_second_run_changes_nothing(cast, version):
    # given answered cases in February and March
    for received, answered in (
        (paris(2026, 2, 2, 9), paris(2026, 2, 3, 10)),
        (paris(2026, 3, 2, 9), paris(2026, 3, 3, 10)),
    ):
        answer_at(case_at(received, team=cast.front), answered, actor=cast.agent)
    # when the last two settled months are refreshed, twice
    first = tallies_refresh(now=NOW, months=2)
    kept = list(MonthTally.objects.order_by("pk").values_list("pk", "numerator", "denominator"))
    second = tallies_refresh(now=NOW, months=2)
    # then every active scheme's two months were kept once, and the rerun wrote nothing
    assert ("telecom-2004", "2026-02") in first.months
    assert ("telecom-2004", "2026-03") in first.months
    assert first.months == second.months
    t31 = MonthTally.objects.filter(scheme_version=version, indicator_code="T3.1-a")
    assert sorted(t31.values_list("month", "numerator", "denominator")) == [(2, 1, 1), (3, 1, 1)]
    assert (
        list(MonthTally.objects.order_by("pk").values_list("pk", "numerator", "denominator"))
        == kept
    )


def test_the_task_and_the_command_refresh(cast, version):
    answer_at(case_at(paris(2026, 3, 2, 9), team=cast.front), paris(2026, 3, 3), actor=cast.agent)
    with time_machine.travel(NOW, tick=False):
        assert tallies_refresh_task.call(months=1) == 2  # two active schemes, one month
        MonthTally.objects.all().delete()
        call_command("refresh_tallies", "--months", "1")
    assert MonthTally.objects.filter(scheme_version=version, year=2026, month=3).exists()
    with pytest.raises(CommandError, match="between 1 and 120"):
        call_command("refresh_tallies", "--months", "0")
