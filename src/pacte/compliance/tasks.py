"""Background jobs of the compliance domain, run by the worker (manage.py db_worker)."""

from __future__ import annotations

from django_tasks import task

from pacte.compliance.refresh import tallies_refresh
from pacte.core import clock


@task()
def tallies_refresh_task(months: int = 12) -> int:
    """Keep the tallies of the last ``months`` settled months; the months looked at."""
    return len(tallies_refresh(now=clock.now(), months=months).months)
