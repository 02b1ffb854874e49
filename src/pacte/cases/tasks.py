"""Background jobs of the cases domain, run by the worker (manage.py db_worker)."""

from __future__ import annotations

from dataclasses import asdict

from django_tasks import task

from pacte.cases.recompute import clocks_recompute
from pacte.core import clock


@task()
def clocks_recompute_task() -> dict[str, object]:
    """Re-derive every clock (after a calendar or scheme change); idempotent."""
    report = clocks_recompute(now=clock.now())
    return asdict(report)
