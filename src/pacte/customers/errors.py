"""Why a change to a customer, or to any fact that decides a clock, was refused."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import error_texts


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


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        CustomerError.NOT_FOUND: gettext_lazy("No such customer."),
    }
)

error_texts(
    {
        FactError.UNKNOWN_FACT: gettext_lazy("No such fact."),
        FactError.NOT_ALLOWED: gettext_lazy("Your role may not change this fact."),
        FactError.BACKDATE_NOT_ALLOWED: gettext_lazy(
            "Only a quality manager or an administrator may give a past effective date."
        ),
        FactError.REASON_REQUIRED: gettext_lazy("Say why the fact changes."),
        FactError.INVALID_VALUE: gettext_lazy("“%(value)s” is not a value of this fact."),
        FactError.UNCHANGED: gettext_lazy("The fact is already “%(value)s”: nothing to change."),
        FactError.NAIVE_DATETIME: gettext_lazy("The effective date needs a time zone."),
        FactError.EFFECTIVE_IN_FUTURE: gettext_lazy(
            "A fact cannot change in the future: give a past date."
        ),
        FactError.EFFECTIVE_TOO_OLD: gettext_lazy(
            "A change may take effect at most %(days)d days back."
        ),
        FactError.EFFECTIVE_BEFORE_LAST_CHANGE: gettext_lazy(
            "The fact last changed with effect from %(last)s: a new change cannot take "
            "effect before."
        ),
    }
)


class LoginLinkError(StrEnum):
    """Refusals of an emailed login link (customers/login_links.py)."""

    UNKNOWN = "login_link_unknown"
    USED = "login_link_used"
    EXPIRED = "login_link_expired"


error_texts(
    {
        LoginLinkError.UNKNOWN: gettext_lazy("This login link is not valid."),
        LoginLinkError.USED: gettext_lazy("This login link was already used."),
        LoginLinkError.EXPIRED: gettext_lazy("This login link has expired."),
    }
)
