"""Why an intake service refused something."""

from enum import StrEnum


class IntakeError(StrEnum):
    FILE_TOO_LARGE = "file_too_large"
    FILE_EMPTY = "file_empty"
    FILE_TYPE_REFUSED = "file_type_refused"
    NO_ROUTE = "no_route_for_channel"
    BAD_ADDRESS = "bad_email_address"
    TOO_MANY_FILES = "too_many_files"
    KIND_NOT_ALLOWED = "kind_not_allowed"
    NOT_A_CUSTOMER = "not_a_customer"
    LINK_UNKNOWN = "verification_unknown"
    RECEIVED_IN_FUTURE = "received_in_future"
    RECEIVED_TOO_LONG_AGO = "received_too_long_ago"
    SENDER_REQUIRED = "sender_required"
    WRITER_REQUIRED = "writer_required"
    CHANNEL_NOT_LIVE = "channel_not_live"
    CALLER_REQUIRED = "caller_required"
    SOLVED_AND_COMMITTED = "solved_and_committed"
    NOT_A_BUSINESS_DAY = "not_a_business_day"
    TEAM_NOT_ALLOWED = "team_not_allowed"
