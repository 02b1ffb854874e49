"""Payments (T4.4): registered once per account and reference, they settle the
account's unpaid bills and queue the restoration of the lines suspended for them.

``payment_register`` is the one writer of ``Payment``. In one transaction, under the
account's row lock, it:

1. records the payment (append-only; ``registered_at`` is the server's clock), or
   finds the same payment already registered (same account and reference, same amount
   and date: nothing more is written) or refuses a reference reused for another amount
   or date (409);
2. settles the account's unpaid bills oldest first (``settle_bills``);
3. queues the restoration of each line of the account suspended for non-payment that
   no unsettled bill keeps suspended (``operations.restoration.restorations_queue``):
   a case of kind ``restoration`` received at the payment's ``registered_at``, and a
   worker job that restores the line once the transaction commits.

Partial payments: bills are settled whole, oldest first (due date, then number), from
the account's credit since its oldest unsettled bill was reported: the payments
registered since then, less the bills settled since then. A payment smaller than the
oldest unsettled bill settles nothing yet, but counts towards it: the bill is settled
when the payments together cover it. Bills are never settled in part, and a payment
never skips the oldest bill to settle a smaller later one (docs/operations-restoration.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from pacte.cases.models import Case
from pacte.core import clock
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.customers.models import Account
from pacte.operations.errors import OperationError
from pacte.operations.models import ImportBatch, Payment, PaymentSource, UnpaidBill
from pacte.operations.restoration import restorations_queue

MAX_AMOUNT = Decimal("9999999999.99")
REFERENCE_LENGTH = 64


class PaymentConflictError(PacteError):
    """The reference is already registered for the account with another amount or date."""

    status_code = 409


@dataclass(frozen=True, slots=True)
class Registration:
    """What ``payment_register`` did: the payment, whether this call recorded it (False:
    the same payment was already registered), the bills it settled and the restoration
    cases it queued."""

    payment: Payment
    created: bool
    settled: list[UnpaidBill] = field(default_factory=list)
    restorations: list[Case] = field(default_factory=list)


def payment_amount(value: object) -> Decimal:
    """``value`` as an amount: positive, two decimals at most (a PacteError otherwise)."""
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        amount = Decimal(0)
    if (
        not amount.is_finite()
        or amount <= 0
        or amount > MAX_AMOUNT
        or amount != amount.quantize(Decimal("0.01"))
    ):
        raise PacteError(OperationError.PAYMENT_AMOUNT_INVALID, f"Invalid amount {value!r}.")
    return amount.quantize(Decimal("0.01"))


def _checked(*, reference: str, amount: object, paid_on: date, source: str) -> tuple[str, Decimal]:
    reference = reference.strip()
    if not reference or len(reference) > REFERENCE_LENGTH:
        raise PacteError(OperationError.PAYMENT_REFERENCE_REQUIRED, "A payment needs a reference.")
    checked = payment_amount(amount)
    if paid_on > timezone.localdate(clock.now()):
        raise PacteError(OperationError.PAYMENT_DATE_INVALID, f"Paid on {paid_on}: in the future.")
    if source not in PaymentSource.values:
        raise PacteError(OperationError.PAYMENT_SOURCE_INVALID, f"Unknown source {source!r}.")
    return reference, checked


def _same_or_refused(existing: Payment, *, amount: Decimal, paid_on: date) -> Payment:
    if existing.amount == amount and existing.paid_on == paid_on:
        return existing
    raise PaymentConflictError(
        OperationError.PAYMENT_REFERENCE_REUSED,
        f"Payment {existing.reference} is already registered for {existing.account_id} "
        f"as {existing.amount} paid on {existing.paid_on}.",
        reference=existing.reference,
        amount=existing.amount,
        paid_on=existing.paid_on.isoformat(),
    )


def settle_bills(*, account: Account, at: datetime) -> list[UnpaidBill]:
    """Settle the account's unsettled bills oldest first, each whole, while its credit
    covers them; ``settled_at`` = ``at`` (the payment's ``registered_at``). The credit:
    the payments registered since the oldest unsettled bill was reported, less the
    bills settled since then. The caller holds the account's row lock."""
    open_bills = list(
        UnpaidBill.objects.filter(account=account, settled_at__isnull=True).order_by("due_on", "pk")
    )
    if not open_bills:
        return []
    since = min(bill.reported_at for bill in open_bills)
    paid = Payment.objects.filter(account=account, registered_at__gte=since).aggregate(
        total=Sum("amount")
    )["total"] or Decimal(0)
    used = UnpaidBill.objects.filter(account=account, settled_at__gte=since).aggregate(
        total=Sum("amount")
    )["total"] or Decimal(0)
    credit = paid - used
    settled: list[UnpaidBill] = []
    for bill in open_bills:
        if bill.amount > credit:
            break
        credit -= bill.amount
        settled.append(bill)
    if settled:
        UnpaidBill.objects.filter(pk__in=[bill.pk for bill in settled]).update(settled_at=at)
        for bill in settled:
            bill.settled_at = at
    return settled


def _account_locked(account: Account) -> Account:
    list(Account.objects.select_for_update().filter(pk=account.pk).values_list("pk"))
    return Account.objects.select_related("customer").get(pk=account.pk)


@transaction.atomic
def payment_register(
    *,
    account: Account,
    reference: str,
    amount: Decimal | str,
    paid_on: date,
    actor: User | None,
    source: str,
    batch: ImportBatch | None = None,
) -> Registration:
    """Register a payment of ``account`` (idempotent on the account and ``reference``).

    ``actor``: the agent, the billing system's integration user (``Action.
    PAYMENT_REGISTER``: a writer, or the permission ``operations.add_payment``) or None
    for Pacte's own import job. Refused, nothing written: a role that may not register
    payments (403), an empty reference, an amount not positive or with more than two
    decimals, a date after today, an unknown source (400), the reference already
    registered for another amount or date (409, naming them). The same payment again
    returns the first one (``created`` False) and writes nothing.

    Records the ``Payment`` at the server's clock, settles the bills it covers and
    queues the restorations it allows (see the module), all in this transaction; the
    restoration jobs are enqueued when it commits.
    """
    if actor is not None and not may(actor, Action.PAYMENT_REGISTER):
        raise ForbiddenError(OperationError.NOT_ALLOWED, "Your role may not register payments.")
    reference, checked = _checked(
        reference=reference, amount=amount, paid_on=paid_on, source=source
    )
    account = _account_locked(account)
    existing = Payment.objects.filter(account=account, reference=reference).first()
    if existing is not None:
        return Registration(_same_or_refused(existing, amount=checked, paid_on=paid_on), False)
    payment = Payment(
        account=account,
        reference=reference,
        amount=checked,
        paid_on=paid_on,
        registered_at=clock.now(),
        source=source,
        batch=batch,
        actor=actor,
    )
    payment.save(force_insert=True)
    settled = settle_bills(account=account, at=payment.registered_at)
    restorations = restorations_queue(payment=payment, actor=actor)
    return Registration(payment, True, settled, restorations)
