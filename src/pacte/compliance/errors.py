"""Why a compliance selector or service refused a request."""

from enum import StrEnum


class ComplianceError(StrEnum):
    BAD_MONTH = "bad_month"
    UNKNOWN_DIMENSION = "unknown_dimension"
    NO_DATA = "indicator_has_no_data"
    NOT_QUALITY_MANAGER = "not_quality_manager"
    MONTH_NOT_ENDED = "month_not_ended"
    MONTH_ALREADY_CLOSED = "month_already_closed"
    CLOSING_NOT_CLOSED = "closing_not_closed"
    REASON_REQUIRED = "reason_required"
    SEAL_FORMAT_OLD = "seal_format_old"
