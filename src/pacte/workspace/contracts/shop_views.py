"""The point-of-sale pages (issue 12, section 5): a distributor user's shop cases, the
hotline's number and hours, raising a contract-acceptance difficulty or a request for
a customer of the shop, following a case (its conversation and the notices sent) and
answering on it. A case of another shop is a 404. Plain forms, no JavaScript needed.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pacte.business_calendar.selectors import calendar_spec
from pacte.cases.models import Case
from pacte.cases.selectors import case_visible_to, customer_case_view
from pacte.contracts.selectors import acceptance_panel, hotline
from pacte.contracts.services import acceptance_raise
from pacte.contracts.shops import (
    customer_of_shop,
    shop_message,
    shop_of,
    shop_request_open,
    shops_of,
)
from pacte.core import clock
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.permissions import Action
from pacte.core.vocabulary import Channel
from pacte.workspace.cases.presenters import queue_rows
from pacte.workspace.common.permissions import action_required, request_user
from pacte.workspace.common.presenters import CalendarSpecs, localized
from pacte.workspace.contracts.forms import ShopAcceptanceForm, ShopMessageForm, ShopRequestForm
from pacte.workspace.contracts.views import refuse

SHOP = Action.DISTRIBUTOR_CASE_OPEN


def hotline_context() -> dict[str, str] | None:
    """The distributor hotline as the access page in force publishes it, in the reader's
    language; None when it is not published."""
    channel = hotline(at=clock.now())
    if channel is None:
        return None
    return {
        "label": localized(channel, "label"),
        "number": channel.address,
        "hours": localized(channel, "hours"),
        "price": localized(channel, "price"),
    }


def _render(request: HttpRequest, template: str, context: Mapping[str, object]) -> HttpResponse:
    return render(request, template, {**context, "hotline": hotline_context()})


@action_required(SHOP)
@require_GET
def shop_home(request: HttpRequest) -> HttpResponse:
    """The shop's cases, newest first, and the hotline."""
    user = request_user(request)
    cases = (
        case_visible_to(user=user)
        .select_related("site__calendar", "motive", "customer")
        .order_by("-received_at", "-pk")
    )
    page = Paginator(cases, settings.PACTE_QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = queue_rows(list(page.object_list), now=clock.now(), specs=CalendarSpecs())
    context = {"page": page, "rows": rows, "shops": shops_of(user=user)}
    return _render(request, "workspace/contracts/shop_home.html", context)


@action_required(SHOP)
@require_http_methods(["GET", "POST"])
def shop_acceptance_new(request: HttpRequest) -> HttpResponse:
    """Raise a contract-acceptance difficulty for a customer of the shop."""
    user = request_user(request)
    data = request.POST if request.method == "POST" else None
    form = ShopAcceptanceForm(data, shops=shops_of(user=user))
    if form.is_bound and form.is_valid():
        try:
            shop = shop_of(user=user, distributor=form.shop())
            case = acceptance_raise(
                customer=customer_of_shop(
                    distributor=shop, reference=form.cleaned_data["customer_reference"]
                ),
                distributor=shop,
                contract_kind=form.cleaned_data["contract_kind"],
                blocking=form.cleaned_data["blocking"],
                needed=form.cleaned_data["needed"],
                actor=user,
                channel=Channel.WEB,
            )
        except PacteError as error:
            refuse(form, error)
        else:
            return _opened(request, case)
    context = {"form": form, "acceptance": True}
    return _render(request, "workspace/contracts/shop_new.html", context)


@action_required(SHOP)
@require_http_methods(["GET", "POST"])
def shop_request_new(request: HttpRequest) -> HttpResponse:
    """A subscription or modification request for a customer of the shop."""
    user = request_user(request)
    data = request.POST if request.method == "POST" else None
    form = ShopRequestForm(data, shops=shops_of(user=user))
    if form.is_bound and form.is_valid():
        try:
            case = shop_request_open(
                actor=user,
                distributor=form.shop(),
                customer_reference=form.cleaned_data["customer_reference"],
                motive=form.cleaned_data["motive"],
                subject=form.cleaned_data["subject"],
                description=form.cleaned_data["description"],
            )
        except PacteError as error:
            refuse(form, error)
        else:
            return _opened(request, case)
    return _render(
        request, "workspace/contracts/shop_new.html", {"form": form, "acceptance": False}
    )


def _opened(request: HttpRequest, case: Case) -> HttpResponse:
    messages.success(request, _("Case %(ref)s opened.") % {"ref": case.reference})
    return redirect("workspace:shop_case", case.reference)


def _case_page(
    request: HttpRequest, reference: str, form: ShopMessageForm | None = None
) -> HttpResponse:
    try:
        view = customer_case_view(user=request_user(request), reference=reference)
    except NotFoundError as error:
        raise Http404 from error
    spec = calendar_spec(calendar=view.case.site.calendar)
    with timezone.override(spec.zone):
        context = {
            "view": view,
            "case": view.case,
            "acceptance": acceptance_panel(case=view.case),
            "form": form or ShopMessageForm(),
        }
        response = _render(request, "workspace/contracts/shop_case.html", context)
    if form is not None:
        response.status_code = 400
    return response


@action_required(SHOP)
@require_GET
def shop_case(request: HttpRequest, reference: str) -> HttpResponse:
    """One of the shop's cases: status, deadline, conversation, notices, answer form."""
    return _case_page(request, reference)


@action_required(SHOP)
@require_POST
def shop_case_message(request: HttpRequest, reference: str) -> HttpResponse:
    """Answer or add information on one of the shop's cases."""
    user = request_user(request)
    try:
        case = customer_case_view(user=user, reference=reference).case
    except NotFoundError as error:
        raise Http404 from error
    form = ShopMessageForm(request.POST)
    if form.is_valid():
        try:
            shop_message(case=case, actor=user, body=form.cleaned_data["body"])
        except PacteError as error:
            refuse(form, error)
        else:
            messages.success(request, _("Your message was added to the case."))
            return redirect("workspace:shop_case", reference)
    return _case_page(request, reference, form)
