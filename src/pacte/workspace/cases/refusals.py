"""A service's refusal (PacteError) shown on the form that asked, in the user's language."""

from __future__ import annotations

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pacte.cases.errors import CaseError
from pacte.cases.services import MIN_HAND_OFF_NOTE
from pacte.core.errors import PacteError

# code -> (form field the refusal is about, or None for the whole form; message)
REFUSALS: dict[str, tuple[str | None, Promise]] = {
    CaseError.NOTE_REQUIRED: (
        "note",
        _("A hand-off needs a context note for the next agent (at least %(count)d characters)."),
    ),
    CaseError.HAND_OFF_TARGET_REQUIRED: (None, _("Choose a team or an agent.")),
    CaseError.HAND_OFF_SAME_TARGET: (None, _("The case is already there.")),
    CaseError.ASSIGNEE_NOT_IN_TEAM: (None, _("This agent is not a member of that team.")),
    CaseError.CLOSED: (None, _("The case is closed.")),
    CaseError.NOT_CLOSED: (None, _("The case is not closed.")),
    CaseError.DEADLINE_NOT_LATER: (
        None,
        _("The new deadline must be later than the one in force."),
    ),
    CaseError.EMPTY_ANSWER: (None, _("A text is needed.")),
    CaseError.CUSTOMER_ALREADY_IDENTIFIED: (
        None,
        _("The case already belongs to an identified customer."),
    ),
    CaseError.CUSTOMER_UNIDENTIFIED: (
        "customer_reference",
        _("This number is another unknown sender's, not a customer's."),
    ),
}


def refusal_message(error: PacteError) -> str:
    """The user-facing words for ``error``: ours if we know its code, else the service's."""
    known = REFUSALS.get(str(error.code))
    if known is None:
        return error.message
    return str(known[1]) % {"count": MIN_HAND_OFF_NOTE}


def show_refusal(form: forms.Form, error: PacteError) -> None:
    """Put ``error`` on ``form``: on the field it is about when that field exists."""
    field, _message = REFUSALS.get(str(error.code), (None, ""))
    if field is not None and field not in form.fields:
        field = None
    form.add_error(field, refusal_message(error))
