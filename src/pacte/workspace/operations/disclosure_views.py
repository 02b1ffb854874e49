"""The account-data panel of a phone or chat case (T3.2-a, docs/operations-lines.md):
record the caller's identity check, then each disclosure of account data.

Plain form POSTs that redirect to the case when done (no JavaScript needed); with htmx
the panel is swapped in place, the account data appearing once the check is recorded.
A refusal (a form error, or the service's reason in the user's language) is shown on
the panel, with status 400.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pacte.business_calendar.selectors import calendar_spec
from pacte.cases.models import Case
from pacte.core.errors import PacteError
from pacte.core.permissions import Action
from pacte.operations.disclosure import disclosure_record
from pacte.operations.identity import identity_check_record
from pacte.workspace.common.permissions import (
    action_required,
    is_htmx,
    readable_case,
    request_user,
)
from pacte.workspace.operations.forms import (
    CHECK_PREFIX,
    DISCLOSE_PREFIX,
    DisclosureForm,
    IdentityCheckForm,
)
from pacte.workspace.operations.presenters import account_panel

PANEL = "workspace/operations/account_panel.html"


def _panel(
    request: HttpRequest,
    case: Case,
    *,
    status: int = 200,
    check_form: IdentityCheckForm | None = None,
    disclose_form: DisclosureForm | None = None,
) -> HttpResponse:
    spec = calendar_spec(calendar=case.site.calendar)
    with timezone.override(spec.zone):
        panel = account_panel(
            case=case,
            user=request_user(request),
            check_form=check_form,
            disclose_form=disclose_form,
        )
        if panel is None:
            raise Http404
        template = PANEL if is_htmx(request) else "workspace/operations/account_page.html"
        return render(request, template, {"case": case, "account": panel}, status=status)


def _done(request: HttpRequest, case: Case, text: str) -> HttpResponse:
    if is_htmx(request):
        return _panel(request, case)
    messages.success(request, text)
    return redirect("workspace:case", case.pk)


@action_required(Action.OPERATIONS_READ)
@require_GET
def account_panel_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The panel alone (htmx), or on its own page."""
    return _panel(request, readable_case(request, pk))


@action_required(Action.OPERATIONS_READ, post=Action.IDENTITY_CHECK)
@require_POST
def identity_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the caller's identity check; the account data is then shown."""
    case = readable_case(request, pk)
    form = IdentityCheckForm(request.POST, prefix=CHECK_PREFIX)
    if form.is_valid():
        try:
            identity_check_record(
                case=case,
                actor=request_user(request),
                method=form.cleaned_data["method"],
                questions=form.question_list(),
            )
        except PacteError as error:
            form.add_error(None, error.text)
        else:
            return _done(request, case, _("Identity check recorded."))
    return _panel(request, case, status=400, check_form=form)


@action_required(Action.OPERATIONS_READ, post=Action.IDENTITY_CHECK)
@require_POST
def disclosure(request: HttpRequest, pk: int) -> HttpResponse:
    """Record what account data was told to the caller (refused before the check)."""
    case = readable_case(request, pk)
    form = DisclosureForm(request.POST, prefix=DISCLOSE_PREFIX)
    if form.is_valid():
        try:
            disclosure_record(
                case=case,
                actor=request_user(request),
                what=form.cleaned_data["what"],
                body=form.cleaned_data["body"],
            )
        except PacteError as error:
            form.add_error(None, error.text)
        else:
            return _done(request, case, _("Disclosure recorded."))
    return _panel(request, case, status=400, disclose_form=form)
