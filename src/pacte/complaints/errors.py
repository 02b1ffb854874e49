"""Why a complaints service (bill disputes, the complaint chain) refused something."""

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import error_texts


class ComplaintError(StrEnum):
    NOT_A_DISPUTE = "not_a_bill_dispute"
    REASON_REQUIRED = "dispute_reason_required"
    INVOICE_REQUIRED = "dispute_invoice_required"
    AMOUNT_REQUIRED = "dispute_amount_required"
    NOT_PROVEN = "dispute_not_proven"
    CORRECTION_AMOUNT_NOT_POSITIVE = "correction_amount_not_positive"
    CORRECTION_REFERENCE_REQUIRED = "correction_reference_required"
    CORRECTION_IN_FUTURE = "correction_in_future"
    NOT_ALLOWED = "dispute_not_allowed"


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        ComplaintError.NOT_A_DISPUTE: gettext_lazy("This case is not a bill dispute."),
        ComplaintError.REASON_REQUIRED: gettext_lazy(
            "Say why the dispute is proven or not: the reason is required."
        ),
        ComplaintError.INVOICE_REQUIRED: gettext_lazy("Give the invoice number."),
        ComplaintError.AMOUNT_REQUIRED: gettext_lazy("Give the disputed amount."),
        ComplaintError.NOT_PROVEN: gettext_lazy(
            "A correction or credit is recorded only for a dispute assessed as proven."
        ),
        ComplaintError.CORRECTION_AMOUNT_NOT_POSITIVE: gettext_lazy(
            "The amount corrected or credited must be more than 0."
        ),
        ComplaintError.CORRECTION_REFERENCE_REQUIRED: gettext_lazy(
            "Give the reference of the correction or credit."
        ),
        ComplaintError.CORRECTION_IN_FUTURE: gettext_lazy(
            "The correction or credit cannot be dated in the future."
        ),
        ComplaintError.NOT_ALLOWED: gettext_lazy("Your role may not do this to a bill dispute."),
    }
)
