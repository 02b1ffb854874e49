"""Phone computations whose items are queue visits or wait announcements (T1.3, T1.5-a,
T4.6, T6.5).

Population: the ``telephony.QueueVisit`` rows that entered a queue of the measured
service in the month (by ``now``), or the ``WaitAnnouncement`` rows made in the month;
the month is read as for calls (``calls.call_zone``). Waiting times are the ACD's
(``QueueVisit.wait_seconds``: Asterisk's hold time, or the seconds to the hang-up),
never recomputed from instants, so the figures are the ones the ACD reports.
Breakdowns and ``case_path`` go through the visit's call (``calls.call_dimensions``).
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import (
    Case,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce

from pacte.commitments.models import Indicator
from pacte.compliance.indicators.base import Month, Reason, Verdict, judge
from pacte.compliance.indicators.calls import CUSTOMER_SERVICES, dated_in_month
from pacte.telephony.models import QueueVisit, Service, VisitOutcome, WaitAnnouncement

#: T1.3: a caller expected to wait longer than this must hear an estimate.
ANNOUNCE_ABOVE_SECONDS = 120
#: T1.3: an estimate is accurate within this many seconds of the real wait…
ACCURATE_WITHIN_SECONDS = 60
#: …or within this fraction of it (as a ratio of small integers: 1/4 = 25 %).
ACCURATE_WITHIN_SHARE = (1, 4)

LEFT = (VisitOutcome.TIMEOUT, VisitOutcome.EMPTY, VisitOutcome.KEY)
ONE_SECOND = Value(timedelta(seconds=1), output_field=DurationField())

SERVICE_LEVEL: dict[Reason, Verdict] = {
    Reason.WITHIN_SERVICE_LEVEL: Verdict.PASS,
    Reason.AFTER_SERVICE_LEVEL: Verdict.FAIL,
    Reason.CALL_ABANDONED: Verdict.FAIL,
    Reason.LEFT_UNANSWERED: Verdict.FAIL,
}
ANNOUNCED: dict[Reason, Verdict] = {
    Reason.ESTIMATE_ANNOUNCED: Verdict.PASS,
    Reason.ESTIMATE_NOT_ANNOUNCED: Verdict.FAIL,
}
ACCURATE: dict[Reason, Verdict] = {
    Reason.ESTIMATE_WITHIN_MINUTE: Verdict.PASS,
    Reason.ESTIMATE_WITHIN_QUARTER: Verdict.PASS,
    Reason.ESTIMATE_INACCURATE: Verdict.FAIL,
}
TALK: dict[Reason, Verdict] = {
    Reason.TALK_WITHIN_TARGET: Verdict.PASS,
    Reason.TALK_OVER_TARGET: Verdict.FAIL,
}


def visits_entered(month: Month, services: tuple[str, ...]) -> QuerySet[QueueVisit]:
    """Visits to queues of ``services`` that entered in the month (by ``now``)."""
    return QueueVisit.objects.filter(
        dated_in_month("entered_at", month), queue__service__in=services
    )


def _answered(month: Month) -> Q:
    return Q(outcome=VisitOutcome.ANSWERED, answered_at__isnull=False, answered_at__lte=month.now)


def _left(month: Month, outcomes: tuple[str, ...]) -> Q:
    ended = Q(ended_at__isnull=True) | Q(ended_at__lte=month.now)
    return Q(outcome__in=outcomes) & ended


def _short_abandon(month: Month) -> Q:
    return _left(month, (VisitOutcome.ABANDONED,)) & Q(
        wait_seconds__lt=F("queue__short_abandon_seconds")
    )


def _service_level(services: tuple[str, ...], month: Month) -> QuerySet[QueueVisit]:
    """Visits entered in the month → answered within the queue's
    ``service_level_seconds`` (waited exactly the threshold passes). Abandons before
    the queue's ``short_abandon_seconds`` (strictly) are left out; later abandons, and
    timeouts, "no agent" and key exits at any time, fail. Visits still waiting, lost
    (no end recorded) or without a recorded wait are excluded with their reason."""
    answered = _answered(month)
    abandoned = _left(month, (VisitOutcome.ABANDONED,))
    no_wait = Q(wait_seconds__isnull=True)
    branches = [
        (answered & no_wait, Reason.WAIT_NOT_RECORDED),
        (
            answered & Q(wait_seconds__lte=F("queue__service_level_seconds")),
            Reason.WITHIN_SERVICE_LEVEL,
        ),
        (answered, Reason.AFTER_SERVICE_LEVEL),
        (abandoned & no_wait, Reason.WAIT_NOT_RECORDED),
        (_short_abandon(month), Reason.SHORT_ABANDON),
        (abandoned, Reason.CALL_ABANDONED),
        (_left(month, LEFT), Reason.LEFT_UNANSWERED),
        (Q(outcome=VisitOutcome.LOST), Reason.VISIT_LOST),
    ]
    visits = visits_entered(month, services)
    judged = judge(visits, branches, default=Reason.STILL_WAITING, verdicts=SERVICE_LEVEL)
    return judged.order_by("entered_at", "pk")


def customer_service_level(indicator: Indicator, month: Month) -> QuerySet[QueueVisit]:
    """T1.3-a: customer-service queue visits (see ``_service_level``)."""
    return _service_level((Service.CUSTOMER,), month)


def distributor_service_level(indicator: Indicator, month: Month) -> QuerySet[QueueVisit]:
    """T4.6: point-of-sale hotline queue visits, judged as T1.3-a."""
    return _service_level((Service.DISTRIBUTOR,), month)


def directory_service_level(indicator: Indicator, month: Month) -> QuerySet[QueueVisit]:
    """T6.5: 222 directory queue visits, judged as T1.3-a."""
    return _service_level((Service.DIRECTORY,), month)


def estimate_announced(indicator: Indicator, month: Month) -> QuerySet[QueueVisit]:
    """T1.3-b: customer-service visits expected to wait more than
    ``ANNOUNCE_ABOVE_SECONDS`` (the ``predicted_wait_seconds`` stored at entry; when none
    was stored, e.g. a queue_log import, the wait the caller actually had) → an estimate
    was announced for that visit (or for the call in that queue, unlinked to a visit)
    no later than the answer or the hang-up, and by ``now``. Visits still waiting
    without an estimate yet, lost visits and short abandons are excluded."""
    visits = visits_entered(month, CUSTOMER_SERVICES).filter(
        Q(predicted_wait_seconds__gt=ANNOUNCE_ABOVE_SECONDS)
        | Q(predicted_wait_seconds__isnull=True, wait_seconds__gt=ANNOUNCE_ABOVE_SECONDS)
    )
    visits = visits.annotate(wait_end=Coalesce("answered_at", "ended_at", Value(month.now)))
    announcements = WaitAnnouncement.objects.filter(
        Q(visit=OuterRef("pk"))
        | Q(visit__isnull=True, call=OuterRef("call"), queue=OuterRef("queue")),
        at__lte=OuterRef("wait_end"),
    ).filter(at__lte=month.now)
    branches = [
        (Q(Exists(announcements)), Reason.ESTIMATE_ANNOUNCED),
        (Q(outcome=VisitOutcome.WAITING), Reason.STILL_WAITING),
        (Q(outcome=VisitOutcome.LOST), Reason.VISIT_LOST),
        (_short_abandon(month), Reason.SHORT_ABANDON),
    ]
    judged = judge(visits, branches, default=Reason.ESTIMATE_NOT_ANNOUNCED, verdicts=ANNOUNCED)
    return judged.order_by("entered_at", "pk")


def _seconds(expression: Combinable) -> ExpressionWrapper[Combinable]:
    """``expression`` (whole seconds) as a duration, on every backend."""
    return ExpressionWrapper(expression * ONE_SECOND, output_field=DurationField())


def _wait_end() -> Case:
    """When the wait the announcement was about ended: the answer, or the hang-up of an
    abandon, of its visit; for an announcement linked to no visit, of the call's first
    visit in the same queue that ended (so) at or after the announcement."""
    ended = (VisitOutcome.ANSWERED, VisitOutcome.ABANDONED)
    unlinked = (
        QueueVisit.objects.filter(call=OuterRef("call"), queue=OuterRef("queue"), outcome__in=ended)
        .annotate(end=Coalesce("answered_at", "ended_at"))
        .filter(end__gte=OuterRef("at"))
        .order_by("end")
        .values("end")[:1]
    )
    return Case(
        When(
            visit__outcome__in=ended,
            then=Coalesce("visit__answered_at", "visit__ended_at"),
        ),
        When(visit__isnull=True, then=unlinked),
        default=None,
    )


def estimate_accurate(indicator: Indicator, month: Month) -> QuerySet[WaitAnnouncement]:
    """T1.3-c: announcements made in the month to customer-service callers whose wait then
    ended (answer or abandon, by ``now``) → the announced seconds are within
    ``ACCURATE_WITHIN_SECONDS`` of the real wait, or within ``ACCURATE_WITHIN_SHARE`` of
    it. The announced figure is the wait *remaining* when it is spoken, so the real wait
    is measured from the announcement to the end of the wait, not from the queue entry.
    A wait that did not end by answer or abandon (yet) is excluded, as is an
    announcement recorded after the wait had ended."""
    numerator, denominator = ACCURATE_WITHIN_SHARE
    items = WaitAnnouncement.objects.filter(
        dated_in_month("at", month), queue__service__in=CUSTOMER_SERVICES
    )
    items = items.annotate(wait_end=_wait_end()).annotate(
        real_wait=ExpressionWrapper(F("wait_end") - F("at"), output_field=DurationField()),
        # |announced - real| <= share * real  <=>  (d - n) real <= d announced <= (d + n) real
        scaled_announced=_seconds(F("announced_seconds") * Value(denominator)),
        low_real=ExpressionWrapper(
            F("real_wait") * Value(denominator - numerator, output_field=IntegerField()),
            output_field=DurationField(),
        ),
        high_real=ExpressionWrapper(
            F("real_wait") * Value(denominator + numerator, output_field=IntegerField()),
            output_field=DurationField(),
        ),
        earliest=_seconds(F("announced_seconds") - Value(ACCURATE_WITHIN_SECONDS)),
        latest=_seconds(F("announced_seconds") + Value(ACCURATE_WITHIN_SECONDS)),
    )
    branches = [
        (Q(wait_end__isnull=True) | Q(wait_end__gt=month.now), Reason.WAIT_NOT_ENDED),
        (Q(wait_end__lt=F("at")), Reason.ANNOUNCED_AFTER_WAIT),
        (
            Q(real_wait__gte=F("earliest"), real_wait__lte=F("latest")),
            Reason.ESTIMATE_WITHIN_MINUTE,
        ),
        (
            Q(scaled_announced__gte=F("low_real"), scaled_announced__lte=F("high_real")),
            Reason.ESTIMATE_WITHIN_QUARTER,
        ),
    ]
    judged = judge(items, branches, default=Reason.ESTIMATE_INACCURATE, verdicts=ACCURATE)
    return judged.order_by("at", "pk")


def talk_within_target(indicator: Indicator, month: Month) -> QuerySet[QueueVisit]:
    """T1.5-a: customer-service visits answered (by ``now``) → ``talk_seconds`` at most
    the ``talk_time_target_seconds`` of the call's motive, or of the queue's motive when
    the call has none (exactly the target passes). No target for that motive, a talk
    time not recorded, or a call still being talked → excluded with the reason."""
    visits = visits_entered(month, CUSTOMER_SERVICES).filter(_answered(month))
    visits = visits.annotate(
        talk_target=Case(
            When(call__motive__isnull=False, then=F("call__motive__talk_time_target_seconds")),
            default=F("queue__motive__talk_time_target_seconds"),
        )
    )
    talking = Q(talk_seconds__isnull=True) & (Q(ended_at__isnull=True) | Q(ended_at__gt=month.now))
    branches = [
        (talking, Reason.CALL_IN_PROGRESS),
        (Q(talk_seconds__isnull=True), Reason.TALK_NOT_RECORDED),
        (Q(talk_target__isnull=True), Reason.NO_TALK_TARGET),
        (Q(talk_seconds__lte=F("talk_target")), Reason.TALK_WITHIN_TARGET),
    ]
    judged = judge(visits, branches, default=Reason.TALK_OVER_TARGET, verdicts=TALK)
    return judged.order_by("entered_at", "pk")
