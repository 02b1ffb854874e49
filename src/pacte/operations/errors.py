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
    # Dunning and suspension for non-payment (T4.3, operations.dunning, bills_import).
    BILL_ACCOUNT_UNKNOWN = "bill_account_unknown"
    BILL_LINE_NOT_OF_ACCOUNT = "bill_line_not_of_account"
    BILL_AMOUNT_INVALID = "bill_amount_invalid"
    BILL_DATE_INVALID = "bill_due_date_invalid"
    BILL_INVOICE_INVALID = "bill_invoice_invalid"
    BILL_INVOICE_DUPLICATE = "bill_invoice_duplicate"
    BILL_INVOICE_CONFLICT = "bill_invoice_conflict"
    BILLS_FILE_INVALID = "bills_file_invalid"
    NOT_DUNNING = "case_not_dunning"
    NO_UNPAID_BILL = "line_no_unpaid_bill"
    CONTACT_CONTENT_REQUIRED = "dunning_content_required"
    MEANS_REQUIRED = "dunning_means_required"
    MEANS_INVALID = "dunning_means_invalid"
    SUSPENSION_NO_CONTACT = "suspension_no_contact"
    SUSPENSION_TOO_EARLY = "suspension_too_early"
    CONTACT_CHANNEL_INVALID = "dunning_channel_invalid"


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
        OperationError.BILL_ACCOUNT_UNKNOWN: gettext_lazy("Unknown account “%(account)s”."),
        OperationError.BILL_LINE_NOT_OF_ACCOUNT: gettext_lazy(
            "Line “%(line)s” is not a line of account “%(account)s”."
        ),
        OperationError.BILL_AMOUNT_INVALID: gettext_lazy(
            "“%(amount)s” is not an amount due (more than 0, at most two decimals)."
        ),
        OperationError.BILL_DATE_INVALID: gettext_lazy(
            "“%(due_on)s” is not a due date (YYYY-MM-DD)."
        ),
        OperationError.BILL_INVOICE_INVALID: gettext_lazy(
            "An invoice number is required (at most 40 characters)."
        ),
        OperationError.BILL_INVOICE_DUPLICATE: gettext_lazy(
            "Invoice “%(invoice)s” is already on line %(first)s of the file."
        ),
        OperationError.BILL_INVOICE_CONFLICT: gettext_lazy(
            "Invoice “%(invoice)s” is already known with another amount (%(known)s)."
        ),
        OperationError.BILLS_FILE_INVALID: gettext_lazy(
            "The file is not a CSV file of unpaid bills: %(problem)s."
        ),
        OperationError.NOT_DUNNING: gettext_lazy("This case is not a dunning case."),
        OperationError.NO_UNPAID_BILL: gettext_lazy(
            "Line %(line)s has no unpaid bill: there is nothing to dun or suspend for."
        ),
        OperationError.CONTACT_CONTENT_REQUIRED: gettext_lazy("Write what the customer was told."),
        OperationError.MEANS_REQUIRED: gettext_lazy(
            "Give at least one means to regularise (pay online, direct debit, payment plan, shop)."
        ),
        OperationError.MEANS_INVALID: gettext_lazy("Unknown means to regularise “%(means)s”."),
        OperationError.SUSPENSION_NO_CONTACT: gettext_lazy(
            "Suspension refused (rule T4.3): no contact attempt giving the means to "
            "regularise is logged yet for line %(line)s. A suspension is allowed "
            "%(days)s days after such a contact."
        ),
        OperationError.SUSPENSION_TOO_EARLY: gettext_lazy(
            "Suspension refused (rule T4.3): the contact attempt giving the means to "
            "regularise was logged on %(contact_at)s, less than %(days)s days ago. The "
            "suspension of line %(line)s is allowed from %(allowed_from)s."
        ),
        OperationError.CONTACT_CHANNEL_INVALID: gettext_lazy(
            "Say how the customer was contacted (phone, email, letter, web, chat)."
        ),
    }
)
