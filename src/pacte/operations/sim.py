"""SIM replacement (T4.1): ordered, prepared, shipped, delivered (docs/operations-sim.md).

An order is a case of kind ``sim_order`` opened by ``sim_order_request`` on any channel,
the customer's portal included (a customer orders for their own line only). Its OPENED
event carries ``line`` (the line's id), ``msisdn`` and ``address`` (where the SIM goes).
Then, each recorded at the server's clock under the case's lock:

- SIM_PREPARED (optional), before the shipment;
- SIM_SHIPPED with ``carrier`` and ``tracking`` (both required): it stops the 3
  business-day clock of T4.1 (``operations.clock_stops``);
- SIM_DELIVERED, only after the shipment, with the new SIM's serial (``iccid``, when
  given) written to the line (``line_iccid_set``) and the one it replaces.

Each step is recorded once; a refusal (``OperationError``) writes nothing.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pacte.cases.models import Case, CaseEvent, EventKind, Motive, Team
from pacte.cases.services import _locked, _record, _refresh_clocks, _require_open, case_open
from pacte.core.errors import ForbiddenError, NotFoundError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer, Line, LineStatus
from pacte.intake.routing import route_for
from pacte.operations.errors import OperationError
from pacte.operations.lines import line_locked
from pacte.operations.motives import operation_motive

SIM_MOTIVE = "sim-replacement"
ICCID = re.compile(r"^\d{18,22}$")
STEP_KINDS = (EventKind.SIM_PREPARED, EventKind.SIM_SHIPPED, EventKind.SIM_DELIVERED)


def _refuse_unless(actor: User | None, action: Action) -> None:
    if not may(actor, action):
        raise ForbiddenError(OperationError.NOT_ALLOWED, "Your role may not do this.")


def sim_motive() -> Motive:
    """The motive of these cases (``operations.motives``: made if missing)."""
    return operation_motive(SIM_MOTIVE)


def _team(actor: User | None, channel: Channel) -> Team:
    """The actor's first team (an agent orders for the customer in front of them), else
    the channel's route (the portal, an integration)."""
    if actor is not None and actor.role != Role.CUSTOMER:
        team = Team.objects.filter(members=actor).select_related("site").order_by("code").first()
        if team is not None:
            return team
    return route_for(channel).team


def _open_order(line: Line) -> Case | None:
    return (
        Case.objects.filter(kind=CaseKind.SIM_ORDER, is_open=True)
        .filter(events__kind=EventKind.OPENED, events__data__line=line.pk)
        .exclude(events__kind=EventKind.SIM_DELIVERED)
        .order_by("pk")
        .first()
    )


def _check_request(customer: Customer, line: Line, actor: User | None) -> None:
    _refuse_unless(actor, Action.SIM_ORDER)
    if actor is not None and actor.role == Role.CUSTOMER and customer.user_id != actor.pk:
        raise NotFoundError(OperationError.NO_LINE, "No such line.")
    if line.account.customer_id != customer.pk:
        raise PacteError(OperationError.NO_LINE, f"Line {line.msisdn} is not {customer}'s.")
    if line.status == LineStatus.TERMINATED:
        raise PacteError(
            OperationError.SIM_LINE_TERMINATED,
            f"Line {line.msisdn} is terminated.",
            msisdn=line.msisdn,
        )
    pending = _open_order(line)
    if pending is not None:
        raise PacteError(
            OperationError.SIM_ORDER_OPEN,
            f"Line {line.msisdn}: order {pending.reference} is still open.",
            msisdn=line.msisdn,
            reference=pending.reference,
        )


@transaction.atomic
def sim_order_request(
    *,
    customer: Customer,
    line: Line,
    channel: Channel,
    actor: User | None,
    reason: str = "",
    address: str = "",
) -> Case:
    """Open a SIM order for ``customer``'s ``line`` (a case of kind ``sim_order``, motive
    ``sim-replacement``), to be sent to ``address`` (else the customer's postal
    address). A customer orders for their own line only, received on the portal (web)
    whatever ``channel`` says. Refused (nothing written) when the role may not order,
    the line is not the customer's or is terminated, an order for it is still open, or
    there is no address. The T4.1 clock starts at the receipt."""
    line = line_locked(line)
    _check_request(customer, line, actor)
    where = (address.strip() or customer.postal_address.strip())[:500]
    if not where:
        raise PacteError(OperationError.SIM_ADDRESS_REQUIRED, "No address to send the SIM to.")
    if actor is not None and actor.role == Role.CUSTOMER:
        channel = Channel.WEB
    return case_open(
        customer=customer,
        channel=channel,
        kind=CaseKind.SIM_ORDER,
        motive=sim_motive(),
        subject=_("Replacement SIM for line %(msisdn)s") % {"msisdn": line.msisdn},
        team=_team(actor, channel),
        description=reason.strip(),
        actor=actor,
        data={"line": line.pk, "msisdn": line.msisdn, "address": where},
    )


