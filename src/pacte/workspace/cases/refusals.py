"""A service's refusal (PacteError) shown on the form that asked, in the user's language.

The words are the code's own (``cases.errors``, ``PacteError.text``): the API says the same.
"""

from __future__ import annotations

from django import forms

from pacte.cases.errors import CaseError
from pacte.core.errors import PacteError

# code -> the form field the refusal is about (else it is on the whole form)
REFUSAL_FIELDS: dict[str, str] = {
    CaseError.NOTE_REQUIRED: "note",
    CaseError.CUSTOMER_UNIDENTIFIED: "customer_reference",
}


def refusal_message(error: PacteError) -> str:
    """The user-facing words for ``error``, in the active language."""
    return error.text


def show_refusal(form: forms.Form, error: PacteError) -> None:
    """Put ``error`` on ``form``: on the field it is about when that field exists."""
    field: str | None = REFUSAL_FIELDS.get(str(error.code))
    if field is not None and field not in form.fields:
        field = None
    form.add_error(field, refusal_message(error))
