"""SIM-order pages (T4.1, docs/operations-sim.md): an agent orders a replacement SIM for
a customer, records its steps from the panel on the order's case page; the supervisor
lists the orders not shipped by the second business day (T4.1-R1); a customer orders one
for their own line and follows its steps.

Plain form POSTs that redirect when done; a refusal is shown on the form that asked.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pacte.cases.selectors import access_customer
from pacte.core import clock
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.permissions import Action
from pacte.core.vocabulary import Channel
from pacte.customers.models import Customer, Line
from pacte.operations.errors import OperationError
from pacte.operations.sim import sim_order_deliver, sim_order_prepare, sim_order_request
from pacte.operations.sim import sim_order_ship as ship
from pacte.operations.sim_selectors import (
    LATE_AFTER_BUSINESS_DAYS,
    sim_order_view,
    sim_orders_not_shipped,
    sim_orders_of_customer,
)
from pacte.workspace.cases.refusals import show_refusal
from pacte.workspace.common.forms import WorkspaceForm
from pacte.workspace.common.permissions import (
    action_required,
    readable_case,
    request_user,
    require_action,
)
from pacte.workspace.operations.sim_forms import STEP_FORMS, SimOrderForm

REFUSAL_FIELDS = {
    OperationError.SIM_ADDRESS_REQUIRED: "address",
    OperationError.SIM_SHIPPING_REQUIRED: "carrier",
    OperationError.SIM_ICCID_INVALID: "iccid",
    OperationError.NO_LINE: "line",
    OperationError.SIM_ORDER_OPEN: "line",
    OperationError.SIM_LINE_TERMINATED: "line",
}


def _refuse(form: WorkspaceForm, error: PacteError) -> None:
    field = REFUSAL_FIELDS.get(error.code)  # type: ignore[call-overload]
    if field in form.fields:
        form.add_error(field, error.text)
    else:
        show_refusal(form, error)


def _lines(customer: Customer) -> QuerySet[Line]:
    return Line.objects.filter(account__customer=customer).order_by("msisdn")


def _customer(request: HttpRequest) -> Customer | None:
    reference = request.GET.get("customer", "").strip()
    if not reference:
        return None
    try:
        return access_customer(user=request_user(request), reference=reference)
    except NotFoundError as error:
        raise Http404 from error


@action_required(Action.WORKSPACE_USE)
@require_http_methods(["GET", "POST"])
def sim_order_new(request: HttpRequest) -> HttpResponse:
    """Order a replacement SIM for the customer ``?customer=<number>`` (an agent's form;
    without a customer, the page asks for the customer number first)."""
    require_action(request, Action.SIM_ORDER)
    customer = _customer(request)
    if customer is None:
        return render(request, "workspace/operations/sim_new.html", {"customer": None})
    data = request.POST if request.method == "POST" else None
    form = SimOrderForm(data, lines=_lines(customer))
    if form.is_bound and form.is_valid():
        try:
            case = sim_order_request(
                customer=customer,
                line=form.cleaned_data["line"],
                channel=Channel(form.cleaned_data["channel"]),
                actor=request_user(request),
                reason=form.cleaned_data["reason"],
                address=form.cleaned_data["address"],
            )
        except PacteError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("SIM order %(ref)s opened.") % {"ref": case.reference})
            return redirect("workspace:case", case.pk)
    context = {"customer": customer, "form": form}
    return render(request, "workspace/operations/sim_new.html", context)


STEPS: dict[str, Callable[..., object]] = {
    "prepared": sim_order_prepare,
    "shipped": ship,
    "delivered": sim_order_deliver,
}


@action_required(Action.SIM_FULFIL)
@require_POST
def sim_order_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Record the order's step ``prepared``, ``shipped`` or ``delivered``."""
    form_class, service = STEP_FORMS.get(step), STEPS.get(step)
    if form_class is None or service is None:
        raise Http404
    case = readable_case(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(case=case, actor=request_user(request), **form.cleaned_data)
        except PacteError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("Recorded."))
            return redirect("workspace:case", case.pk)
    context = {"case": case, "order": sim_order_view(case=case), "form": form, "step": step}
    return render(request, "workspace/operations/sim_step_refused.html", context, status=400)


@action_required(Action.CASE_READ_ALL)
@require_GET
def sim_orders_late(request: HttpRequest) -> HttpResponse:
    """T4.1-R1: the open SIM orders not shipped by the second business day, oldest first."""
    rows = sim_orders_not_shipped(now=clock.now())
    context = {"rows": rows, "after": LATE_AFTER_BUSINESS_DAYS}
    return render(request, "workspace/operations/sim_late.html", context)


def _own_customer(request: HttpRequest) -> Customer:
    require_action(request, Action.SIM_ORDER)
    customer = Customer.objects.filter(user=request_user(request)).first()
    if customer is None:
        raise Http404
    return customer


@action_required(Action.CASE_OPEN_OWN)
@require_GET
def my_sim_orders(request: HttpRequest) -> HttpResponse:
    """The customer's SIM orders and their steps (carrier and tracking once shipped)."""
    customer = _own_customer(request)
    orders = sim_orders_of_customer(customer=customer)
    return render(request, "workspace/operations/my_sim_orders.html", {"orders": orders})


@action_required(Action.CASE_OPEN_OWN)
@require_http_methods(["GET", "POST"])
def my_sim_order_new(request: HttpRequest) -> HttpResponse:
    """A customer orders a replacement SIM for one of their lines (received on the portal)."""
    customer = _own_customer(request)
    data = request.POST if request.method == "POST" else None
    form = SimOrderForm(data, lines=_lines(customer), staff=False)
    if form.is_bound and form.is_valid():
        try:
            case = sim_order_request(
                customer=customer,
                line=form.cleaned_data["line"],
                channel=Channel.WEB,
                actor=request_user(request),
                reason=form.cleaned_data["reason"],
                address=form.cleaned_data["address"],
            )
        except PacteError as error:
            _refuse(form, error)
        else:
            messages.success(
                request, _("Your SIM order %(ref)s is registered.") % {"ref": case.reference}
            )
            return redirect("workspace:my_sim_orders")
    return render(request, "workspace/operations/my_sim_new.html", {"form": form})