def _steps(case: Case) -> dict[str, CaseEvent]:
    events = CaseEvent.objects.filter(case=case, kind__in=STEP_KINDS).order_by("at", "pk")
    found: dict[str, CaseEvent] = {}
    for event in events:
        found.setdefault(event.kind, event)
    return found


def _order_for_step(case: Case, actor: User | None, step: EventKind) -> dict[str, CaseEvent]:
    """Lock the order, check the step may be recorded now; the steps already there."""
    _refuse_unless(actor, Action.SIM_FULFIL)
    if case.kind != CaseKind.SIM_ORDER:
        raise PacteError(OperationError.SIM_NOT_ORDER, f"Case {case.reference} is not one.")
    _require_open(case)
    steps = _steps(case)
    later = STEP_KINDS[STEP_KINDS.index(step) :]
    done = next((kind for kind in later if kind in steps), None)
    if done is not None:
        raise PacteError(
            OperationError.SIM_STEP_DONE,
            f"Case {case.reference}: {done} is already recorded.",
            step=EventKind(done).label,
        )
    return steps


def _step(case: Case, *, kind: EventKind, actor: User | None, data: dict[str, Any]) -> CaseEvent:
    event = _record(case, kind=kind, actor=actor, data=data)
    _refresh_clocks(case)
    return event


@transaction.atomic
def sim_order_prepare(*, case: Case, actor: User | None) -> CaseEvent:
    """Record the SIM prepared (optional; refused once prepared, shipped or delivered)."""
    case = _locked(case)
    _order_for_step(case, actor, EventKind.SIM_PREPARED)
    return _step(case, kind=EventKind.SIM_PREPARED, actor=actor, data={})


@transaction.atomic
def sim_order_ship(*, case: Case, actor: User | None, carrier: str, tracking: str) -> CaseEvent:
    """Record the SIM shipped by ``carrier`` with its ``tracking`` reference (both
    required): this stops the T4.1 clock. Refused once shipped or delivered."""
    case = _locked(case)
    _order_for_step(case, actor, EventKind.SIM_SHIPPED)
    carrier, tracking = carrier.strip()[:80], tracking.strip()[:80]
    if not carrier or not tracking:
        raise PacteError(
            OperationError.SIM_SHIPPING_REQUIRED, "A shipment needs a carrier and a tracking."
        )
    return _step(
        case,
        kind=EventKind.SIM_SHIPPED,
        actor=actor,
        data={"carrier": carrier, "tracking": tracking},
    )


def line_iccid_set(*, line: Line, iccid: str) -> str:
    """Write the serial of the SIM now in ``line`` (under the line's row lock); the
    serial it replaces. Only a delivered SIM order calls this (its event keeps both)."""
    line = line_locked(line)
    previous = line.iccid
    Line.objects.filter(pk=line.pk).update(iccid=iccid)
    return previous


@transaction.atomic
def sim_order_deliver(*, case: Case, actor: User | None, iccid: str = "") -> CaseEvent:
    """Record the SIM delivered (only after it was shipped, once). With ``iccid`` (18 to
    22 digits) the line's SIM serial becomes the new one; the event keeps the old."""
    case = _locked(case)
    steps = _order_for_step(case, actor, EventKind.SIM_DELIVERED)
    if EventKind.SIM_SHIPPED not in steps:
        raise PacteError(OperationError.SIM_NOT_SHIPPED, f"Case {case.reference}: not shipped.")
    serial = iccid.strip().replace(" ", "")
    if serial and not ICCID.match(serial):
        raise PacteError(OperationError.SIM_ICCID_INVALID, f"Bad ICCID {iccid!r}.")
    data: dict[str, Any] = {}
    if serial:
        line = _order_line(case)
        data = {"iccid": serial, "previous_iccid": line_iccid_set(line=line, iccid=serial)}
    return _step(case, kind=EventKind.SIM_DELIVERED, actor=actor, data=data)


def _order_line(case: Case) -> Line:
    opened = CaseEvent.objects.get(case=case, kind=EventKind.OPENED)
    return Line.objects.get(pk=opened.data["line"])
