"""Stolen or lost phones (T6.4): declare one (an agent from a case's customer panel, or
the customer on their own pages), then block the line and the handset, and unblock
after an identity check, from the panel on the stolen-phone case page.

Plain form POSTs that redirect when done; a refusal is shown on the form that asked.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from pacte.core.errors import PacteError
from pacte.core.permissions import Action
from pacte.core.vocabulary import Channel
from pacte.customers.models import Customer
from pacte.customers.selectors import customer_lines, customer_of_user
from pacte.operations.identity import identity_check_record
from pacte.operations.stolen import (
    imei_block,
    line_block,
    line_unblock,
    stolen_phone_block_both,
    stolen_phone_declare,
)
from pacte.workspace.common.forms import WorkspaceForm
from pacte.workspace.common.permissions import (
    action_required,
    request_user,
    require_action,
    writable_case,
)
from pacte.workspace.operations.stolen_forms import (
    DeclareForm,
    IdentityForm,
    StaffDeclareForm,
    UnblockForm,
)
from pacte.workspace.operations.stolen_presenters import stolen_panel


def _customer(reference: str) -> Customer | None:
    return Customer.objects.filter(reference=reference.strip(), unidentified=False).first()


@action_required(Action.WORKSPACE_USE)
@require_http_methods(["GET", "POST"])
def stolen_new(request: HttpRequest) -> HttpResponse:
    """Declare a customer's phone lost or stolen (the customer named by ``customer``)."""
    require_action(request, Action.STOLEN_DECLARE)
    source = request.POST if request.method == "POST" else request.GET
    customer = _customer(str(source.get("customer_reference") or source.get("customer") or ""))
    if customer is None:
        raise Http404
    lines = customer_lines(customer=customer)
    form = StaffDeclareForm(
        request.POST if request.method == "POST" else None,
        lines=lines,
        initial={"customer_reference": customer.reference},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            actor = request_user(request)
            case = stolen_phone_declare(
                customer=customer,
                line=data["line"],
                channel=Channel(data["channel"]),
                actor=actor,
                lost_or_stolen=data["lost_or_stolen"],
                team=actor.teams.order_by("code").first(),  # the agent who took the call
            )
        except PacteError as error:
            form.add_error(None, error.text)
        else:
            messages.success(
                request,
                _("Declaration %(ref)s recorded: block the line and the handset now.")
                % {"ref": case.reference},
            )
            return redirect("workspace:case", case.pk)
    context = {"form": form, "customer": customer, "lines": lines}
    return render(request, "workspace/operations/stolen_new.html", context)


def _act(request: HttpRequest, what: str, form: WorkspaceForm | None, pk: int) -> None:
    case = writable_case(request, pk)
    actor = request_user(request)
    if what == "line":
        line_block(case=case, actor=actor)
    elif what == "imei":
        imei_block(case=case, actor=actor)
    elif what == "both":
        stolen_phone_block_both(case=case, actor=actor)
    elif isinstance(form, IdentityForm):
        identity_check_record(
            case=case,
            actor=actor,
            method=form.cleaned_data["method"],
            questions=form.question_list(),
        )
    elif isinstance(form, UnblockForm):
        line_unblock(case=case, actor=actor, reason=form.cleaned_data["reason"])


ACTS = {"line": None, "imei": None, "both": None, "identity": IdentityForm, "unblock": UnblockForm}
DONE = {
    "line": gettext_lazy("Line blocked."),
    "imei": gettext_lazy("Handset blocked."),
    "both": gettext_lazy("Line and handset blocked."),
    "identity": gettext_lazy("Identity check recorded."),
    "unblock": gettext_lazy("Line unblocked."),
}


@action_required(Action.WORKSPACE_USE)
@require_POST
def stolen_act(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """Block the line (``line``), the handset (``imei``) or both (``both``), record the
    caller's identity check (``identity``) or unblock (``unblock``)."""
    if what not in ACTS:
        raise Http404
    require_action(request, Action.CASE_WRITE)
    if what == "unblock":
        require_action(request, Action.LINE_UNBLOCK)
    case = writable_case(request, pk)
    form_class = ACTS[what]
    form = form_class(request.POST) if form_class is not None else None
    refusal = ""
    if form is None or form.is_valid():
        try:
            _act(request, what, form, pk)
        except PacteError as error:
            refusal = str(error.text)
        else:
            messages.success(request, str(DONE[what]))
            return redirect("workspace:case", case.pk)
    context = {
        "case": case,
        "stolen": stolen_panel(case),
        "refusal": refusal,
        "what": what,
        "identity_form": form if what == "identity" else IdentityForm(auto_id="identity_%s"),
        "unblock_form": form if what == "unblock" else UnblockForm(auto_id="unblock_%s"),
    }
    return render(request, "workspace/operations/stolen_refused.html", context, status=400)


@action_required(Action.PORTAL_USE)
@require_http_methods(["GET", "POST"])
def my_stolen_new(request: HttpRequest) -> HttpResponse:
    """The customer declares one of their own phones lost or stolen (24/7)."""
    require_action(request, Action.STOLEN_DECLARE)
    user = request_user(request)
    customer = customer_of_user(user_id=user.pk)
    if customer is None:
        raise Http404
    lines = customer_lines(customer=customer)
    form = DeclareForm(request.POST if request.method == "POST" else None, lines=lines)
    if form.is_bound and form.is_valid():
        try:
            case = stolen_phone_declare(
                customer=customer,
                line=form.cleaned_data["line"],
                channel=Channel.WEB,
                actor=user,
                lost_or_stolen=form.cleaned_data["lost_or_stolen"],
            )
        except PacteError as error:
            form.add_error(None, error.text)
        else:
            messages.success(
                request,
                _("Your declaration %(ref)s is recorded: we block your line and handset.")
                % {"ref": case.reference},
            )
            return redirect("workspace:my_case", case.reference)
    return render(request, "workspace/operations/my_stolen_new.html", {"form": form})
