"""Why a compliance selector refused a request."""

from enum import StrEnum


class ComplianceError(StrEnum):
    BAD_MONTH = "bad_month"
    UNKNOWN_DIMENSION = "unknown_dimension"
    NO_DATA = "indicator_has_no_data"
