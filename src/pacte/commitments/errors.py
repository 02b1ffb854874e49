"""Why a commitments service or selector refused an operation."""

from enum import StrEnum


class CommitmentError(StrEnum):
    NO_ACTIVE_VERSION = "scheme_no_active_version"
    COMMITMENT_NOT_FOUND = "commitment_not_found"
    INVALID_SCHEME_DATA = "invalid_scheme_data"
