"""The complaint chain's actions: an agent records an appeal or sends the written
complaint form; a customer appeals their own complaint from their case page.

Plain form POSTs that redirect when done (no JavaScript needed); a refusal is shown
as a message on the page it came from and changes nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pacte.cases.selectors import customer_case_view
from pacte.complaints.appeals import appeal_file
from pacte.complaints.written_form import written_form_send
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.permissions import Action
from pacte.core.vocabulary import Channel
from pacte.workspace.common.permissions import (
    action_required,
    readable_case,
    request_user,
    require_action,
    writable_case,
)
from pacte.workspace.complaints.forms import AgentAppealForm, CustomerAppealForm


def _form_errors(request: HttpRequest, form: AgentAppealForm | CustomerAppealForm) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


@action_required(Action.WORKSPACE_USE)
@require_POST
def agent_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an appeal the customer sent by letter or email on complaint ``pk``; go to
    the new appeal, or back to the complaint with the refusal."""
    complaint = writable_case(request, pk)
    require_action(request, Action.APPEAL_FILE)
    form = AgentAppealForm(request.POST, prefix="appeal")
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("workspace:case", complaint.pk)
    try:
        appeal = appeal_file(
            complaint=complaint,
            channel=form.cleaned_data["channel"],
            body=form.cleaned_data["body"],
            actor=request_user(request),
        )
    except PacteError as error:
        messages.error(request, error.text)
        return redirect("workspace:case", complaint.pk)
    messages.success(request, _("Appeal %(reference)s filed.") % {"reference": appeal.reference})
    try:  # the appeal is on the appeals team: its page, if the agent sees that team's cases
        readable_case(request, appeal.pk)
    except Http404:
        return redirect("workspace:case", complaint.pk)
    return redirect("workspace:case", appeal.pk)


@action_required(Action.WORKSPACE_USE)
@require_POST
def written_form(request: HttpRequest, pk: int) -> HttpResponse:
    """Email the phone complaint's customer how to complain in writing."""
    case = writable_case(request, pk)
    try:
        written_form_send(case, request_user(request))
    except PacteError as error:
        messages.error(request, error.text)
    else:
        messages.success(request, _("Written complaint form sent."))
    return redirect("workspace:case", case.pk)


@action_required(Action.PORTAL_USE)
@require_POST
def my_case_appeal(request: HttpRequest, reference: str) -> HttpResponse:
    """The customer appeals their own complaint ``reference`` (web channel); back on the
    new appeal's page, which shows its deadline, or on the complaint with the refusal."""
    user = request_user(request)
    require_action(request, Action.APPEAL_FILE)
    try:
        view = customer_case_view(user=user, reference=reference)
    except NotFoundError as error:
        raise Http404 from error
    form = CustomerAppealForm(request.POST, prefix="appeal")
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("workspace:my_case", reference)
    try:
        appeal = appeal_file(
            complaint=view.case,
            channel=Channel.WEB,
            body=form.cleaned_data["body"],
            actor=user,
            customer_facing=True,
        )
    except NotFoundError as error:
        raise Http404 from error
    except PacteError as error:
        messages.error(request, error.text)
        return redirect("workspace:my_case", reference)
    messages.success(
        request, _("Your appeal %(reference)s is recorded.") % {"reference": appeal.reference}
    )
    return redirect("workspace:my_case", appeal.reference)
