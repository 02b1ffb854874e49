"""Computations on disclosures of account data (T3.2-a): was the caller checked first?

Population: the DATA_DISCLOSED events (``operations.disclosure``) of the scheme's sites
dated in the month (local time of the case's site) and no later than ``now``: one item
per disclosure (docs/operations-lines.md):

- a written contact (not phone, not chat): left out (excluded), there is no caller to
  check and the answer goes to the customer's address on record;
- an IDENTITY_CHECKED event on the same case dated at or before the disclosure: pass;
- a check on the case, but only after the disclosure: fail;
- no check on the case at all: fail.

Pacte refuses a disclosure on a phone or chat contact without a prior check
(``operations.disclosure.disclosure_record``): a failure means a disclosure recorded
some other way (an import, old history).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from pacte.cases.models import CaseEvent, EventKind, Site
from pacte.commitments.models import Indicator
from pacte.compliance.indicators.base import Computation, Month, Reason, Verdict, judge
from pacte.compliance.periods import in_month
from pacte.core.vocabulary import Channel

CALLER_CHANNELS = (Channel.PHONE, Channel.CHAT)

CHECKED: dict[Reason, Verdict] = {
    Reason.IDENTITY_CHECKED_FIRST: Verdict.PASS,
    Reason.IDENTITY_CHECKED_AFTER: Verdict.FAIL,
    Reason.IDENTITY_NOT_CHECKED: Verdict.FAIL,
}


def identity_verified_first(indicator: Indicator, month: Month) -> QuerySet[CaseEvent]:
    """Pass when the disclosure's case records an identity check at or before it; fail
    when the check came after or never; written contacts are left out."""
    in_the_month = in_month(
        field="at",
        zone_field="case__site__calendar__timezone",
        year=month.year,
        month=month.month,
        zones=month.zones,
    )
    disclosures = CaseEvent.objects.filter(
        in_the_month, kind=EventKind.DATA_DISCLOSED, at__lte=month.now
    )
    scheme_id = indicator.commitment.version.scheme_id
    if Site.objects.exclude(scheme_id=scheme_id).exists():
        disclosures = disclosures.filter(case__site__scheme_id=scheme_id)
    checks = CaseEvent.objects.filter(
        case_id=OuterRef("case_id"), kind=EventKind.IDENTITY_CHECKED, at__lte=month.now
    )
    annotated = disclosures.annotate(
        checked_first=Exists(checks.filter(at__lte=OuterRef("at"))),
        checked_ever=Exists(checks),
    )
    branches = [
        (~Q(case__channel__in=CALLER_CHANNELS), Reason.DISCLOSURE_WRITTEN_CONTACT),
        (Q(checked_first=True), Reason.IDENTITY_CHECKED_FIRST),
        (Q(checked_ever=True), Reason.IDENTITY_CHECKED_AFTER),
    ]
    judged = judge(annotated, branches, default=Reason.IDENTITY_NOT_CHECKED, verdicts=CHECKED)
    return judged.order_by("at", "pk")


def disclosures_computations() -> tuple[Computation, ...]:
    return (
        Computation(
            "identity_verified_before_disclosure",
            "Disclosures of account data (bills, usage, contract) dated in the month → "
            "the caller's identity was checked on the same case at or before the "
            "disclosure. A check only after, or none, fails; a written contact (no "
            "caller) is left out.",
            identity_verified_first,
        ),
    )
