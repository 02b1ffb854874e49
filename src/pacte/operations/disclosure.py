"""Account data told to a caller, only after their identity was checked (T3.2-a).

``disclosure_record`` records DATA_DISCLOSED on the contact's case (data ``what``:
bills, usage or contract, and ``identity_check``: the pk of the IDENTITY_CHECKED event
it rests on), at the server's clock. On a phone or chat contact it is refused
(``OperationError.DISCLOSURE_UNCHECKED``, nothing written) unless the case already
records an identity check: the caller is someone on the line, not the account holder
until checked.

On a written contact (letter, email, web...) there is no caller to check: the answer
goes to the customer's address on record, so a disclosure is recorded without a check
(``identity_check`` None) and T3.2-a leaves it out (docs/operations-lines.md).

``account_data`` is what the case page shows once the caller is checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.cases.services import _locked, _record, _require_open
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.customers.models import Account, Line
from pacte.operations.errors import OperationError
from pacte.operations.identity import CHECKED_CHANNELS, identity_check_last
from pacte.operations.models import UnpaidBill


class DisclosureWhat(models.TextChoices):
    BILLS = "bills", _("bills")
    USAGE = "usage", _("usage")
    CONTRACT = "contract", _("contract")


def needs_identity_check(case: Case) -> bool:
    """Whether account data may be told on ``case`` only after an identity check."""
    return case.channel in CHECKED_CHANNELS


@transaction.atomic
def disclosure_record(*, case: Case, actor: User, what: str, body: str = "") -> CaseEvent:
    """Record that ``what`` (bills, usage, contract) of the customer's account was told
    on ``case``; ``body``: a note of what was said. Refused on a phone or chat contact
    whose case records no identity check yet."""
    if not may(actor, Action.IDENTITY_CHECK):
        raise PacteError(OperationError.NOT_ALLOWED, "Your role may not do this.")
    case = _locked(case)
    _require_open(case)
    if what not in DisclosureWhat.values:
        raise PacteError(OperationError.DISCLOSURE_WHAT_INVALID, f"Unknown data {what!r}.")
    check = identity_check_last(case)
    if needs_identity_check(case) and check is None:
        raise PacteError(
            OperationError.DISCLOSURE_UNCHECKED,
            f"Case {case.reference}: no identity check recorded before telling {what}.",
        )
    return _record(
        case,
        kind=EventKind.DATA_DISCLOSED,
        actor=actor,
        channel=case.channel,
        body=body.strip(),
        data={"what": what, "identity_check": check.pk if check is not None else None},
    )


@dataclass(frozen=True)
class AccountData:
    """The customer's account data told after the check: accounts (contract), lines
    (offer, status) and the bills still unpaid."""

    accounts: list[Account]
    lines: list[Line]
    unpaid: list[UnpaidBill]


def account_data(*, case: Case) -> AccountData:
    """The account data of the case's customer (three queries)."""
    customer_id = case.customer_id
    return AccountData(
        accounts=list(
            Account.objects.filter(customer_id=customer_id).select_related("distributor")
        ),
        lines=list(
            Line.objects.filter(account__customer_id=customer_id)
            .select_related("account")
            .order_by("msisdn")
        ),
        unpaid=list(
            UnpaidBill.objects.filter(account__customer_id=customer_id, settled_at__isnull=True)
            .select_related("account", "line")
            .order_by("due_on", "pk")
        ),
    )
