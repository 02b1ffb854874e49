"""How many of a month's verdicts rest on late-recorded events (docs/trail.md).

An event is late-recorded when an integration dated it earlier than the server recorded
it (``pacte.core.instants``); a verdict rests on one when its clock's receipt, promise
or answer, its hand-off, or its call's ACD event was late-recorded. The dashboard shows
the count per indicator; the drill-down lists them.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q

from pacte.commitments.models import Indicator, SchemeVersion
from pacte.compliance.indicators import Verdict, computation_for
from pacte.compliance.selectors import indicator_verdicts


def late_counts(
    *, scheme_version: SchemeVersion, year: int, month: int, now: datetime
) -> dict[str, int]:
    """Per indicator code, the judged items (pass or fail) of the month that rest on a
    late-recorded event; indicators that cannot have any are left out. One count query
    per indicator with a data source."""
    counts: dict[str, int] = {}
    indicators = Indicator.objects.filter(
        commitment__version=scheme_version, commitment__active=True
    ).select_related("commitment__version__scheme")
    for indicator in indicators:
        computation = computation_for(indicator.computation)
        late = computation.late_filter() if computation.implemented else None
        if late is None:
            continue
        items = indicator_verdicts(indicator=indicator, year=year, month=month, now=now)
        judged = Q(verdict__in=(Verdict.PASS, Verdict.FAIL))
        counts[indicator.code] = items.filter(late & judged).order_by().count()
    return counts
