"""Why an intake service refused something."""

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import error_texts


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


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        IntakeError.FILE_TOO_LARGE: gettext_lazy("%(name)s is larger than the limit of %(limit)s."),
        IntakeError.FILE_EMPTY: gettext_lazy("%(name)s: the file is empty."),
        IntakeError.FILE_TYPE_REFUSED: gettext_lazy(
            "%(name)s: a file of type %(type)s is not accepted here."
        ),
        IntakeError.NO_ROUTE: gettext_lazy("No team receives this channel."),
        IntakeError.BAD_ADDRESS: gettext_lazy("This is not an email address."),
        IntakeError.TOO_MANY_FILES: gettext_lazy("Too many files."),
        IntakeError.KIND_NOT_ALLOWED: gettext_lazy("This kind of request cannot be filed here."),
        IntakeError.NOT_A_CUSTOMER: gettext_lazy(
            "Only a customer's own account files a case here."
        ),
        IntakeError.LINK_UNKNOWN: gettext_lazy("This verification link is unknown or has expired."),
        IntakeError.RECEIVED_IN_FUTURE: gettext_lazy("The date of receipt is in the future."),
        IntakeError.RECEIVED_TOO_LONG_AGO: gettext_lazy(
            "The date of receipt is more than %(days)d days ago: check the stamp."
        ),
        IntakeError.SENDER_REQUIRED: gettext_lazy(
            "Choose the customer, or give the sender's name and postal address."
        ),
        IntakeError.WRITER_REQUIRED: gettext_lazy("Your role may not register letters."),
    }
)
