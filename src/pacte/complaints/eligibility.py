"""May the customer refer to the mediator? Pure: dates in, a verdict with its reason out.

The rules (REFERENTIEL "The mediator chain", docs/mediation.md): the customer may refer
to the Médiateur des communications électroniques

- once the appeal (level 2) was answered; or
- once an appeal was filed and 1 calendar month passed without its answer; or
- once 2 calendar months passed after the written complaint without a level-1 answer
  (a later answer does not take that right back);

and always within 1 year of the written complaint. "N months" is a calendar month
(``add_calendar_months``): the period ends at the end of the local day with the same
day number N months later, or that month's last day; the right opens at the start of
the next local day. A date that cannot be computed (no written complaint: a complaint
made by phone only) is not guessed: the result says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pacte.business_calendar.arithmetic import add_calendar_months
from pacte.business_calendar.spec import CalendarSpec

APPEAL_MONTHS = 1
COMPLAINT_MONTHS = 2
LIMIT_MONTHS = 12
# The right opens when the period's last local day has ended.
TICK = timedelta(microseconds=1)


class EligibilityCode(StrEnum):
    # Eligible.
    APPEAL_ANSWERED = "appeal_answered"
    APPEAL_UNANSWERED = "appeal_unanswered_one_month"
    COMPLAINT_UNANSWERED = "complaint_unanswered_two_months"
    # Not eligible.
    NO_WRITTEN_COMPLAINT = "no_written_complaint"
    APPEAL_FIRST = "appeal_first"
    APPEAL_PENDING = "appeal_pending"
    COMPLAINT_PENDING = "complaint_pending"
    TOO_LATE = "too_late"


ELIGIBLE_CODES = frozenset(
    {
        EligibilityCode.APPEAL_ANSWERED,
        EligibilityCode.APPEAL_UNANSWERED,
        EligibilityCode.COMPLAINT_UNANSWERED,
    }
)

REASONS: dict[EligibilityCode, Promise] = {
    EligibilityCode.APPEAL_ANSWERED: _("The appeal was answered."),
    EligibilityCode.APPEAL_UNANSWERED: _("The appeal went unanswered for 1 calendar month."),
    EligibilityCode.COMPLAINT_UNANSWERED: _(
        "The written complaint went unanswered for 2 calendar months."
    ),
    EligibilityCode.NO_WRITTEN_COMPLAINT: _(
        "There is no written complaint (letter, email, web form): the mediator needs one, "
        "and the dates count from it."
    ),
    EligibilityCode.APPEAL_FIRST: _(
        "The complaint was answered: the customer must first appeal to the appeals service."
    ),
    EligibilityCode.APPEAL_PENDING: _(
        "The appeal is waiting for its answer, and 1 calendar month has not passed yet."
    ),
    EligibilityCode.COMPLAINT_PENDING: _(
        "The complaint is waiting for its answer, and 2 calendar months have not passed yet."
    ),
    EligibilityCode.TOO_LATE: _("More than 1 year has passed since the written complaint."),
}

# Why a date is not given.
NO_START_WITHOUT_COMPLAINT = _("No written complaint: the dates cannot be computed.")
NO_START_UNTIL_APPEAL = _("From the appeal's answer, or 1 calendar month after the appeal.")
NO_END_WITHOUT_COMPLAINT = _("No written complaint: the 1-year limit cannot be computed.")


@dataclass(frozen=True, slots=True)
class ChainDates:
    """The dates of the complaint chain, as recorded (aware instants).

    ``complaint_received_at``: the receipt of the written complaint, None when there is
    none (made by phone only); ``complaint_answered_at``: level 1's first answer;
    ``appeal_filed_at`` and ``appeal_answered_at``: the appeal's receipt and first answer.
    """

    complaint_received_at: datetime | None
    complaint_answered_at: datetime | None = None
    appeal_filed_at: datetime | None = None
    appeal_answered_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Eligibility:
    """The verdict at ``at``. ``eligible_from``: the first instant the right is open
    (None with ``from_unknown`` saying why); ``eligible_until``: the last instant
    (None with ``until_unknown``). ``conditional``: ``eligible_from`` holds only if the
    answer still awaited does not come first (the appeal's answer opens the right at
    once; level 1's answer in time sends the customer to the appeal instead)."""

    at: datetime
    eligible: bool
    code: EligibilityCode
    eligible_from: datetime | None
    eligible_until: datetime | None
    from_unknown: Promise | None = None
    until_unknown: Promise | None = None
    conditional: bool = False

    @property
    def reason(self) -> Promise:
        return REASONS[self.code]


def _period_end(start: datetime, months: int, spec: CalendarSpec) -> datetime:
    return add_calendar_months(start, months, spec)


def _openings(dates: ChainDates, spec: CalendarSpec) -> list[tuple[datetime, EligibilityCode]]:
    """Each way the right opens, with the instant it opens: the appeal's answer, 1 month
    after the appeal, 2 months after the complaint if level 1 had not answered by then."""
    openings: list[tuple[datetime, EligibilityCode]] = []
    if dates.appeal_answered_at is not None:
        openings.append((dates.appeal_answered_at, EligibilityCode.APPEAL_ANSWERED))
    if dates.appeal_filed_at is not None:
        end = _period_end(dates.appeal_filed_at, APPEAL_MONTHS, spec)
        if dates.appeal_answered_at is None or dates.appeal_answered_at > end:
            openings.append((end + TICK, EligibilityCode.APPEAL_UNANSWERED))
    if dates.complaint_received_at is not None:
        end = _period_end(dates.complaint_received_at, COMPLAINT_MONTHS, spec)
        if dates.complaint_answered_at is None or dates.complaint_answered_at > end:
            openings.append((end + TICK, EligibilityCode.COMPLAINT_UNANSWERED))
    return openings


def _waiting_code(dates: ChainDates) -> EligibilityCode:
    if dates.appeal_filed_at is not None:
        return EligibilityCode.APPEAL_PENDING
    if dates.complaint_answered_at is None:
        return EligibilityCode.COMPLAINT_PENDING
    return EligibilityCode.APPEAL_FIRST


def mediator_eligibility(dates: ChainDates, *, at: datetime, spec: CalendarSpec) -> Eligibility:
    """Whether a referral to the mediator at ``at`` meets the conditions, and from when
    until when it does (days counted in ``spec``'s time zone)."""
    if at.utcoffset() is None:
        raise ValueError("eligibility needs an aware datetime")
    if dates.complaint_received_at is None:
        return Eligibility(
            at=at,
            eligible=False,
            code=EligibilityCode.NO_WRITTEN_COMPLAINT,
            eligible_from=None,
            eligible_until=None,
            from_unknown=NO_START_WITHOUT_COMPLAINT,
            until_unknown=NO_END_WITHOUT_COMPLAINT,
        )
    until = _period_end(dates.complaint_received_at, LIMIT_MONTHS, spec)
    openings = sorted(_openings(dates, spec))
    opened = [(instant, code) for instant, code in openings if instant <= at]
    # Still waiting for an answer that may come first: the date is a "no later than".
    conditional = not opened and (
        dates.appeal_answered_at is None
        and (dates.appeal_filed_at is not None or dates.complaint_answered_at is None)
    )
    start = openings[0][0] if openings else None
    if at > until:
        code = EligibilityCode.TOO_LATE
    elif opened:
        code = opened[0][1]  # the way that opened the right first is the one that counts
    else:
        code = _waiting_code(dates)
    return Eligibility(
        at=at,
        eligible=code in ELIGIBLE_CODES,
        code=code,
        eligible_from=start,
        eligible_until=until,
        from_unknown=None if start is not None else NO_START_UNTIL_APPEAL,
        conditional=conditional,
    )
