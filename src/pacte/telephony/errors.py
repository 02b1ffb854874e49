"""Telephony's error codes."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import error_texts


class TelephonyError(StrEnum):
    NOT_FOUND = "not_found"


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        TelephonyError.NOT_FOUND: gettext_lazy("No such page."),
    }
)
