"""Phone computations whose items are calls (T1.4, T1.5-b, T2.1, T3.1 phone).

Population: the ``telephony.Call`` rows of the month's services that started in the
month and no later than ``now``. A call is not at a site: its month is read in the one
time zone every site uses, or, when the sites span several zones, in the scheme's
legal time (``CALL_ZONE``, Europe/Paris, the zone months are closed in). Every scheme
measures every call (the operator has one set of numbers).

Items are calls, not cases: ``case_path`` is the call's case (set when a case was
opened or found for the call, empty otherwise) and the breakdowns read the call's own
dimensions (:func:`call_dimensions`): channel from the number dialled (the point-of-sale
hotline is the ``distributor_hotline`` channel, every other number ``phone``), motive
from the IVR (the call's motive, else its queue's), site and team from the call's case
when it has one (a call is answered by an agent of no recorded team otherwise).

Calls and visits can be written after the fact (a queue_log imported late): the event
API, the estimate endpoint and the importer record the months they changed
(``cases.recompute.months_changed``), so the kept tallies of a settled month are
recomputed when its calls change.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce

from pacte.commitments.models import Indicator
from pacte.compliance.indicators.base import Dimension, Month, Reason, Verdict, judge
from pacte.compliance.periods import in_month
from pacte.core.vocabulary import Channel
from pacte.telephony.models import Call, CallOutcome, QueueVisit, Service, VisitOutcome

# The scheme's legal time (as ``compliance.closing.CLOSING_ZONE``): the month of a call
# when the sites use several time zones.
CALL_ZONE = "Europe/Paris"

#: Every number charges (customer service, hotline, 222): the IVR announces the price.
PRICED_SERVICES = (Service.CUSTOMER, Service.DISTRIBUTOR, Service.DIRECTORY)
#: Numbers where callers bring requests (the 222 directory gives numbers, not answers).
REQUEST_SERVICES = (Service.CUSTOMER, Service.DISTRIBUTOR)
#: The customer-service numbers that T1.x and T2.1 measure.
CUSTOMER_SERVICES = (Service.CUSTOMER,)


PRICE: dict[Reason, Verdict] = {
    Reason.PRICE_ANNOUNCED: Verdict.PASS,
    Reason.PRICE_ANNOUNCED_LATE: Verdict.FAIL,
    Reason.PRICE_NOT_ANNOUNCED: Verdict.FAIL,
}
FIRST_CONTACT: dict[Reason, Verdict] = {
    Reason.SOLVED_DURING_CALL: Verdict.PASS,
    Reason.COMMITTED_BEFORE_HANG_UP: Verdict.FAIL,
}
SOLVED_OR_COMMITTED: dict[Reason, Verdict] = {
    Reason.SOLVED_DURING_CALL: Verdict.PASS,
    Reason.COMMITTED_BEFORE_HANG_UP: Verdict.PASS,
    Reason.OUTCOME_AFTER_HANG_UP: Verdict.FAIL,
    Reason.COMMITTED_WITHOUT_DEADLINE: Verdict.FAIL,
    Reason.NO_REQUEST_OUTCOME: Verdict.FAIL,
}
ROUTED: dict[Reason, Verdict] = {
    Reason.ROUTED_FIRST_ATTEMPT: Verdict.PASS,
    Reason.MISROUTED: Verdict.FAIL,
}


def call_zone(month: Month) -> str:
    """The time zone a call's month is read in (see the module's docstring)."""
    return month.zones[0] if len(month.zones) == 1 else CALL_ZONE


def dated_in_month(field: str, month: Month) -> Q:
    """``field`` (an instant) falls in the month, read in :func:`call_zone`, by ``now``."""
    window = in_month(
        field=field, zone_field="", year=month.year, month=month.month, zones=(call_zone(month),)
    )
    return window & Q(**{f"{field}__lte": month.now})


def call_dimensions(prefix: str = "") -> dict[Dimension, str | Combinable]:
    """What a breakdown reads of a call (``prefix`` empty) or of a row pointing to a call
    (``prefix="call__"``): the channel of the number dialled, the IVR's motive (for a
    visit or an announcement: the call's, else the queue's), the case's site and team."""
    motive: str | Combinable = f"{prefix}motive__code"
    if prefix:
        motive = Coalesce(F(f"{prefix}motive__code"), F("queue__motive__code"))
    channel = Case(
        When(
            Q(**{f"{prefix}service": Service.DISTRIBUTOR}),
            then=Value(Channel.DISTRIBUTOR_HOTLINE.value),
        ),
        default=Value(Channel.PHONE.value),
        output_field=CharField(),
    )
    return {
        Dimension.CHANNEL: channel,
        Dimension.SITE: f"{prefix}case__site__code",
        Dimension.TEAM: f"{prefix}case__team__code",
        Dimension.MOTIVE: motive,
    }


