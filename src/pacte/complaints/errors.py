"""Why a complaint-chain service refused an operation."""

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import error_texts


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
