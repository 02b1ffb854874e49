"""Bill disputes (T5.2): the assessment (proven or not, with the reason) and, for a
proven dispute, the correction or credit issued; and what a case page shows of them.

No model of its own: everything is an event of the dispute's case (the issue-12
contract). The OPENED event may carry ``{"invoice", "amount"}`` (``cases.bills``);
DISPUTE_ASSESSED carries ``{"proven", "invoice", "amount"}`` with the reason as its
body; CORRECTION_ISSUED carries ``{"amount", "reference", "issued_on"}``. Amounts are
kept as text with two decimals (``"12.50"``). The dispute's latest assessment is the
one in force. Closing a dispute found proven without any correction is refused by
``cases.services.case_close`` itself (``cases.bills.dispute_close_check``), so no
close path can skip it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from pacte.business_calendar.selectors import calendar_spec
from pacte.cases.bills import amount_parse, amount_text, proven_uncorrected
from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.cases.services import _locked, _record, _require_open
from pacte.complaints.errors import DisputeError
from pacte.core import clock
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.core.vocabulary import CaseKind

DISPUTE_EVENTS = (EventKind.OPENED, EventKind.DISPUTE_ASSESSED, EventKind.CORRECTION_ISSUED)


def _check(case: Case, actor: User, action: Action) -> Case:
    if not may(actor, action):
        raise ForbiddenError(DisputeError.NOT_ALLOWED, "Your role may not do this.")
    case = _locked(case)
    if case.kind != CaseKind.BILL_DISPUTE:
        raise PacteError(DisputeError.NOT_A_DISPUTE, f"{case.reference} is not a bill dispute.")
    _require_open(case)
    return case


def _filed(case: Case) -> dict[str, str]:
    opened = case.events.filter(kind=EventKind.OPENED).values_list("data", flat=True).first()
    return {key: str(opened[key]) for key in ("invoice", "amount") if opened and key in opened}


@transaction.atomic
def dispute_assess(
    *,
    case: Case,
    actor: User,
    proven: bool,
    reason: str,
    invoice: str = "",
    amount: str | Decimal | None = None,
) -> CaseEvent:
    """Record whether the bill dispute is proven, and why (DISPUTE_ASSESSED).

    ``invoice`` and ``amount`` default to those the dispute was filed with; both are
    required then. Refused (nothing recorded): a role that may not assess (403), a case
    that is not a bill dispute or is closed, no reason, no invoice, no amount or an
    amount that is not one (0 or more, ``12,50`` accepted). Assessing again is allowed:
    the latest assessment is the one in force.
    """
    case = _check(case, actor, Action.DISPUTE_ASSESS)
    if not reason.strip():
        raise PacteError(DisputeError.REASON_REQUIRED, "The assessment needs a reason.")
    filed = _filed(case)
    reference = invoice.strip() or filed.get("invoice", "")
    if not reference:
        raise PacteError(DisputeError.INVOICE_REQUIRED, "Give the invoice number.")
    value = amount_parse(amount) if amount is not None and str(amount).strip() else None
    if value is None and "amount" in filed:
        value = amount_parse(filed["amount"])
    if value is None:
        raise PacteError(DisputeError.AMOUNT_REQUIRED, "Give the disputed amount.")
    return _record(
        case,
        kind=EventKind.DISPUTE_ASSESSED,
        actor=actor,
        body=reason.strip(),
        data={"proven": bool(proven), "invoice": reference[:64], "amount": amount_text(value)},
    )


def _latest_assessment(case: Case) -> CaseEvent | None:
    return (
        case.events.filter(kind=EventKind.DISPUTE_ASSESSED).order_by("-recorded_at", "-pk").first()
    )


@transaction.atomic
def correction_issue(
    *, case: Case, actor: User, amount: str | Decimal, reference: str, issued_on: date
) -> CaseEvent:
    """Record the correction or credit issued for a proven dispute (CORRECTION_ISSUED).

    Refused (nothing recorded): a role that may not (403), a case that is not a bill
    dispute or is closed, a dispute whose latest assessment is not "proven" (or none),
    an amount that is not more than 0, no reference, a date after today (the site's
    calendar day).
    """
    case = _check(case, actor, Action.DISPUTE_CORRECT)
    latest = _latest_assessment(case)
    if latest is None or not latest.data.get("proven"):
        raise PacteError(DisputeError.NOT_PROVEN, "The dispute is not assessed as proven.")
    value = amount_parse(amount)
    if value is None or value <= 0:
        raise PacteError(
            DisputeError.CORRECTION_AMOUNT_NOT_POSITIVE, "The amount must be more than 0."
        )
    if not reference.strip():
        raise PacteError(
            DisputeError.CORRECTION_REFERENCE_REQUIRED, "Give the correction's reference."
        )
    today = clock.now().astimezone(calendar_spec(calendar=case.site.calendar).zone).date()
    if issued_on > today:
        raise PacteError(DisputeError.CORRECTION_IN_FUTURE, f"{issued_on:%Y-%m-%d} is after today.")
    return _record(
        case,
        kind=EventKind.CORRECTION_ISSUED,
        actor=actor,
        data={
            "amount": amount_text(value),
            "reference": reference.strip()[:64],
            "issued_on": issued_on.isoformat(),
        },
    )


@dataclass(frozen=True)
class DisputeView:
    """What a case page shows of a bill dispute: the invoice and amount it was filed
    with, every assessment and correction (oldest first), the one in force, and
    whether a correction is still owed before it may close."""

    invoice: str
    amount: str
    assessments: Sequence[CaseEvent]
    corrections: Sequence[CaseEvent]

    @property
    def latest(self) -> CaseEvent | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def proven(self) -> bool | None:
        return None if self.latest is None else bool(self.latest.data.get("proven"))

    @property
    def correction_owed(self) -> bool:
        return proven_uncorrected([*self.assessments, *self.corrections])


def dispute_view(*, case: Case) -> DisputeView | None:
    """The dispute's panel data (one query); None for a case that is not a bill dispute."""
    if case.kind != CaseKind.BILL_DISPUTE:
        return None
    events = list(
        case.events.filter(kind__in=DISPUTE_EVENTS)
        .select_related("actor")
        .order_by("recorded_at", "pk")
    )
    opened: dict[str, object] = next(
        (event.data for event in events if event.kind == EventKind.OPENED), {}
    )
    return DisputeView(
        invoice=str(opened.get("invoice", "")),
        amount=str(opened.get("amount", "")),
        assessments=[event for event in events if event.kind == EventKind.DISPUTE_ASSESSED],
        corrections=[event for event in events if event.kind == EventKind.CORRECTION_ISSUED],
    )
