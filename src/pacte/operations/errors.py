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
    # Payment and restoration (T4.4, operations.payments, operations.restoration).
    PAYMENT_REFERENCE_REQUIRED = "payment_reference_required"
    PAYMENT_AMOUNT_INVALID = "payment_amount_invalid"
    PAYMENT_DATE_INVALID = "payment_date_invalid"
    PAYMENT_SOURCE_INVALID = "payment_source_invalid"
    PAYMENT_REFERENCE_REUSED = "payment_reference_reused"
    PAYMENT_ACCOUNT_UNKNOWN = "payment_account_unknown"
    NOT_RESTORATION = "case_not_restoration"
    RESTORATION_LINE_STATE = "restoration_line_not_suspended"
    RESTORATION_NO_TEAM = "restoration_no_team"
    # Risk and fraud measures on a line (operations.risk, T4.2).
    RISK_MEASURE_INVALID = "risk_measure_invalid"
    RISK_MOTIVE_REQUIRED = "risk_motive_required"
    RISK_LINE_TERMINATED = "risk_line_terminated"
    NOT_RISK_MEASURE = "not_a_risk_measure"
    RISK_LIFT_REASON_REQUIRED = "risk_lift_reason_required"
    RISK_ALREADY_LIFTED = "risk_measure_already_lifted"
    DISCLOSURE_UNCHECKED = "disclosure_identity_unchecked"
    DISCLOSURE_WHAT_INVALID = "disclosure_what_invalid"
    NOT_STOLEN_PHONE = "stolen_phone_not_one"
    STOLEN_KIND_INVALID = "stolen_phone_kind_invalid"
    ALREADY_BLOCKED = "stolen_phone_already_blocked"
    NOT_BLOCKED = "stolen_phone_not_blocked"
    UNBLOCK_IDENTITY_REQUIRED = "unblock_identity_check_required"
    STOLEN_NO_TEAM = "stolen_phone_no_team"
    SIM_NOT_ORDER = "sim_not_an_order"
    SIM_LINE_TERMINATED = "sim_line_terminated"
    SIM_ORDER_OPEN = "sim_order_already_open"
    SIM_ADDRESS_REQUIRED = "sim_address_required"
    SIM_STEP_DONE = "sim_step_already_recorded"
    SIM_SHIPPING_REQUIRED = "sim_carrier_tracking_required"
    SIM_NOT_SHIPPED = "sim_not_shipped"
    SIM_ICCID_INVALID = "sim_iccid_invalid"
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
        OperationError.PAYMENT_REFERENCE_REQUIRED: gettext_lazy(
            "A payment needs its reference (at most 64 characters)."
        ),
        OperationError.PAYMENT_AMOUNT_INVALID: gettext_lazy(
            "The amount must be positive, with at most two decimals."
        ),
        OperationError.PAYMENT_DATE_INVALID: gettext_lazy(
            "The payment date cannot be later than today."
        ),
        OperationError.PAYMENT_SOURCE_INVALID: gettext_lazy("Unknown payment source."),
        OperationError.PAYMENT_REFERENCE_REUSED: gettext_lazy(
            "Payment %(reference)s is already registered for this account, for another "
            "amount or date (%(amount)s paid on %(paid_on)s)."
        ),
        OperationError.PAYMENT_ACCOUNT_UNKNOWN: gettext_lazy("No account numbered “%(number)s”."),
        OperationError.NOT_RESTORATION: gettext_lazy("This case is not a line restoration."),
        OperationError.RESTORATION_LINE_STATE: gettext_lazy(
            "Line %(msisdn)s is “%(status)s”: only a suspended line is restored."
        ),
        OperationError.RESTORATION_NO_TEAM: gettext_lazy("No team to give the restoration to."),
        OperationError.RISK_MEASURE_INVALID: gettext_lazy(
            "Choose the measure: a restriction, a suspension for risk or a deposit request."
        ),
        OperationError.RISK_MOTIVE_REQUIRED: gettext_lazy(
            "Write the motive of the measure: a risk or fraud measure is never taken "
            "without a written motive."
        ),
        OperationError.RISK_LINE_TERMINATED: gettext_lazy(
            "This line is terminated: no measure can be taken on it."
        ),
        OperationError.NOT_RISK_MEASURE: gettext_lazy("This case is not a risk or fraud measure."),
        OperationError.RISK_LIFT_REASON_REQUIRED: gettext_lazy("Write why the measure is lifted."),
        OperationError.RISK_ALREADY_LIFTED: gettext_lazy(
            "This measure was already lifted: a measure is lifted once."
        ),
        OperationError.DISCLOSURE_UNCHECKED: gettext_lazy(
            "Check the caller's identity first: no account data is told before it."
        ),
        OperationError.DISCLOSURE_WHAT_INVALID: gettext_lazy(
            "Say what was told: the bills, the usage or the contract."
        ),
        OperationError.NOT_STOLEN_PHONE: gettext_lazy("This case is not a stolen or lost phone."),
        OperationError.STOLEN_KIND_INVALID: gettext_lazy(
            "Say whether the phone was lost or stolen."
        ),
        OperationError.ALREADY_BLOCKED: gettext_lazy("Already blocked on this case."),
        OperationError.NOT_BLOCKED: gettext_lazy("The line is not blocked: nothing to unblock."),
        OperationError.UNBLOCK_IDENTITY_REQUIRED: gettext_lazy(
            "Unblocking needs the caller's identity checked after the block (since %(since)s)."
        ),
        OperationError.STOLEN_NO_TEAM: gettext_lazy("No team can take this declaration."),
        OperationError.SIM_NOT_ORDER: gettext_lazy("This case is not a SIM order."),
        OperationError.SIM_LINE_TERMINATED: gettext_lazy(
            "Line %(msisdn)s is terminated: no SIM can be ordered for it."
        ),
        OperationError.SIM_ORDER_OPEN: gettext_lazy(
            "A SIM order is already open for line %(msisdn)s (%(reference)s)."
        ),
        OperationError.SIM_ADDRESS_REQUIRED: gettext_lazy(
            "Give the address the SIM is to be sent to."
        ),
        OperationError.SIM_STEP_DONE: gettext_lazy("This order is already “%(step)s”."),
        OperationError.SIM_SHIPPING_REQUIRED: gettext_lazy(
            "A shipment needs its carrier and its tracking reference."
        ),
        OperationError.SIM_NOT_SHIPPED: gettext_lazy(
            "The SIM must be shipped before it is delivered."
        ),
        OperationError.SIM_ICCID_INVALID: gettext_lazy("A SIM serial (ICCID) is 18 to 22 digits."),
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
