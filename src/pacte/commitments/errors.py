"""Why a commitments service or selector refused an operation."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import PacteError, error_texts


class CommitmentError(StrEnum):
    NO_ACTIVE_VERSION = "scheme_no_active_version"
    COMMITMENT_NOT_FOUND = "commitment_not_found"
    INVALID_SCHEME_DATA = "invalid_scheme_data"
    SCHEME_NOT_FOUND = "scheme_not_found"
    ITEM_NOT_FOUND = "scheme_item_not_found"
    NOT_EDITOR = "scheme_not_editor"
    FIELD_NOT_EDITABLE = "scheme_field_not_editable"
    INVALID_VALUE = "scheme_invalid_value"
    NOT_A_DRAFT = "scheme_version_not_draft"


class SchemeValidationError(PacteError):
    """A scheme edit refused for bad values; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        message = "; ".join(f"{field}: {' '.join(texts)}" for field, texts in errors.items())
        super().__init__(CommitmentError.INVALID_VALUE, message)
        self.errors = errors


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        CommitmentError.NO_ACTIVE_VERSION: gettext_lazy("The scheme has no active version."),
        CommitmentError.COMMITMENT_NOT_FOUND: gettext_lazy("No such commitment in the scheme."),
        CommitmentError.INVALID_SCHEME_DATA: gettext_lazy("The scheme's data is not valid."),
        CommitmentError.SCHEME_NOT_FOUND: gettext_lazy("No such scheme."),
        CommitmentError.ITEM_NOT_FOUND: gettext_lazy("No such item in this version of the scheme."),
        CommitmentError.NOT_EDITOR: gettext_lazy("Only the quality manager may change a scheme."),
        CommitmentError.FIELD_NOT_EDITABLE: gettext_lazy("Not editable here: %(fields)s."),
        CommitmentError.INVALID_VALUE: gettext_lazy("A value is not valid."),
        CommitmentError.NOT_A_DRAFT: gettext_lazy(
            "Version %(number)s is not a draft: only a draft can be activated."
        ),
    }
)
