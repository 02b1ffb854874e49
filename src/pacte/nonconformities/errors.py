"""Why a non-conformity service refused a request."""

from __future__ import annotations

from enum import StrEnum

from pacte.core.errors import PacteError


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
