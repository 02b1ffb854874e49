"""Background jobs of the compliance domain, run by the worker (manage.py db_worker)."""

from __future__ import annotations

from django_tasks import task

from pacte.compliance.refresh import tallies_refresh
from pacte.compliance.verification import seals_verify
from pacte.core import clock


@task()
def tallies_refresh_task(months: int = 12) -> int:
    """Keep the tallies of the last ``months`` settled months; the months looked at."""
    return len(tallies_refresh(now=clock.now(), months=months).months)


@task()
def seal_verify_task(*, closing_id: int | None = None, scheme_code: str | None = None) -> int:
    """Check one closing in full (or every closing, of one scheme or all) and record the
    outcome, which the public page and the API read before showing its figures; the
    broken ones' count."""
    checks = seals_verify(closing_id=closing_id, scheme_code=scheme_code, record=True)
    return sum(1 for check in checks if not check.ok)
