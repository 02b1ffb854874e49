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
    SIM_NOT_ORDER = "sim_not_an_order"
    SIM_LINE_TERMINATED = "sim_line_terminated"
    SIM_ORDER_OPEN = "sim_order_already_open"
    SIM_ADDRESS_REQUIRED = "sim_address_required"
    SIM_STEP_DONE = "sim_step_already_recorded"
    SIM_SHIPPING_REQUIRED = "sim_carrier_tracking_required"
    SIM_NOT_SHIPPED = "sim_not_shipped"
    SIM_ICCID_INVALID = "sim_iccid_invalid"


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
    }
)
