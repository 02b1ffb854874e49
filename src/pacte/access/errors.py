"""The access page's error codes."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import error_texts


class AccessError(StrEnum):
    NOT_ADMINISTRATOR = "access_not_administrator"
    NOT_FOUND = "access_entry_not_found"
    INVALID = "access_invalid"
    NOTHING_PUBLISHED = "access_nothing_published"


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        AccessError.NOT_ADMINISTRATOR: gettext_lazy(
            "Only an administrator may change the access page."
        ),
        AccessError.NOT_FOUND: gettext_lazy("No such entry of the access page."),
        AccessError.INVALID: gettext_lazy("%(field)s: %(detail)s"),
        AccessError.NOTHING_PUBLISHED: gettext_lazy("Nothing is published yet."),
    }
)
