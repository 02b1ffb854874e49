"""The mail room: register a postal letter (agents, supervisors, administrators) and read
the register of letters by date of receipt (every staff role; quality managers and
auditors read only). Customers and distributors get a 404, as on every staff page.

The sender is found by customer number, email or name: the number field suggests
matching customers as one types (htmx fills a ``<datalist>``); without JavaScript one
types the number, and the form says when no customer has it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pacte.cases.selectors import case_visible_to
from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.customers.models import Customer
from pacte.customers.selectors import customer_suggestions
from pacte.intake.letters import letter_register
from pacte.intake.models import Letter
from pacte.intake.selectors import letter_register_rows
from pacte.workspace.common.paging import page_number, window_page
from pacte.workspace.common.permissions import action_required, request_user, require_action
from pacte.workspace.intake.forms import LetterForm, show_letter_refusal

MIN_SEARCH = 2
MAX_SUGGESTIONS = 10


@action_required(Action.WORKSPACE_USE)
@require_http_methods(["GET", "POST"])
def mailroom(request: HttpRequest) -> HttpResponse:
    """The register of letters and, for roles that write cases, the registration form."""
    user = request_user(request)
    form: LetterForm | None = None
    if request.method == "POST":
        require_action(request, Action.LETTER_RECORD)
        form = LetterForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            try:
                letter = letter_register(actor=user, **form.service_arguments())
            except PacteError as error:
                show_letter_refusal(form, error)
            else:
                messages.success(
                    request,
                    _("Letter registered: case %(reference)s.")
                    % {"reference": letter.case.reference if letter.case else ""},
                )
                return redirect(_after_registration(user, letter))
    elif may(user, Action.LETTER_RECORD):
        form = LetterForm(initial={"received_on": timezone.localdate(clock.now())}, user=user)
    page = window_page(
        letter_register_rows(user=user),
        number=page_number(request.GET.get("page")),
        size=settings.PACTE_QUEUE_PAGE_SIZE,
    )
    return render(request, "workspace/intake/mailroom.html", {"form": form, "page": page})


def _after_registration(user: User, letter: Letter) -> str:
    """The new case if the user may read it (a mail room agent often may not: the letter
    went to another team), else back to the mail room."""
    if letter.case_id is not None and case_visible_to(user=user).filter(pk=letter.case_id).exists():
        return reverse("workspace:case", args=[letter.case_id])
    return reverse("workspace:mailroom")


@action_required(Action.WORKSPACE_USE)
@require_GET
def mailroom_senders(request: HttpRequest) -> HttpResponse:
    """Up to ten identified customers whose number or email starts with, or whose name
    starts with, what was typed in a ``customer_reference`` field (form prefix or not):
    the ``<option>`` rows of the field's suggestions."""
    typed = next(
        (request.GET[name] for name in request.GET if name.endswith("customer_reference")), ""
    ).strip()
    customers: list[Customer] = []
    if len(typed) >= MIN_SEARCH:
        customers = customer_suggestions(typed=typed, limit=MAX_SUGGESTIONS)
    return render(request, "workspace/intake/senders.html", {"customers": customers})
