"""Why a case service refused an operation."""

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import error_texts


class CaseError(StrEnum):
    NOT_FOUND = "case_not_found"
    CLOSED = "case_closed"
    NOT_CLOSED = "case_not_closed"
    NOTE_REQUIRED = "hand_off_note_required"
    HAND_OFF_TARGET_REQUIRED = "hand_off_target_required"
    HAND_OFF_SAME_TARGET = "hand_off_same_target"
    ASSIGNEE_NOT_IN_TEAM = "assignee_not_in_team"
    DEADLINE_NOT_LATER = "new_deadline_not_later"
    EMPTY_ANSWER = "empty_answer"
    NOT_ALLOWED = "not_allowed"
    MOTIVE_NOT_FOUND = "motive_not_found"
    CUSTOMER_ALREADY_IDENTIFIED = "customer_already_identified"
    CUSTOMER_UNIDENTIFIED = "customer_unidentified"
    # The complaint chain (T6.6, T6.7): an appeal is never handled by whoever answered
    # its complaint, and its answer always carries the mediator notice.
    LEVEL_ONE_ANSWERER = "appeal_level_one_answerer"
    MEDIATOR_NOTICE_REQUIRED = "mediator_notice_required"
    AMOUNT_INVALID = "amount_invalid"
    INVOICE_TOO_LONG = "invoice_too_long"
    PROVEN_DISPUTE_NOT_CORRECTED = "proven_dispute_not_corrected"


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        CaseError.NOT_FOUND: gettext_lazy("No such case."),
        CaseError.CLOSED: gettext_lazy("The case is closed."),
        CaseError.NOT_CLOSED: gettext_lazy("The case is not closed."),
        CaseError.NOTE_REQUIRED: gettext_lazy(
            "A hand-off needs a context note for the next agent (at least %(count)d characters)."
        ),
        CaseError.HAND_OFF_TARGET_REQUIRED: gettext_lazy("Choose a team or an agent."),
        CaseError.HAND_OFF_SAME_TARGET: gettext_lazy("The case is already there."),
        CaseError.ASSIGNEE_NOT_IN_TEAM: gettext_lazy("This agent is not a member of that team."),
        CaseError.DEADLINE_NOT_LATER: gettext_lazy(
            "The new deadline must be later than the one in force."
        ),
        CaseError.EMPTY_ANSWER: gettext_lazy("A text is needed."),
        CaseError.NOT_ALLOWED: gettext_lazy("Your role may not do this to the case."),
        CaseError.MOTIVE_NOT_FOUND: gettext_lazy("No such motive."),
        CaseError.CUSTOMER_ALREADY_IDENTIFIED: gettext_lazy(
            "The case already belongs to an identified customer."
        ),
        CaseError.CUSTOMER_UNIDENTIFIED: gettext_lazy(
            "This number is another unknown sender's, not a customer's."
        ),
        CaseError.LEVEL_ONE_ANSWERER: gettext_lazy(
            "%(user)s answered complaint %(complaint)s, which this appeal follows: an appeal "
            "is never assigned to, nor answered by, an agent who answered the complaint (T6.6)."
        ),
        CaseError.MEDIATOR_NOTICE_REQUIRED: gettext_lazy(
            "An answer to an appeal must state the mediator's coordinates and the conditions "
            "to refer (T6.7): answer it through the appeal answer form."
        ),
        CaseError.AMOUNT_INVALID: gettext_lazy(
            "This is not an amount: 0 or more, with at most two decimals (12,50)."
        ),
        CaseError.INVOICE_TOO_LONG: gettext_lazy(
            "An invoice reference has at most %(count)d characters."
        ),
        CaseError.PROVEN_DISPUTE_NOT_CORRECTED: gettext_lazy(
            "The dispute was found proven: record the correction or credit before closing."
        ),
    }
)


class CustomerActionError(StrEnum):
    """Refusals of what customers do on their own cases (cases/customer_actions.py)."""

    NOT_AN_ANSWER = "not_an_answer"
    ALREADY_RATED = "already_rated"
    BAD_SCORE = "bad_score"


error_texts(
    {
        CustomerActionError.NOT_AN_ANSWER: gettext_lazy("No such answer on this case."),
        CustomerActionError.ALREADY_RATED: gettext_lazy("You already rated this answer."),
        CustomerActionError.BAD_SCORE: gettext_lazy("Give a score from 1 to 5."),
    }
)
