"""What every computation of the indicator library shares: verdicts, reasons, the contract."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from django.db import models
from django.db.models import Case, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pacte.commitments.models import Indicator


class Verdict(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    EXCLUDED = "excluded", _("Excluded")


class Reason(models.TextChoices):
    """Why an item got its verdict: the code an auditor filters on, and its text."""

    ANSWERED_IN_TIME = "answered_in_time", _("Answered by the first deadline.")
    ANSWERED_BY_NEW_DEADLINE = (
        "answered_by_new_deadline",
        _("Answered by the new deadline, committed before the first one expired."),
    )
    ANSWERED = "answered", _("An answer was given.")
    ANSWERED_LATE = "answered_late", _("Answered after the deadline in force.")
    UNANSWERED_PAST_DEADLINE = (
        "unanswered_past_deadline",
        _("Still unanswered once the deadline in force had passed."),
    )
    NOT_YET_DUE = "not_yet_due", _("Not answered and not yet due: in no month yet.")
    NOTE_PRESENT = "context_note_present", _("The giving agent wrote a context note.")
    NOTE_MISSING = "context_note_missing", _("No context note (or too short) at the hand-off.")
    # Phone indicators (compliance.indicators.calls, call_waits): calls, visits, waits.
    WITHIN_SERVICE_LEVEL = (
        "within_service_level",
        _("Answered within the queue's service-level threshold."),
    )
    AFTER_SERVICE_LEVEL = (
        "after_service_level",
        _("Answered after the queue's service-level threshold."),
    )
    CALL_ABANDONED = (
        "call_abandoned",
        _("The caller hung up while waiting, after the short-abandon threshold."),
    )
    SHORT_ABANDON = (
        "short_abandon",
        _("The caller hung up before the short-abandon threshold: left out."),
    )
    LEFT_UNANSWERED = (
        "left_unanswered",
        _("Left the queue unanswered (timeout, no agent, key pressed)."),
    )
    STILL_WAITING = "still_waiting", _("Still waiting in the queue: not judged yet.")
    VISIT_LOST = "visit_lost", _("No end of the queue visit was recorded: not judged.")
    WAIT_NOT_RECORDED = "wait_not_recorded", _("The waiting time was not recorded: not judged.")
    ESTIMATE_ANNOUNCED = (
        "estimate_announced",
        _("An estimated wait was announced before the answer or the hang-up."),
    )
    ESTIMATE_NOT_ANNOUNCED = (
        "estimate_not_announced",
        _("Expected wait over two minutes and no estimate announced in time."),
    )
    ESTIMATE_WITHIN_MINUTE = (
        "estimate_within_minute",
        _("The announced wait was within 60 seconds of the real wait."),
    )
    ESTIMATE_WITHIN_QUARTER = (
        "estimate_within_quarter",
        _("The announced wait was within a quarter of the real wait."),
    )
    ESTIMATE_INACCURATE = (
        "estimate_inaccurate",
        _("The announced wait was off by more than 60 seconds and more than a quarter."),
    )
    WAIT_NOT_ENDED = (
        "wait_not_ended",
        _("The wait did not end with an answer or an abandon (yet): not judged."),
    )
    ANNOUNCED_AFTER_WAIT = (
        "announced_after_wait",
        _("Recorded after the wait had ended: not judged."),
    )
    PRICE_ANNOUNCED = "price_announced", _("The call price was announced at the start.")
    PRICE_ANNOUNCED_LATE = (
        "price_announced_late",
        _("The call price was announced only after the call was queued."),
    )
    PRICE_NOT_ANNOUNCED = "price_not_announced", _("The call price was never announced.")
    CALL_IN_PROGRESS = "call_in_progress", _("The call is still in progress: not judged yet.")
    TALK_WITHIN_TARGET = (
        "talk_within_target",
        _("Talk time within the target of the call's motive."),
    )
    TALK_OVER_TARGET = "talk_over_target", _("Talk time over the target of the call's motive.")
    NO_TALK_TARGET = "no_talk_target", _("The call's motive has no talk-time target: not judged.")
    TALK_NOT_RECORDED = "talk_not_recorded", _("The talk time was not recorded: not judged.")
    SOLVED_DURING_CALL = "solved_during_call", _("The request was solved during the call.")
    COMMITTED_BEFORE_HANG_UP = (
        "committed_before_hang_up",
        _("A deadline was committed before hang-up (not solved at first contact)."),
    )
    OUTCOME_AFTER_HANG_UP = (
        "outcome_after_hang_up",
        _("The outcome was recorded after hang-up (or at an unknown time)."),
    )
    COMMITTED_WITHOUT_DEADLINE = (
        "committed_without_deadline",
        _("Marked committed, but no deadline was recorded."),
    )
    NO_REQUEST_OUTCOME = (
        "no_request_outcome",
        _("Answered, but the request was neither solved nor given a deadline."),
    )
    ROUTED_FIRST_ATTEMPT = (
        "routed_first_attempt",
        _("The IVR routed the call to the right queue at the first attempt."),
    )
    MISROUTED = "misrouted", _("Transferred because the IVR routed the call to the wrong queue.")
    # The mediator's recommendations (compliance.indicators.mediation).
    APPLIED_IN_TIME = "applied_in_time", _("The recommendation was applied by its deadline.")
    APPLIED_LATE = "applied_late", _("The recommendation was applied after its deadline.")
    NOT_APPLIED_PAST_DEADLINE = (
        "not_applied_past_deadline",
        _("The recommendation was still not applied once its deadline had passed."),
    )
    NOT_APPLIED_YET = "not_applied_yet", _("Not applied and not yet due: in no month yet.")
    # Appeals (compliance.indicators.appeals): T6.6-b, T6.7-a.
    APPEAL_OTHER_AGENT = (
        "appeal_other_agent",
        _("Answered by an agent who did not answer the complaint."),
    )
    APPEAL_LEVEL_ONE_AGENT = (
        "appeal_level_one_agent",
        _("Answered by an agent who had answered the complaint."),
    )
    MEDIATOR_NOTICE_STATED = (
        "mediator_notice_stated",
        _("The answer states the mediator's coordinates and the conditions to refer."),
    )
    MEDIATOR_NOTICE_MISSING = (
        "mediator_notice_missing",
        _("The answer does not state the mediator notice."),
    )
    # Contract acceptance (T4.7, compliance.indicators.acceptance): who was told.
    ACCEPTANCE_BOTH_INFORMED = (
        "acceptance_both_informed",
        _("The customer and the distributor were both sent what is needed."),
    )
    ACCEPTANCE_NOTICE_IMPOSSIBLE = (
        "acceptance_notice_impossible",
        _("A notice could not be sent and the reason was written: left out."),
    )
    ACCEPTANCE_CUSTOMER_NOT_INFORMED = (
        "acceptance_customer_not_informed",
        _("Closed without telling the customer (nor why it was impossible)."),
    )
    ACCEPTANCE_DISTRIBUTOR_NOT_INFORMED = (
        "acceptance_distributor_not_informed",
        _("Closed without telling the distributor (nor why it was impossible)."),
    )
    ACCEPTANCE_NEITHER_INFORMED = (
        "acceptance_neither_informed",
        _("Closed without telling the customer or the distributor."),
    )
    # Bill disputes (compliance.indicators.disputes): proven disputes corrected (T5.2-c).
    DISPUTE_CORRECTED = (
        "dispute_corrected",
        _("Proven dispute: a correction or credit is recorded on the case."),
    )
    DISPUTE_NOT_CORRECTED = (
        "dispute_not_corrected",
        _("Proven dispute: no correction or credit recorded on the case."),
    )
    # Line restoration after payment (T4.4-a, compliance.indicators.restoration).
    RESTORED_IN_TIME = "restored_in_time", _("Restored within the technical delay.")
    RESTORED_LATE = "restored_late", _("Restored after the technical delay.")
    NOT_RESTORED_PAST_DELAY = (
        "not_restored_past_delay",
        _("Not restored once the technical delay had passed."),
    )
    # Risk and fraud measures on a line (compliance.indicators.risk): T4.2-a, T4.2-b.
    RISK_MOTIVE_WRITTEN = "risk_motive_written", _("The measure carries its written motive.")
    RISK_MOTIVE_MISSING = (
        "risk_motive_missing",
        _("No written motive was recorded with the measure."),
    )
    RISK_LIFTED_UNFOUNDED = (
        "risk_lifted_unfounded",
        _("Lifted as unfounded: a false positive, counted in the share (at most the target)."),
    )
    RISK_LIFTED_FOUNDED = (
        "risk_lifted_founded",
        _("Lifted, the measure was founded: not a false positive."),
    )
    # Disclosures of account data (compliance.indicators.disclosures): T3.2-a.
    IDENTITY_CHECKED_FIRST = (
        "identity_checked_first",
        _("The caller's identity was checked before the account data was told."),
    )
    IDENTITY_CHECKED_AFTER = (
        "identity_checked_after",
        _("The caller's identity was checked only after the account data was told."),
    )
    IDENTITY_NOT_CHECKED = (
        "identity_not_checked",
        _("Account data was told and the caller's identity was never checked."),
    )
    DISCLOSURE_WRITTEN_CONTACT = (
        "disclosure_written_contact",
        _("A written contact: no caller to check, the answer goes to the address on record."),
    )
    # Stolen or lost phones (T6.4, compliance.indicators.stolen): both blocks in time.
    STOLEN_BLOCKED_IN_TIME = (
        "stolen_blocked_in_time",
        _("Line and handset blocked within the deadline (1 h, 24/7)."),
    )
    STOLEN_BLOCKED_LATE = (
        "stolen_blocked_late",
        _("Line and handset blocked, the later of the two after the deadline."),
    )
    STOLEN_NOT_BLOCKED = (
        "stolen_not_blocked",
        _("The line or the handset was still not blocked once the deadline had passed."),
    )
    # Fraud victims (T6.2, compliance.indicators.fraud_victims): the dedicated team.
    FRAUD_OTHER_TEAM = (
        "fraud_victim_other_team",
        _("Answered by the deadline, but not by a fraud-victims team."),
    )
    # SIM replacement (compliance.indicators.sim): the clock stops when the SIM is shipped.
    SIM_SHIPPED_IN_TIME = "sim_shipped_in_time", _("The SIM was shipped by the first deadline.")
    SIM_SHIPPED_BY_NEW_DEADLINE = (
        "sim_shipped_by_new_deadline",
        _("The SIM was shipped by the new deadline, committed before the first one expired."),
    )
    SIM_SHIPPED_LATE = "sim_shipped_late", _("The SIM was shipped after the deadline in force.")
    SIM_NOT_SHIPPED_PAST_DEADLINE = (
        "sim_not_shipped_past_deadline",
        _("The SIM was still not shipped once the deadline in force had passed."),
    )
    # Suspensions for non-payment (T4.3, compliance.indicators.dunning): a contact first.
    SUSPENSION_AFTER_CONTACT = (
        "suspension_after_contact",
        _("A contact attempt giving the means to regularise was logged N days before or more."),
    )
    SUSPENSION_CONTACT_TOO_LATE = (
        "suspension_contact_too_late",
        _("The only contact attempt with the means to regularise was less than N days before."),
    )
    SUSPENSION_WITHOUT_CONTACT = (
        "suspension_without_contact",
        _("No contact attempt giving the means to regularise before the suspension."),
    )


class Dimension(StrEnum):
    """What a result can be broken down by; each computation maps it to a column path."""

    CHANNEL = "channel"
    SITE = "site"
    TEAM = "team"
    MOTIVE = "motive"


# The column each dimension reads, relative to the case.
CASE_DIMENSIONS: dict[Dimension, str] = {
    Dimension.CHANNEL: "channel",
    Dimension.SITE: "site__code",
    Dimension.TEAM: "team__code",
    Dimension.MOTIVE: "motive__code",
}


@dataclass(frozen=True, slots=True)
class Month:
    """A calendar month (local time of each site) judged as of ``now``."""

    year: int
    month: int
    now: datetime
    zones: tuple[str, ...]


VerdictQuery = Callable[[Indicator, Month], QuerySet[Any]]
MonthGap = Callable[[Month], "str | Promise | None"]


@dataclass(frozen=True, slots=True)
class Computation:
    """A named, documented computation of the indicator library.

    ``verdicts`` builds the per-item queryset, annotated ``verdict``, ``reason_code``
    and ``reason``, with ``case_id`` reachable as ``case_path``; it is None for a
    computation whose data source is not built yet, and ``no_data`` says why.
    ``case_path`` is empty for items that belong to no case (the access page's
    channels): they have no case id and no breakdown by the case's dimensions.
    ``gap``, when set, gives the reason a given month has no data (e.g. nothing was
    published yet), or None when it has.
    """

    name: str
    description: str
    verdicts: VerdictQuery | None = None
    case_path: str = "case"
    no_data: str | Promise = ""  # translated when read (gettext_lazy)
    gap: MonthGap | None = None
    # Items that are not cases' (calls, queue visits): the dimension -> the item's column
    # path, or an expression over the item, that holds it; None reads the case's
    # (CASE_DIMENSIONS). Expressions are annotated only when a breakdown asks for them.
    dimension_columns: Mapping[Dimension, str | Combinable] | None = None
    # The item's column path that names it in the drill-down (a call's id); else str().
    item_label: str = ""
    # The hash chain an item's verdict rests on, sealed with the month (docs/trail.md):
    # the chained table and the item's column path holding the chain's key (None: the
    # table is one chain). Unset: the events of the item's case.
    trail: tuple[str, str | None] | None = None
    # Which items rest on a late-recorded event (docs/trail.md): a condition on the item;
    # unset: the item's own ``late_recorded`` (a clock, a case event) for items of a case
    # chain, nothing for the others (the access page is never late-recorded).
    late: Callable[[], Q] | None = None

    @property
    def implemented(self) -> bool:
        return self.verdicts is not None

    def late_filter(self) -> Q | None:
        """The condition on an item that rests on a late-recorded event, or None."""
        if self.late is not None:
            return self.late()
        return Q(late_recorded=True) if self.has_case and self.trail is None else None

    @property
    def trail_spec(self) -> tuple[str, str | None] | None:
        """(chained table, key path) of the chain an item rests on; None: no chain."""
        if self.trail is not None:
            return self.trail
        return ("cases.caseevent", f"{self.case_path}_id") if self.has_case else None

    @property
    def has_case(self) -> bool:
        return bool(self.case_path)

    @property
    def dimensions(self) -> tuple[Dimension, ...]:
        """The dimensions a result can be broken down by (none for caseless items)."""
        if self.dimension_columns is not None:
            return tuple(self.dimension_columns)
        return tuple(Dimension) if self.has_case else ()

    def dimension_path(self, dimension: Dimension) -> str:
        if self.dimension_columns is not None:
            column = self.dimension_columns[dimension]
            return column if isinstance(column, str) else f"dimension_{dimension.value}"
        return f"{self.case_path}__{CASE_DIMENSIONS[dimension]}"

    def dimension_expression(self, dimension: Dimension) -> Combinable | None:
        """The expression to annotate as ``dimension_path`` when it is not a column."""
        column = (self.dimension_columns or {}).get(dimension)
        return None if column is None or isinstance(column, str) else column

    def month_gap(self, month: Month) -> str:
        """Why ``month`` has no data for this computation; empty when it has data."""
        reason = self.gap(month) if self.gap is not None else None
        return str(reason) if reason else ""


Branch = tuple[Q, Reason]
M = TypeVar("M", bound=models.Model)


def _case(branches: list[Branch], default: Reason, value: Callable[[Reason], str]) -> Case:
    return Case(
        *(When(condition, then=Value(value(reason))) for condition, reason in branches),
        default=Value(value(default)),
        output_field=models.CharField(),
    )


def judge(
    items: QuerySet[M],
    branches: list[Branch],
    *,
    default: Reason,
    verdicts: dict[Reason, Verdict],
) -> QuerySet[M]:
    """Annotate ``reason_code``, ``verdict`` and ``reason`` (its text, current language).

    The first branch whose condition holds gives the reason; ``verdicts`` maps a reason
    to its verdict (a reason not in it excludes the item). Each annotation is one flat
    SQL CASE over the same conditions.
    """
    judged: QuerySet[M] = items.annotate(
        reason_code=_case(branches, default, lambda reason: reason.value),
        verdict=_case(
            branches, default, lambda reason: verdicts.get(reason, Verdict.EXCLUDED).value
        ),
        reason=_case(branches, default, lambda reason: str(reason.label)),
    )
    return judged