def calls_started(month: Month, services: Collection[str]) -> QuerySet[Call]:
    """The calls to ``services`` that started in the month (by ``now``)."""
    return Call.objects.filter(dated_in_month("started_at", month), service__in=services)


def _in_progress(month: Month) -> Q:
    return Q(ended_at__isnull=True) | Q(ended_at__gt=month.now)


def _with_answer(month: Month, services: Collection[str]) -> QuerySet[Call]:
    """The month's calls to ``services`` answered by an agent by ``now``."""
    answered = QueueVisit.objects.filter(
        call=OuterRef("pk"), outcome=VisitOutcome.ANSWERED, answered_at__lte=month.now
    )
    return calls_started(month, services).filter(Exists(answered))


def price_announced(indicator: Indicator, month: Month) -> QuerySet[Call]:
    """T1.4: calls to every priced number → the price was announced at the call's start,
    i.e. before it first entered a queue (a call that never queued passes once
    announced). Announced only after queueing → fail (late); never → fail, except for a
    call still in the IVR (not queued, not ended): excluded until it ends."""
    first_entry = (
        QueueVisit.objects.filter(call=OuterRef("pk")).order_by("entered_at").values("entered_at")
    )
    calls = calls_started(month, PRICED_SERVICES).annotate(first_entry=Subquery(first_entry[:1]))
    announced = Q(price_announced_at__isnull=False, price_announced_at__lte=month.now)
    branches = [
        (
            announced & (Q(first_entry__isnull=True) | Q(price_announced_at__lte=F("first_entry"))),
            Reason.PRICE_ANNOUNCED,
        ),
        (announced, Reason.PRICE_ANNOUNCED_LATE),
        (_in_progress(month) & Q(first_entry__isnull=True), Reason.CALL_IN_PROGRESS),
    ]
    judged = judge(calls, branches, default=Reason.PRICE_NOT_ANNOUNCED, verdicts=PRICE)
    return judged.order_by("started_at", "pk")


def _outcome_before_hang_up(month: Month) -> Q:
    recorded = Q(outcome_at__isnull=False, outcome_at__lte=month.now)
    return recorded & Q(ended_at__isnull=False, outcome_at__lte=F("ended_at"))


def solved_first_contact(indicator: Indicator, month: Month) -> QuerySet[Call]:
    """T1.5-b: customer-service calls whose request got an outcome (recorded by ``now``)
    → solved during the call; a committed deadline means not solved at first contact.
    Calls with no request recorded are not in the population."""
    calls = calls_started(month, CUSTOMER_SERVICES).filter(
        outcome__in=(CallOutcome.SOLVED, CallOutcome.COMMITTED), outcome_at__lte=month.now
    )
    branches = [(Q(outcome=CallOutcome.SOLVED), Reason.SOLVED_DURING_CALL)]
    judged = judge(calls, branches, default=Reason.COMMITTED_BEFORE_HANG_UP, verdicts=FIRST_CONTACT)
    return judged.order_by("started_at", "pk")


def solved_or_committed(indicator: Indicator, month: Month) -> QuerySet[Call]:
    """T3.1 (phone): calls with a request (customer service, hotline) answered by an agent
    → solved during the call, or given a committed deadline (``committed_due_at`` set)
    before hang-up (``outcome_at <= ended_at``). An outcome recorded after hang-up, a
    commitment without its deadline or no outcome at all → fail; a call still in
    progress → excluded until it ends."""
    before = _outcome_before_hang_up(month)
    branches = [
        (before & Q(outcome=CallOutcome.SOLVED), Reason.SOLVED_DURING_CALL),
        (
            before & Q(outcome=CallOutcome.COMMITTED, committed_due_at__isnull=False),
            Reason.COMMITTED_BEFORE_HANG_UP,
        ),
        (_in_progress(month), Reason.CALL_IN_PROGRESS),
        (before & Q(outcome=CallOutcome.COMMITTED), Reason.COMMITTED_WITHOUT_DEADLINE),
        (
            Q(outcome__in=(CallOutcome.SOLVED, CallOutcome.COMMITTED)),
            Reason.OUTCOME_AFTER_HANG_UP,
        ),
    ]
    calls = _with_answer(month, REQUEST_SERVICES)
    judged = judge(calls, branches, default=Reason.NO_REQUEST_OUTCOME, verdicts=SOLVED_OR_COMMITTED)
    return judged.order_by("started_at", "pk")


def routed_first_attempt(indicator: Indicator, month: Month) -> QuerySet[Call]:
    """T2.1: customer-service calls answered by an agent → not transferred because the
    IVR routed them to the wrong queue (``Call.misrouted``)."""
    calls = _with_answer(month, CUSTOMER_SERVICES)
    branches = [(Q(misrouted=True), Reason.MISROUTED)]
    judged = judge(calls, branches, default=Reason.ROUTED_FIRST_ATTEMPT, verdicts=ROUTED)
    return judged.order_by("started_at", "pk")
