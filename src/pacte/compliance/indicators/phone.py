"""The phone computations as the registry lists them (issue 4, point 6).

Items are calls, queue visits or wait announcements, not cases: ``case_path`` reaches
the call's case (often none), ``dimension_columns`` the call's own channel, site, team
and motive (``calls.call_dimensions``), ``item_label`` its call id. Their
monthly tallies are kept like the others': whoever writes calls records the months it
changed (``cases.recompute.months_changed``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q

from pacte.compliance.indicators import call_waits, calls
from pacte.compliance.indicators.base import Computation, VerdictQuery
from pacte.telephony.models import CallEvent, QueueLogLine


def _late_events(call_path: str, callid_path: str) -> Callable[[], Q]:
    """Items whose call has a late-recorded ACD event or queue_log line."""

    def condition() -> Q:
        events = CallEvent.objects.filter(call_id=OuterRef(call_path), late_recorded=True)
        lines = QueueLogLine.objects.filter(callid=OuterRef(callid_path), late_recorded=True)
        return Q(Exists(events)) | Q(Exists(lines))

    return condition


_SERVICE_LEVEL = (
    "queue visits entered in the month → answered within the queue's service-level "
    "threshold (exactly the threshold passes); abandons before the short-abandon "
    "threshold left out; later abandons, timeouts and other exits unanswered fail; "
    "still waiting or lost visits excluded."
)


def _phone(name: str, description: str, verdicts: VerdictQuery, *, of_call: bool) -> Computation:
    return Computation(
        name,
        description,
        verdicts,
        case_path="case" if of_call else "call__case",
        dimension_columns=calls.call_dimensions("" if of_call else "call__"),
        item_label="callid" if of_call else "call__callid",
        trail=("telephony.callevent", "pk" if of_call else "call_id"),
        late=_late_events("pk" if of_call else "call_id", "callid" if of_call else "call__callid"),
    )


def call_computations() -> tuple[Computation, ...]:
    """The ten phone computations (T1.3 a/b/c, T1.4, T1.5 a/b, T2.1, T3.1 phone, T4.6,
    T6.5)."""
    return (
        _phone(
            "call_waited_within_service_level",
            "Customer-service " + _SERVICE_LEVEL,
            call_waits.customer_service_level,
            of_call=False,
        ),
        _phone(
            "distributor_call_within_service_level",
            "Point-of-sale hotline " + _SERVICE_LEVEL,
            call_waits.distributor_service_level,
            of_call=False,
        ),
        _phone(
            "directory_call_within_service_level",
            "222 directory " + _SERVICE_LEVEL,
            call_waits.directory_service_level,
            of_call=False,
        ),
        _phone(
            "wait_estimate_announced",
            "Customer-service visits expected to wait over 120 s (prediction at entry, else "
            "the real wait) → an estimate was announced before the answer or hang-up.",
            call_waits.estimate_announced,
            of_call=False,
        ),
        _phone(
            "wait_estimate_accurate",
            "Wait announcements of the month whose wait ended (answer or abandon) → the "
            "announced seconds within 60 s or 25 % of the wait from the announcement on.",
            call_waits.estimate_accurate,
            of_call=False,
        ),
        _phone(
            "talk_time_within_motive_target",
            "Answered customer-service visits → talk time at most the target of the "
            "call's motive (else the queue's); no target → excluded.",
            call_waits.talk_within_target,
            of_call=False,
        ),
        _phone(
            "call_price_announced",
            "Calls started in the month (every number charges) → price announced before "
            "the call first entered a queue.",
            calls.price_announced,
            of_call=True,
        ),
        _phone(
            "phone_request_solved_first_contact",
            "Customer-service calls whose request got an outcome → solved during the call.",
            calls.solved_first_contact,
            of_call=True,
        ),
        _phone(
            "phone_request_solved_or_committed",
            "Calls answered by an agent (customer service, hotline) → solved during the "
            "call, or a committed deadline recorded before hang-up.",
            calls.solved_or_committed,
            of_call=True,
        ),
        _phone(
            "call_routed_first_attempt",
            "Customer-service calls answered by an agent → not transferred for misrouting.",
            calls.routed_first_attempt,
            of_call=True,
        ),
    )
