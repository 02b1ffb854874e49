"""Why a non-conformity service refused a request."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import PacteError, error_texts


class NonConformityError(StrEnum):
    NOT_FOUND = "nonconformity_not_found"
    ACTION_NOT_FOUND = "action_not_found"
    NOT_QUALITY_MANAGER = "not_quality_manager"
    NOT_ALLOWED = "not_allowed"
    NOT_ACTION_OWNER = "not_action_owner"
    UNKNOWN_INDICATOR = "unknown_indicator"
    UNKNOWN_COMMITMENT = "unknown_commitment"
    MONTH_NOT_ENDED = "month_not_ended"
    MONTH_NOT_STARTED = "month_not_started"
    TARGET_MET = "target_met"
    NO_DATA = "indicator_has_no_data"
    ALREADY_RAISED = "already_raised"
    TEXT_REQUIRED = "text_required"
    WRONG_STATUS = "wrong_status"
    ACTION_NOT_PLANNED = "action_not_planned"
    OWNER_NOT_ALLOWED = "owner_not_allowed"
    DUE_IN_PAST = "due_in_past"
    CHECK_MONTH_TOO_EARLY = "check_month_too_early"
    CHECK_MONTH_NOT_ENDED = "check_month_not_ended"
    VERDICT_REQUIRED = "verdict_required"
    UNKNOWN_SCHEME = "unknown_scheme"
    UNKNOWN_OWNER = "unknown_owner"


class NonConformityConflictError(PacteError):
    """Refused because of the non-conformity's current state; may succeed later."""

    status_code = 409


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        NonConformityError.NOT_FOUND: gettext_lazy("No such non-conformity."),
        NonConformityError.ACTION_NOT_FOUND: gettext_lazy("No such corrective action."),
        NonConformityError.NOT_QUALITY_MANAGER: gettext_lazy("Only a quality manager may do this."),
        NonConformityError.NOT_ALLOWED: gettext_lazy(
            "Only an auditor or a quality manager raises an audit finding."
        ),
        NonConformityError.NOT_ACTION_OWNER: gettext_lazy(
            "Only the action's owner or a quality manager may complete it."
        ),
        NonConformityError.UNKNOWN_INDICATOR: gettext_lazy("No such indicator in this scheme."),
        NonConformityError.UNKNOWN_COMMITMENT: gettext_lazy("No such commitment in this scheme."),
        NonConformityError.MONTH_NOT_ENDED: gettext_lazy("The month is not over yet."),
        NonConformityError.MONTH_NOT_STARTED: gettext_lazy("The month has not started yet."),
        NonConformityError.TARGET_MET: gettext_lazy("This indicator met its target that month."),
        NonConformityError.NO_DATA: gettext_lazy("This indicator has no figure for that month."),
        NonConformityError.ALREADY_RAISED: gettext_lazy(
            "A non-conformity already covers this indicator for this month: %(reference)s."
        ),
        NonConformityError.TEXT_REQUIRED: gettext_lazy("A text is needed."),
        NonConformityError.WRONG_STATUS: gettext_lazy(
            "%(reference)s: not possible in the non-conformity's current status."
        ),
        NonConformityError.ACTION_NOT_PLANNED: gettext_lazy("This action is not planned any more."),
        NonConformityError.OWNER_NOT_ALLOWED: gettext_lazy(
            "The owner must be an active supervisor or quality manager."
        ),
        NonConformityError.DUE_IN_PAST: gettext_lazy("The due date is already past."),
        NonConformityError.CHECK_MONTH_TOO_EARLY: gettext_lazy(
            "The check month must be after the non-conformity's month."
        ),
        NonConformityError.CHECK_MONTH_NOT_ENDED: gettext_lazy("The check month is not over yet."),
        NonConformityError.VERDICT_REQUIRED: gettext_lazy(
            "Say whether the actions were effective, with a note."
        ),
        NonConformityError.UNKNOWN_SCHEME: gettext_lazy("No such scheme."),
        NonConformityError.UNKNOWN_OWNER: gettext_lazy("No such owner."),
    }
)
