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
