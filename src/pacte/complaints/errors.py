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
