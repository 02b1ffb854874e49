"""Why an operation was refused: the code an API client reads, the text a person reads.

Each operation appends its codes at the end of ``OperationError`` and of the texts.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import error_texts


class OperationError(StrEnum):
    NOT_ALLOWED = "operation_not_allowed"
    NO_LINE = "line_not_of_customer"
    TRANSITION_REFUSED = "line_transition_refused"
    REASON_REQUIRED = "line_reason_required"
    IDENTITY_METHOD_INVALID = "identity_method_invalid"
    IDENTITY_CHANNEL = "identity_check_channel"
    NO_MOTIVE = "operation_motive_missing"
    NOT_STOLEN_PHONE = "stolen_phone_not_one"
    STOLEN_KIND_INVALID = "stolen_phone_kind_invalid"
    ALREADY_BLOCKED = "stolen_phone_already_blocked"
    NOT_BLOCKED = "stolen_phone_not_blocked"
    UNBLOCK_IDENTITY_REQUIRED = "unblock_identity_check_required"
    NO_TEAM = "stolen_phone_no_team"


error_texts(
    {
        OperationError.NOT_ALLOWED: gettext_lazy("Your role may not do this."),
        OperationError.NO_LINE: gettext_lazy("This line is not one of the customer's."),
        OperationError.TRANSITION_REFUSED: gettext_lazy(
            "A line cannot go from “%(from)s” to “%(to)s”."
        ),
        OperationError.REASON_REQUIRED: gettext_lazy("Write the reason for the change."),
        OperationError.IDENTITY_METHOD_INVALID: gettext_lazy("Say how the identity was checked."),
        OperationError.IDENTITY_CHANNEL: gettext_lazy(
            "An identity check is recorded on a phone or chat contact."
        ),
        OperationError.NO_MOTIVE: gettext_lazy("No motive “%(motive)s” for this operation."),
        OperationError.NOT_STOLEN_PHONE: gettext_lazy("This case is not a stolen or lost phone."),
        OperationError.STOLEN_KIND_INVALID: gettext_lazy(
            "Say whether the phone was lost or stolen."
        ),
        OperationError.ALREADY_BLOCKED: gettext_lazy("Already blocked on this case."),
        OperationError.NOT_BLOCKED: gettext_lazy("The line is not blocked: nothing to unblock."),
        OperationError.UNBLOCK_IDENTITY_REQUIRED: gettext_lazy(
            "Unblocking needs the caller's identity checked after the block (since %(since)s)."
        ),
        OperationError.NO_TEAM: gettext_lazy("No team can take this declaration."),
    }
)
