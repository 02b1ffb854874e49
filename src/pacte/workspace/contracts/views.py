"""Staff pages of contract-acceptance difficulties (T4.7): raise one, and record each
notice or why it cannot be sent (from the panel on the case page, docs/contracts.md).

Plain form POSTs that redirect when done (no JavaScript needed); a refusal is shown on
the form that asked, with the case's acceptance panel beside it.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pacte.contracts.selectors import acceptance_panel
from pacte.contracts.services import (
    acceptance_notice_impossible,
    acceptance_notice_send,
    acceptance_raise,
)
from pacte.core.errors import PacteError
from pacte.core.permissions import Action
from pacte.core.vocabulary import Channel
from pacte.workspace.cases.refusals import show_refusal
from pacte.workspace.common.forms import WorkspaceForm
from pacte.workspace.common.permissions import (
    action_required,
    request_user,
    require_action,
    writable_case,
)
from pacte.workspace.contracts.forms import ImpossibleForm, NoticeForm, StaffAcceptanceForm

REFUSAL_FIELDS = {
    "acceptance_blocking_required": "blocking",
    "acceptance_needed_required": "needed",
    "acceptance_notice_empty": "body",
    "acceptance_reason_required": "reason",
}


def refuse(form: WorkspaceForm, error: PacteError) -> None:
    """The refusal on the field it is about, else on the form."""
    field = REFUSAL_FIELDS.get(str(error.code))
    if field in form.fields:
        form.add_error(field, error.text)
    else:
        show_refusal(form, error)


@action_required(Action.WORKSPACE_USE)
@require_http_methods(["GET", "POST"])
def acceptance_new(request: HttpRequest) -> HttpResponse:
    """Raise a contract-acceptance difficulty for a customer (an agent's form)."""
    require_action(request, Action.ACCEPTANCE_RAISE)
    form = StaffAcceptanceForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            case = acceptance_raise(
                customer=data["customer_reference"],
                distributor=data["distributor"],
                contract_kind=data["contract_kind"],
                blocking=data["blocking"],
                needed=data["needed"],
                actor=request_user(request),
                channel=Channel(data["channel"]),
            )
        except PacteError as error:
            refuse(form, error)
        else:
            messages.success(
                request, _("Contract-acceptance case %(ref)s opened.") % {"ref": case.reference}
            )
            return redirect("workspace:case", case.pk)
    return render(request, "workspace/contracts/acceptance_new.html", {"form": form})


NOTICE_FORMS = {"notice": NoticeForm, "impossible": ImpossibleForm}


@action_required(Action.ACCEPTANCE_NOTICE)
@require_POST
def notice_record(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """Record a notice sent to a party (``notice``) or why it cannot be (``impossible``)."""
    form_class = NOTICE_FORMS.get(what)
    if form_class is None:
        raise Http404
    case = writable_case(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        data, actor = form.cleaned_data, request_user(request)
        try:
            if what == "notice":
                acceptance_notice_send(
                    case=case,
                    party=data["party"],
                    channel=Channel(data["channel"]),
                    body=data["body"],
                    actor=actor,
                )
            else:
                acceptance_notice_impossible(
                    case=case, party=data["party"], reason=data["reason"], actor=actor
                )
        except PacteError as error:
            refuse(form, error)
        else:
            messages.success(request, _("Recorded."))
            return redirect("workspace:case", case.pk)
    context = {
        "case": case,
        "acceptance": acceptance_panel(case=case),
        "form": form,
        "what": what,
    }
    return render(request, "workspace/contracts/notice_refused.html", context, status=400)
