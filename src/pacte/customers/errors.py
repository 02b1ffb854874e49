"""Why a change to a customer, or to any fact that decides a clock, was refused."""

from __future__ import annotations

from enum import StrEnum


class CustomerError(StrEnum):
    NOT_FOUND = "customer_not_found"


class FactError(StrEnum):
    """Refusals of a fact change (customers' and motives' facts alike)."""

    UNKNOWN_FACT = "fact_unknown"
    NOT_ALLOWED = "fact_not_allowed"
    BACKDATE_NOT_ALLOWED = "fact_backdate_not_allowed"
    REASON_REQUIRED = "fact_reason_required"
    INVALID_VALUE = "fact_invalid_value"
    UNCHANGED = "fact_unchanged"
    NAIVE_DATETIME = "naive_datetime"
    EFFECTIVE_IN_FUTURE = "fact_effective_in_future"
    EFFECTIVE_TOO_OLD = "fact_effective_too_old"
    EFFECTIVE_BEFORE_LAST_CHANGE = "fact_effective_before_last_change"
