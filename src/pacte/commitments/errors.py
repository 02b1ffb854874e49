"""Why a commitments service or selector refused an operation."""

from __future__ import annotations

from enum import StrEnum

from pacte.core.errors import PacteError


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
