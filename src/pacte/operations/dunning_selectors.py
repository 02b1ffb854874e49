"""What the dunning pages show: a line's bills, its case, contacts and suspensions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.core import clock
from pacte.customers.models import Line
from pacte.operations.dunning import dunning_case_open_of, open_bills
from pacte.operations.models import UnpaidBill
from pacte.operations.suspension import Eligibility, suspension_allowed_many

PANEL_EVENTS = (
    EventKind.DUNNING_CONTACT,
    EventKind.LINE_SUSPENDED,
    EventKind.SUSPENSION_REFUSED,
)


@dataclass(frozen=True)
class DunningPanel:
    line: Line
    bills: list[UnpaidBill]
    case: Case | None
    events: list[CaseEvent]
    eligibility: Eligibility
    now: datetime


def dunning_panel(line: Line) -> DunningPanel:
    """The line's dunning as of now: its bills, open case, events and eligibility."""
    bills = list(
        UnpaidBill.objects.filter(Q(line=line) | Q(line__isnull=True, account_id=line.account_id))
        .select_related("batch")
        .order_by("settled_at", "due_on", "pk")[:200]
    )
    case = dunning_case_open_of(line)
    events = (
        list(
            CaseEvent.objects.filter(case=case, kind__in=PANEL_EVENTS)
            .select_related("actor")
            .order_by("at", "pk")
        )
        if case is not None
        else []
    )
    now = clock.now()
    eligibility = suspension_allowed_many([line.pk], now)[line.pk]
    return DunningPanel(line, bills, case, events, eligibility, now)


def unpaid_bills_list(
    *, account: str = "", line: str = "", state: str = "", line_status: str = ""
) -> QuerySet[UnpaidBill]:
    """Unpaid bills, filtered: by account number, MSISDN, settled or not, line status."""
    bills = UnpaidBill.objects.select_related("account", "line", "case")
    if account:
        bills = bills.filter(account__number=account.strip())
    if line:
        bills = bills.filter(line__msisdn=line.strip())
    if state == "settled":
        bills = bills.filter(settled_at__isnull=False)
    elif state != "all":
        bills = bills.filter(settled_at__isnull=True)
    if line_status:
        bills = bills.filter(line__status=line_status)
    return bills.order_by("due_on", "pk")


def has_open_bills(line: Line) -> bool:
    return UnpaidBill.objects.filter(open_bills(line)).exists()
