"""Why the mail app quarantined a message or refused an operation."""

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import error_texts


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


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        MailError.NO_SENDER: gettext_lazy("The message has no sender."),
        MailError.BAD_SENDER: gettext_lazy("The sender's address is not valid."),
        MailError.UNDECODABLE: gettext_lazy("The message cannot be decoded."),
        MailError.NOT_AN_EMAIL: gettext_lazy("This is not an email."),
        MailError.NO_ROUTE: gettext_lazy("No team receives this address."),
        MailError.DUPLICATE_MESSAGE_ID: gettext_lazy("This message was already received."),
        MailError.DUPLICATE: gettext_lazy("This message was already received."),
        MailError.NOT_QUARANTINED: gettext_lazy("The message is not in quarantine."),
        MailError.NO_RECIPIENT: gettext_lazy("The message has no recipient."),
        MailError.MAILBOX_LOGIN: gettext_lazy("The mailbox cannot be reached."),
        MailError.MAILBOX_UNKNOWN: gettext_lazy("No such mailbox."),
        MailError.INTERNAL: gettext_lazy("An internal error occurred."),
    }
)
