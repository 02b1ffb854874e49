"""Why a compliance selector or service refused a request."""

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import error_texts


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


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        ComplianceError.BAD_MONTH: gettext_lazy("The month is not valid (YYYY-MM)."),
        ComplianceError.UNKNOWN_DIMENSION: gettext_lazy("No such breakdown."),
        ComplianceError.NO_DATA: gettext_lazy("This indicator has no data yet."),
        ComplianceError.NOT_QUALITY_MANAGER: gettext_lazy(
            "Only a quality manager may close or reopen a month."
        ),
        ComplianceError.MONTH_NOT_ENDED: gettext_lazy(
            "This month has not ended yet; it cannot be closed."
        ),
        ComplianceError.MONTH_ALREADY_CLOSED: gettext_lazy("This month is already closed."),
        ComplianceError.CLOSING_NOT_CLOSED: gettext_lazy(
            "This closing is not closed; nothing to reopen."
        ),
        ComplianceError.REASON_REQUIRED: gettext_lazy("Reopening a month needs a reason."),
        ComplianceError.SEAL_FORMAT_OLD: gettext_lazy("This seal was made in an older format."),
    }
)
