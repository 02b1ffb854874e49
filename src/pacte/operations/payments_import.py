"""Importing payments from the billing system's CSV file (T4.4).

The file: UTF-8 (a BOM is allowed), comma- or semicolon-separated, a header naming the
columns ``account`` (the account number), ``reference`` (the payment's reference),
``amount`` (decimal point, or a decimal comma) and ``paid_on`` (``YYYY-MM-DD`` or
``DD/MM/YYYY``); other columns are ignored.

Every row is checked first; a file with one bad row imports nothing, and its
``ImportBatch`` (``imported`` False) lists each bad row with its line number and
reason. A good file is registered row by row through ``payment_register`` (source
``import``) in one transaction, so it settles bills and queues restorations as any
payment does. The same file (same SHA-256) imported again changes nothing and returns
the first import; a row already registered with the same amount and date is accepted
and changes nothing (a reference reused for another amount or date is a bad row).
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacte.core import clock
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.customers.models import Account
from pacte.operations.errors import OperationError
from pacte.operations.models import ImportBatch, ImportKind, Payment, PaymentSource
from pacte.operations.payments import REFERENCE_LENGTH, payment_amount, payment_register

COLUMNS = ("account", "reference", "amount", "paid_on")
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class PaymentRow:
    line: int
    account: Account
    reference: str
    amount: Decimal
    paid_on: date


@dataclass(frozen=True, slots=True)
class PaymentImport:
    """The import's batch; ``already``: the same file had been imported before."""

    batch: ImportBatch
    already: bool = False


def _date(text: str) -> date | None:
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), form).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
    return None


def _reader(text: str) -> csv.DictReader[str]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames or []]
    return reader


class _Checker:
    """Checks the rows against the accounts and the payments already registered."""

    def __init__(self, raw: list[dict[str, str]]) -> None:
        numbers = {(row.get("account") or "").strip() for row in raw}
        self.accounts = {a.number: a for a in Account.objects.filter(number__in=numbers)}
        existing = Payment.objects.filter(account__in=self.accounts.values())
        self.known = {
            (p.account_id, p.reference): (p.amount, p.paid_on)
            for p in existing.only("account", "reference", "amount", "paid_on")
        }
        self.today = timezone.localdate(clock.now())

    def row(self, number: int, raw: dict[str, str]) -> PaymentRow:
        cells = {name: (raw.get(name) or "").strip() for name in COLUMNS}
        account = self.accounts.get(cells["account"])
        if account is None:
            raise ValueError(_("no account numbered “%(number)s”") % {"number": cells["account"]})
        reference = cells["reference"]
        if not reference or len(reference) > REFERENCE_LENGTH:
            raise ValueError(_("the reference is missing or longer than 64 characters"))
        try:
            amount = payment_amount(cells["amount"])
        except PacteError as error:
            raise ValueError(
                _("invalid amount “%(amount)s”") % {"amount": cells["amount"]}
            ) from error
        paid_on = _date(cells["paid_on"])
        if paid_on is None or paid_on > self.today:
            raise ValueError(_("invalid or future date “%(date)s”") % {"date": cells["paid_on"]})
        known = self.known.setdefault((account.pk, reference), (amount, paid_on))
        if known != (amount, paid_on):
            raise ValueError(
                _("payment %(reference)s is already known for another amount or date")
                % {"reference": reference}
            )
        return PaymentRow(number, account, reference, amount, paid_on)


def payments_check(text: str) -> tuple[int, list[PaymentRow], list[dict[str, object]]]:
    """The file's number of rows, its good rows and the report of its bad ones (line
    number and reason)."""
    reader = _reader(text)
    missing = [name for name in COLUMNS if name not in (reader.fieldnames or [])]
    if missing:
        reason = _("missing columns: %(columns)s") % {"columns": ", ".join(missing)}
        return 0, [], [{"row": 1, "reason": reason}]
    raw = list(reader)
    checker = _Checker(raw)
    rows: list[PaymentRow] = []
    report: list[dict[str, object]] = []
    for offset, cells in enumerate(raw):
        number = offset + 2  # the header is line 1
        try:
            rows.append(checker.row(number, cells))
        except ValueError as error:
            report.append({"row": number, "reason": str(error)})
    if not raw:
        report.append({"row": 1, "reason": _("the file has no payment rows")})
    return len(raw), rows, report


def _decoded(content: bytes) -> str | None:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


@transaction.atomic
def payments_import(*, file_name: str, content: bytes, actor: User) -> PaymentImport:
    """Import the payments of a CSV file (see the module): all rows or none.

    ``actor`` must be allowed ``Action.PAYMENT_REGISTER`` (403). Records an
    ``ImportBatch`` of kind ``payments`` either way (a refused file with its report,
    ``imported`` False). The same file imported before returns that import."""
    if not may(actor, Action.PAYMENT_REGISTER):
        raise ForbiddenError(OperationError.NOT_ALLOWED, "Your role may not import payments.")
    digest = hashlib.sha256(content).hexdigest()
    before = ImportBatch.objects.filter(
        kind=ImportKind.PAYMENTS, sha256=digest, imported=True
    ).first()
    if before is not None:
        return PaymentImport(before, already=True)
    text = _decoded(content) if len(content) <= MAX_BYTES else None
    if text is None:
        total, rows = 0, list[PaymentRow]()
        report: list[dict[str, object]] = [
            {"row": 0, "reason": _("the file is not UTF-8 text of at most 20 MB")}
        ]
    else:
        total, rows, report = payments_check(text)
    batch = ImportBatch.objects.create(
        kind=ImportKind.PAYMENTS,
        file_name=file_name[:255],
        sha256=digest,
        rows=total,
        accepted=0 if report else len(rows),
        rejected=len(report),
        report=report,
        imported=not report,
        actor=actor,
        at=clock.now(),
    )
    if not report:
        for row in rows:
            payment_register(
                account=row.account,
                reference=row.reference,
                amount=row.amount,
                paid_on=row.paid_on,
                actor=actor,
                source=PaymentSource.IMPORT,
                batch=batch,
            )
    return PaymentImport(batch)
