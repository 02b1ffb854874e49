"""The compute_results command prints a month's table; run twice, same result."""

from __future__ import annotations

from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from pacte.compliance.tests.conftest import answer_at, case_at
from pacte.conftest import paris


def run(*args: str) -> str:
    out = StringIO()
    with time_machine.travel(paris(2026, 4, 15, 12), tick=False):
        call_command("compute_results", *args, stdout=out)
    return out.getvalue()


def test_prints_results_and_no_data_reasons(cast):
    # given one request answered in time in March
    answer_at(case_at(paris(2026, 3, 9, 9), team=cast.front), paris(2026, 3, 10), actor=cast.agent)
    # when the command runs twice
    first = run("--month", "2026-03")
    second = run("--month", "2026-03", "--scheme", "telecom-2004")
    # then it prints the version, figures and reasons, the same both times
    assert first == second
    assert first.startswith("telecom-2004 v1 — 2026-03")
    (t31,) = [line for line in first.splitlines() if line.split()[:2] == ["T3.1", "T3.1-a"]]
    assert t31.split()[2:7] == ["1", "1", "100.00", "≥", "95.00"]
    assert "no data: les évaluations qualité (écoutes" in first  # French, the default


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--month", "2026-13"), "No such month"),
        (("--month", "2026-03", "--scheme", "x"), "No scheme"),
    ],
)
def test_refuses_bad_arguments(db, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
