"""The dunning bench on small sizes: the import's figures and the batch check's."""

from __future__ import annotations

import pytest

from pacte.demo.bench.dunning import bench_dunning
from pacte.operations.models import DunningCase, UnpaidBill

pytestmark = pytest.mark.django_db


def test_the_dunning_bench_imports_and_checks(frozen_now):
    rows = bench_dunning(rows=500, checks=40, now=frozen_now)
    names = [row.name for row in rows]
    assert names[0] == "unpaid-bill CSV import"
    assert "suspension rule, batch check" in names
    assert all(row.value >= 0 for row in rows)
    assert UnpaidBill.objects.count() == 500
    assert DunningCase.objects.count() == 40
    check = rows[-1]
    assert "20 allowed" in check.detail  # half the lines were contacted 10 days ago
