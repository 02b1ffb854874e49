"""Why an intake service refused something."""

from enum import StrEnum


class IntakeError(StrEnum):
    FILE_TOO_LARGE = "file_too_large"
    FILE_EMPTY = "file_empty"
    FILE_TYPE_REFUSED = "file_type_refused"
    NO_ROUTE = "no_route_for_channel"
    BAD_ADDRESS = "bad_email_address"
