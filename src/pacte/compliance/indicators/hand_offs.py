"""Event computations on hand-offs (T3.3 / N3.2): was the customer's context passed on?

Population: the ``handed_off`` events of cases of the scheme's sites, dated in the
month (local time of the case's site) and no later than ``now``. The event's text is
the giving agent's context note.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Length, Trim

from pacte.cases.models import CaseEvent, EventKind, Site
from pacte.cases.services import MIN_HAND_OFF_NOTE
from pacte.commitments.models import Indicator
from pacte.compliance.indicators.base import Month, Reason, Verdict, judge
from pacte.compliance.periods import in_month

NOTED: dict[Reason, Verdict] = {
    Reason.NOTE_PRESENT: Verdict.PASS,
    Reason.NOTE_MISSING: Verdict.FAIL,
}


def context_noted(indicator: Indicator, month: Month) -> QuerySet[CaseEvent]:
    """Pass when the hand-off carries a context note of at least MIN_HAND_OFF_NOTE
    characters (what the service demands); fail otherwise."""
    events = CaseEvent.objects.filter(
        in_month(
            field="at",
            zone_field="case__site__calendar__timezone",
            year=month.year,
            month=month.month,
            zones=month.zones,
        ),
        kind=EventKind.HANDED_OFF,
        at__lte=month.now,
    )
    scheme_id = indicator.commitment.version.scheme_id
    if Site.objects.exclude(scheme_id=scheme_id).exists():
        # Sites under other schemes: keep this scheme's. (When every site is under
        # this scheme, the join to each event's case and site would filter nothing.)
        events = events.filter(case__site__scheme_id=scheme_id)
    noted = events.annotate(note_length=Length(Trim("body")))
    branches = [(Q(note_length__gte=MIN_HAND_OFF_NOTE), Reason.NOTE_PRESENT)]
    judged = judge(noted, branches, default=Reason.NOTE_MISSING, verdicts=NOTED)
    return judged.order_by("at", "pk")
