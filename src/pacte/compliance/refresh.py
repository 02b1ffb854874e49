"""Compute ahead the kept tallies of recent settled months, so no reader waits for them.

``month_results`` keeps a settled month's tallies the first time someone reads it; a
dashboard's first view after a month ends, or after late answers, pays for up to
twelve months of clocks. Run ``tallies_refresh`` (``manage.py refresh_tallies``, or
the ``tallies_refresh_task`` worker task) at night and after bulk changes: months whose
tallies are kept and unchanged cost two small queries each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pacte.commitments.models import SchemeVersion, VersionStatus
from pacte.compliance.selectors import month_results
from pacte.compliance.tallies import month_settled


@dataclass
class RefreshReport:
    """What a refresh looked at: (scheme code, YYYY-MM) pairs, in order."""

    months: list[tuple[str, str]] = field(default_factory=list)


def recent_settled_months(*, now: datetime, months: int) -> list[tuple[int, int]]:
    """The ``months`` latest settled months before ``now``, oldest first."""
    year, month = now.year, now.month
    found: list[tuple[int, int]] = []
    while len(found) < months:
        if month_settled(year=year, month=month, now=now):
            found.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return sorted(found)


def tallies_refresh(*, now: datetime, months: int = 12) -> RefreshReport:
    """Read (and so keep) the last ``months`` settled months of every active version."""
    report = RefreshReport()
    versions = SchemeVersion.objects.filter(status=VersionStatus.ACTIVE).select_related("scheme")
    for version in versions.order_by("scheme__code"):
        for year, month in recent_settled_months(now=now, months=months):
            month_results(scheme_version=version, year=year, month=month, now=now)
            report.months.append((version.scheme.code, f"{year:04d}-{month:02d}"))
    return report
