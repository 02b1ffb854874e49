"""Why the mail app quarantined a message or refused an operation."""

from enum import StrEnum


class MailError(StrEnum):
    NO_SENDER = "no_sender"
    BAD_SENDER = "bad_sender_address"
    UNDECODABLE = "undecodable_message"
    NOT_AN_EMAIL = "not_an_email"
    NO_ROUTE = "no_route_for_email"
    DUPLICATE_MESSAGE_ID = "duplicate_message_id"  # before issue 10: kept for old rows
    DUPLICATE = "duplicate"
    NOT_QUARANTINED = "not_quarantined"
    NO_RECIPIENT = "no_recipient"
    MAILBOX_LOGIN = "mailbox_login_unavailable"
    MAILBOX_UNKNOWN = "mailbox_unknown"
    INTERNAL = "internal_error"
