"""Reads of SIM orders (T4.1): one order and its steps, a customer's orders, and the
orders not shipped by the second business day (T4.1-R1, the supervisor's list)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef

from pacte.business_calendar.arithmetic import business_days_between
from pacte.business_calendar.selectors import CalendarSpecs
from pacte.cases.errors import CaseError
from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.cases.selectors import case_visible_to
from pacte.core.errors import NotFoundError
from pacte.core.models import User
from pacte.core.vocabulary import CaseKind
from pacte.customers.models import Customer
from pacte.operations.sim import STEP_KINDS

#: T4.1-R1: an order not shipped once this many business days passed since its receipt
#: is listed for the supervisor (the commitment gives three).
LATE_AFTER_BUSINESS_DAYS = 2


@dataclass(frozen=True, slots=True)
class SimOrder:
    """A SIM order as its pages show it: the request and each step recorded."""

    case: Case
    msisdn: str
    address: str
    prepared: CaseEvent | None
    shipped: CaseEvent | None
    delivered: CaseEvent | None

    @property
    def carrier(self) -> str:
        return str(self.shipped.data.get("carrier", "")) if self.shipped else ""

    @property
    def tracking(self) -> str:
        return str(self.shipped.data.get("tracking", "")) if self.shipped else ""

    @property
    def iccid(self) -> str:
        return str(self.delivered.data.get("iccid", "")) if self.delivered else ""

    @property
    def next_step(self) -> str:
        """The step to record next: ``prepared``, ``shipped``, ``delivered`` or ``""``."""
        if self.delivered is not None or not self.case.is_open:
            return ""
        if self.shipped is not None:
            return "delivered"
        return "shipped" if self.prepared is not None else "prepared"


def sim_orders_view(cases: Iterable[Case]) -> list[SimOrder]:
    """The orders of ``cases`` (SIM orders) with their steps, in the given order (one
    query for all their events)."""
    cases = list(cases)
    events: dict[int, dict[str, CaseEvent]] = {case.pk: {} for case in cases}
    kinds = (EventKind.OPENED, *STEP_KINDS)
    rows = CaseEvent.objects.filter(case_id__in=list(events), kind__in=kinds).order_by("at", "pk")
    for event in rows:
        events[event.case_id].setdefault(event.kind, event)
    orders = []
    for case in cases:
        found = events[case.pk]
        opened = found.get(EventKind.OPENED)
        data = opened.data if opened is not None else {}
        orders.append(
            SimOrder(
                case=case,
                msisdn=str(data.get("msisdn", "")),
                address=str(data.get("address", "")),
                prepared=found.get(EventKind.SIM_PREPARED),
                shipped=found.get(EventKind.SIM_SHIPPED),
                delivered=found.get(EventKind.SIM_DELIVERED),
            )
        )
    return orders


def sim_order_view(*, case: Case) -> SimOrder | None:
    """The order of ``case`` with its steps; None for a case of another kind."""
    if case.kind != CaseKind.SIM_ORDER:
        return None
    return sim_orders_view([case])[0]


def access_sim_order(*, user: User, reference: str) -> Case:
    """The SIM order ``reference`` (``P00000042``) if ``user`` may see it; NotFoundError
    otherwise, the same for a malformed reference or a case of another kind."""
    digits = reference[1:] if reference[:1] == "P" else ""
    case = None
    if digits.isascii() and digits.isdigit() and len(digits) <= 12:
        case = (
            case_visible_to(user=user)
            .select_related("customer", "site__calendar", "team")
            .filter(pk=int(digits), kind=CaseKind.SIM_ORDER)
            .first()
        )
    if case is None or case.reference != reference:
        raise NotFoundError(CaseError.NOT_FOUND, "No such SIM order.")
    return case


def sim_orders_of_customer(*, customer: Customer) -> list[SimOrder]:
    """The customer's SIM orders, newest first, with their steps (two queries)."""
    cases = Case.objects.filter(customer=customer, kind=CaseKind.SIM_ORDER).order_by(
        "-received_at", "-pk"
    )
    return sim_orders_view(cases)


@dataclass(frozen=True, slots=True)
class LateOrder:
    order: SimOrder
    business_days: int


def sim_orders_not_shipped(*, now: datetime) -> list[LateOrder]:
    """Open SIM orders not shipped and received ``LATE_AFTER_BUSINESS_DAYS`` or more
    business days before ``now`` (in the business calendar of the case's site), oldest
    first: T4.1-R1's list. Three queries (cases, their events, each calendar's days)."""
    shipped = CaseEvent.objects.filter(case_id=OuterRef("pk"), kind=EventKind.SIM_SHIPPED)
    cases = (
        Case.objects.filter(kind=CaseKind.SIM_ORDER, is_open=True, received_at__lte=now)
        .exclude(Exists(shipped))
        .select_related("customer", "team", "site__calendar")
        .order_by("received_at", "pk")
    )
    specs = CalendarSpecs()
    late: list[tuple[Case, int]] = []
    for case in cases:
        days = business_days_between(case.received_at, now, specs.for_calendar(case.site.calendar))
        if days >= LATE_AFTER_BUSINESS_DAYS:
            late.append((case, days))
    orders = sim_orders_view(case for case, _ in late)
    return [LateOrder(order, days) for order, (_, days) in zip(orders, late, strict=True)]
