"""Why a case service refused an operation."""

from enum import StrEnum


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
