"""Why a complaint-chain service refused an operation."""

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import PacteError, error_texts


class ChainConflictError(PacteError):
    """Not in this state: the request may succeed later (HTTP 409)."""

    status_code = 409


# Level 3: the mediator (complaints.mediation).
class MediationError(StrEnum):
    NOT_REFERABLE = "mediation_not_referable"
    ALREADY_REFERRED = "mediation_already_referred"
    NOT_A_MEDIATION = "mediation_case_expected"
    EMPTY_TEXT = "mediation_text_required"
    ALREADY_RECOMMENDED = "mediation_already_recommended"
    NO_ACCEPTED_RECOMMENDATION = "mediation_no_accepted_recommendation"
    ALREADY_APPLIED = "mediation_already_applied"


error_texts(
    {
        MediationError.NOT_REFERABLE: gettext_lazy(
            "Only a complaint or an appeal can be referred to the mediator."
        ),
        MediationError.ALREADY_REFERRED: gettext_lazy(
            "This case was already referred to the mediator."
        ),
        MediationError.NOT_A_MEDIATION: gettext_lazy("This is not a mediator referral."),
        MediationError.EMPTY_TEXT: gettext_lazy("A text is needed."),
        MediationError.ALREADY_RECOMMENDED: gettext_lazy(
            "The mediator's recommendation is already recorded."
        ),
        MediationError.NO_ACCEPTED_RECOMMENDATION: gettext_lazy(
            "No accepted recommendation of the mediator to apply."
        ),
        MediationError.ALREADY_APPLIED: gettext_lazy(
            "The recommendation is already recorded as applied."
        ),
    }
)


# Levels 1 and 2: complaints and appeals (complaints.appeals).
class ComplaintError(StrEnum):
    NOT_APPEALABLE = "not_appealable"
    APPEAL_TOO_EARLY = "appeal_too_early"
    APPEAL_ALREADY_FILED = "appeal_already_filed"
    NO_APPEALS_TEAM = "no_appeals_team"
    EMPTY_APPEAL = "empty_appeal"
    NOT_AN_APPEAL = "not_an_appeal"
    NO_MEDIATOR_NOTICE = "no_mediator_notice"
    NOT_A_PHONE_COMPLAINT = "not_a_phone_complaint"


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        ComplaintError.NOT_APPEALABLE: gettext_lazy(
            "Only a complaint or a bill dispute can be appealed."
        ),
        ComplaintError.APPEAL_TOO_EARLY: gettext_lazy(
            "The complaint has not been answered yet: an appeal is possible once it is "
            "answered, or from %(date)s (1 month after it was received) if it is not."
        ),
        ComplaintError.APPEAL_ALREADY_FILED: gettext_lazy(
            "An appeal was already filed on this complaint: %(appeal)s."
        ),
        ComplaintError.NO_APPEALS_TEAM: gettext_lazy(
            "The site has no appeals team: an administrator must mark one team as the "
            "appeals team before appeals can be filed."
        ),
        ComplaintError.EMPTY_APPEAL: gettext_lazy("Say why you appeal."),
        ComplaintError.NOT_AN_APPEAL: gettext_lazy("This case is not an appeal."),
        ComplaintError.NO_MEDIATOR_NOTICE: gettext_lazy(
            "The scheme version in force (%(version)s) has no mediator notice: an "
            "administrator must add one before appeals can be answered."
        ),
        ComplaintError.NOT_A_PHONE_COMPLAINT: gettext_lazy(
            "The written complaint form is sent only for a complaint made by phone."
        ),
    }
)


# Bill disputes (complaints.disputes, T5.2).
class DisputeError(StrEnum):
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
        DisputeError.NOT_A_DISPUTE: gettext_lazy("This case is not a bill dispute."),
        DisputeError.REASON_REQUIRED: gettext_lazy(
            "Say why the dispute is proven or not: the reason is required."
        ),
        DisputeError.INVOICE_REQUIRED: gettext_lazy("Give the invoice number."),
        DisputeError.AMOUNT_REQUIRED: gettext_lazy("Give the disputed amount."),
        DisputeError.NOT_PROVEN: gettext_lazy(
            "A correction or credit is recorded only for a dispute assessed as proven."
        ),
        DisputeError.CORRECTION_AMOUNT_NOT_POSITIVE: gettext_lazy(
            "The amount corrected or credited must be more than 0."
        ),
        DisputeError.CORRECTION_REFERENCE_REQUIRED: gettext_lazy(
            "Give the reference of the correction or credit."
        ),
        DisputeError.CORRECTION_IN_FUTURE: gettext_lazy(
            "The correction or credit cannot be dated in the future."
        ),
        DisputeError.NOT_ALLOWED: gettext_lazy("Your role may not do this to a bill dispute."),
    }
)
