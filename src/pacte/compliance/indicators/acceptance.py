"""Computations on contract-acceptance difficulties (T4.7): were both parties told?

Population: the contract-acceptance cases (kind ``acceptance``) of the scheme's sites
closed in the month: one item per case, its last CLOSED event dated in the month (local
time of the case's site) and no later than ``now``. A case is judged when it is closed,
on the notices recorded up to that closing (docs/contracts.md):

- a notice sent to the customer and one to the distributor: pass;
- otherwise, each party either told or with the written reason it could not be: left
  out (excluded), the reason visible in the drill-down;
- otherwise fail, the reason naming the party (or both) left uninformed. Pacte refuses
  such a closing (``contracts.services.acceptance_close_guard``): a failure means a
  closing recorded some other way (an import).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from pacte.cases.models import CaseEvent, EventKind, Site
from pacte.commitments.models import Indicator
from pacte.compliance.indicators.base import Computation, Month, Reason, Verdict, judge
from pacte.compliance.periods import in_month
from pacte.core.vocabulary import CaseKind

INFORMED: dict[Reason, Verdict] = {
    Reason.ACCEPTANCE_BOTH_INFORMED: Verdict.PASS,
    Reason.ACCEPTANCE_CUSTOMER_NOT_INFORMED: Verdict.FAIL,
    Reason.ACCEPTANCE_DISTRIBUTOR_NOT_INFORMED: Verdict.FAIL,
    Reason.ACCEPTANCE_NEITHER_INFORMED: Verdict.FAIL,
}


def _notice(kind: EventKind, party: str) -> Exists:
    """A notice of ``kind`` to ``party`` on the item's case, recorded by its closing."""
    notices = CaseEvent.objects.filter(
        case_id=OuterRef("case_id"), kind=kind, data__party=party, at__lte=OuterRef("at")
    ).exclude(body="")
    return Exists(notices)


def both_informed(indicator: Indicator, month: Month) -> QuerySet[CaseEvent]:
    """Pass when, at its closing, the case records a notice sent to the customer and one
    to the distributor; excluded when a missing one has its written impossibility;
    fail otherwise, naming who was not told."""
    in_the_month = in_month(
        field="at",
        zone_field="case__site__calendar__timezone",
        year=month.year,
        month=month.month,
        zones=month.zones,
    )
    closings = CaseEvent.objects.filter(
        in_the_month, kind=EventKind.CLOSED, case__kind=CaseKind.ACCEPTANCE, at__lte=month.now
    )
    later = CaseEvent.objects.filter(
        in_the_month,
        case_id=OuterRef("case_id"),
        kind=EventKind.CLOSED,
        at__lte=month.now,
    ).filter(Q(at__gt=OuterRef("at")) | Q(at=OuterRef("at"), pk__gt=OuterRef("pk")))
    closings = closings.exclude(Exists(later))
    scheme_id = indicator.commitment.version.scheme_id
    if Site.objects.exclude(scheme_id=scheme_id).exists():
        closings = closings.filter(case__site__scheme_id=scheme_id)
    told = closings.annotate(
        customer_sent=_notice(EventKind.NOTICE_SENT, "customer"),
        distributor_sent=_notice(EventKind.NOTICE_SENT, "distributor"),
        customer_impossible=_notice(EventKind.NOTICE_IMPOSSIBLE, "customer"),
        distributor_impossible=_notice(EventKind.NOTICE_IMPOSSIBLE, "distributor"),
    )
    customer = Q(customer_sent=True) | Q(customer_impossible=True)
    distributor = Q(distributor_sent=True) | Q(distributor_impossible=True)
    branches = [
        (Q(customer_sent=True, distributor_sent=True), Reason.ACCEPTANCE_BOTH_INFORMED),
        (customer & distributor, Reason.ACCEPTANCE_NOTICE_IMPOSSIBLE),
        (customer, Reason.ACCEPTANCE_DISTRIBUTOR_NOT_INFORMED),
        (distributor, Reason.ACCEPTANCE_CUSTOMER_NOT_INFORMED),
    ]
    judged = judge(told, branches, default=Reason.ACCEPTANCE_NEITHER_INFORMED, verdicts=INFORMED)
    return judged.order_by("at", "pk")


def acceptance_computations() -> tuple[Computation, ...]:
    return (
        Computation(
            "contract_acceptance_both_informed",
            "Contract-acceptance cases closed in the month (their last closing in the "
            "month) → at the closing, a notice was sent to the customer and one to the "
            "distributor. A party that could not be told, with the reason written, "
            "leaves the case out; a party told nothing fails it.",
            both_informed,
        ),
    )
