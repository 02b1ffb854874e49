"""Suspensions for non-payment (T4.3-a): was the customer contacted first?

Population: the LINE_SUSPENDED events of dunning cases of the scheme's sites dated in
the month (local time of the case's site) and no later than ``now``: one item per
suspension. Pass when a contact attempt giving the means to regularise (DUNNING_CONTACT
with ``means_given``) is on the case at least N days before the suspension (N: the
indicator's scheme version's ``OperationRules.suspension_notice_days``, 8 without a
row). Fail otherwise, saying whether a contact was too recent or missing. Pacte refuses
such a suspension (``operations.suspension``): a failure means a suspension recorded
some other way (an import of older data).
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import DateTimeField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet

from pacte.cases.models import CaseEvent, EventKind, Site
from pacte.commitments.models import Indicator
from pacte.compliance.indicators.base import Computation, Month, Reason, Verdict, judge
from pacte.compliance.periods import in_month
from pacte.core.vocabulary import CaseKind
from pacte.operations.suspension import contacts_with_means, notice_days

CONTACTED: dict[Reason, Verdict] = {
    Reason.SUSPENSION_AFTER_CONTACT: Verdict.PASS,
    Reason.SUSPENSION_CONTACT_TOO_LATE: Verdict.FAIL,
    Reason.SUSPENSION_WITHOUT_CONTACT: Verdict.FAIL,
}


def preceded_by_contact(indicator: Indicator, month: Month) -> QuerySet[CaseEvent]:
    """Pass when a contact with the means to regularise is N days or more before the
    suspension; fail otherwise, naming a contact too recent or none."""
    in_the_month = in_month(
        field="at",
        zone_field="case__site__calendar__timezone",
        year=month.year,
        month=month.month,
        zones=month.zones,
    )
    suspensions = CaseEvent.objects.filter(
        in_the_month,
        kind=EventKind.LINE_SUSPENDED,
        case__kind=CaseKind.DUNNING,
        at__lte=month.now,
    )
    scheme_id = indicator.commitment.version.scheme_id
    if Site.objects.exclude(scheme_id=scheme_id).exists():
        suspensions = suspensions.filter(case__site__scheme_id=scheme_id)
    days = notice_days(indicator.commitment.version)
    contacts = contacts_with_means().filter(case_id=OuterRef("case_id"), at__lte=OuterRef("at"))
    judged = suspensions.annotate(
        latest_contact=ExpressionWrapper(
            F("at") - timedelta(days=days), output_field=DateTimeField()
        )
    ).annotate(
        contacted_in_time=Exists(contacts.filter(at__lte=OuterRef("latest_contact"))),
        contacted=Exists(contacts),
    )
    branches = [
        (Q(contacted_in_time=True), Reason.SUSPENSION_AFTER_CONTACT),
        (Q(contacted=True), Reason.SUSPENSION_CONTACT_TOO_LATE),
    ]
    verdicts = judge(
        judged, branches, default=Reason.SUSPENSION_WITHOUT_CONTACT, verdicts=CONTACTED
    )
    return verdicts.order_by("at", "pk")


def dunning_computations() -> tuple[Computation, ...]:
    return (
        Computation(
            "suspension_preceded_by_contact",
            "Line suspensions for non-payment dated in the month → a contact attempt "
            "giving the means to regularise was logged on the dunning case at least N "
            "days before (N of the scheme version, default 8). Pacte refuses any other "
            "suspension; a failure comes from imported history.",
            preceded_by_contact,
        ),
    )
