"""Unpaid bills from the billing system: a CSV file (whole or nothing) or one bill (API).

CSV columns (a header row, ``;`` or ``,`` separated, UTF-8): ``account`` (account
number), ``line`` (MSISDN, optional: empty for a bill of the whole account),
``invoice``, ``amount`` (``12.50`` or ``12,50``), ``due_on`` (``YYYY-MM-DD``).

Every row is checked first (``_validate``: one streaming pass, accounts, lines and known
invoices resolved a chunk at a time, duplicate invoices found from a 64-bit digest per
row, so memory stays bounded whatever the file's size). If any row is bad nothing is
imported: the batch (``ImportBatch``, imported False) lists each bad row, its line
number in the file and why (the first ``REPORT_LIMIT``; the count of all). Otherwise a
second pass writes the bills with ``bulk_create`` in chunks, in one transaction. A
bill already known with the same amount is left as it is; the same file (same SHA-256)
imported again changes nothing and gives back the first batch.
"""

from __future__ import annotations

import csv
import hashlib
import io
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import IO, Any

import numpy as np
from django.db import transaction

from pacte.cases.bills import amount_parse
from pacte.core import clock
from pacte.core.errors import PacteError, error_text
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.customers.models import Account, Line
from pacte.operations.errors import OperationError
from pacte.operations.models import ImportBatch, ImportKind, UnpaidBill

COLUMNS = ("account", "line", "invoice", "amount", "due_on")
REQUIRED = ("account", "invoice", "amount", "due_on")
CHUNK = 5_000
REPORT_LIMIT = 1_000
MAX_INVOICE = 40


@dataclass(frozen=True, slots=True)
class BillRow:
    """One bill as given (``number``: its line in the file, the header being 1)."""

    number: int
    account: str
    line: str
    invoice: str
    amount: str
    due_on: str


@dataclass(slots=True)
class CheckedBill:
    """A row that passed every check, resolved."""

    account_id: int
    line_id: int | None
    invoice: str
    amount: Decimal
    due_on: date
    known: bool  # already stored with this amount: left as it is


def problem(number: int, error: PacteError) -> dict[str, Any]:
    """A report entry: the row's number, the code, the English reason and its params."""
    params = {key: str(value) for key, value in error.params.items()}
    return {"line": number, "code": str(error.code), "reason": error.message, "params": params}


def problem_text(entry: dict[str, Any]) -> str:
    """A report entry's reason in the active language."""
    template = error_text(OperationError(entry["code"]))
    try:
        return str(template) % entry.get("params", {}) if template else str(entry["reason"])
    except (KeyError, TypeError, ValueError):
        return str(entry["reason"])


def _rows(stream: IO[bytes]) -> Iterator[BillRow]:
    """The file's rows, streamed (PacteError BILLS_FILE_INVALID for a bad header or
    text that is not UTF-8). The stream is left open."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        yield from _parsed(text)
    except (UnicodeDecodeError, csv.Error) as error:
        raise PacteError(
            OperationError.BILLS_FILE_INVALID, str(error), problem="not UTF-8 CSV text"
        ) from error
    finally:
        text.detach()


def _parsed(text: io.TextIOWrapper) -> Iterator[BillRow]:
    first = text.readline()
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = [name.strip().lower() for name in next(csv.reader([first], delimiter=delimiter), [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise PacteError(
            OperationError.BILLS_FILE_INVALID,
            f"Missing columns: {', '.join(missing)}.",
            problem="missing columns " + ", ".join(missing),
        )
    where = [(name, header.index(name)) for name in COLUMNS if name in header]
    width = len(header)
    for number, cells in enumerate(csv.reader(text, delimiter=delimiter), start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        get = {name: cells[index].strip() for name, index in where}
        line = get.get("line", "")
        yield BillRow(number, get["account"], line, get["invoice"], get["amount"], get["due_on"])


def _chunks(rows: Iterator[BillRow]) -> Iterator[list[BillRow]]:
    chunk: list[BillRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Resolver:
    """Accounts, lines and known invoices of a chunk of rows, in three queries."""

    def __init__(self, rows: list[BillRow]) -> None:
        self.accounts = dict(
            Account.objects.filter(number__in={row.account for row in rows}).values_list(
                "number", "pk"
            )
        )
        msisdns = {row.line for row in rows if row.line}
        self.lines = {
            msisdn: (pk, account)
            for msisdn, pk, account in Line.objects.filter(msisdn__in=msisdns).values_list(
                "msisdn", "pk", "account_id"
            )
        }
        accounts = set(self.accounts.values())
        stored = UnpaidBill.objects.filter(invoice__in={row.invoice for row in rows})
        self.known = {
            (account, invoice): amount
            for account, invoice, amount in stored.values_list("account_id", "invoice", "amount")
            if account in accounts
        }

    def check(self, row: BillRow) -> CheckedBill:
        """The row resolved; PacteError naming the first thing wrong with it."""
        account_id = self.accounts.get(row.account)
        if account_id is None:
            raise PacteError(
                OperationError.BILL_ACCOUNT_UNKNOWN, "Unknown account.", account=row.account
            )
        line_id = None
        if row.line:
            line = self.lines.get(row.line)
            if line is None or line[1] != account_id:
                raise PacteError(
                    OperationError.BILL_LINE_NOT_OF_ACCOUNT,
                    "Line not of the account.",
                    line=row.line,
                    account=row.account,
                )
            line_id = line[0]
        return _checked(row, account_id, line_id, self.known)


def _checked(
    row: BillRow, account_id: int, line_id: int | None, known: dict[tuple[int, str], Decimal]
) -> CheckedBill:
    if not row.invoice or len(row.invoice) > MAX_INVOICE:
        raise PacteError(OperationError.BILL_INVOICE_INVALID, "Bad invoice number.")
    try:
        amount = amount_parse(row.amount)
    except PacteError:
        amount = None
    if amount is None or amount <= 0:
        raise PacteError(OperationError.BILL_AMOUNT_INVALID, "Bad amount.", amount=row.amount)
    try:
        due_on = date.fromisoformat(row.due_on)
    except ValueError:
        raise PacteError(
            OperationError.BILL_DATE_INVALID, "Bad due date.", due_on=row.due_on
        ) from None
    stored = known.get((account_id, row.invoice))
    if stored is not None and stored != amount:
        raise PacteError(
            OperationError.BILL_INVOICE_CONFLICT,
            f"Invoice known with amount {stored}.",
            invoice=row.invoice,
            known=f"{stored:.2f}",
        )
    return CheckedBill(account_id, line_id, row.invoice, amount, due_on, stored is not None)


def _key(account: str, invoice: str) -> int:
    digest = hashlib.blake2b(f"{account}\x1f{invoice}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


@dataclass
class _Report:
    rows: int = 0
    bad: int = 0
    entries: list[dict[str, Any]] | None = None

    def add(self, number: int, error: PacteError) -> None:
        self.bad += 1
        if self.entries is None:
            self.entries = []
        if len(self.entries) < REPORT_LIMIT:
            self.entries.append(problem(number, error))


def _validate(stream: IO[bytes], report: _Report) -> None:
    """Pass 1: every row checked; duplicates of an invoice in the file found at the end."""
    keys = array("q")
    for chunk in _chunks(_rows(stream)):
        resolver = _Resolver(chunk)
        for row in chunk:
            report.rows += 1
            keys.append(_key(row.account, row.invoice))
            try:
                resolver.check(row)
            except PacteError as error:
                report.add(row.number, error)
    values, counts = np.unique(np.frombuffer(keys, dtype=np.int64), return_counts=True)
    repeated = set(values[counts > 1].tolist())
    del keys, values, counts
    if repeated:
        stream.seek(0)
        first: dict[tuple[str, str], int] = {}
        for row in _rows(stream):
            if _key(row.account, row.invoice) not in repeated:
                continue
            seen = first.setdefault((row.account, row.invoice), row.number)
            if seen != row.number:
                report.add(
                    row.number,
                    PacteError(
                        OperationError.BILL_INVOICE_DUPLICATE,
                        "Invoice repeated in the file.",
                        invoice=row.invoice,
                        first=seen,
                    ),
                )
        if report.entries:
            report.entries.sort(key=lambda entry: int(entry["line"]))


def _write(stream: IO[bytes], batch: ImportBatch) -> int:
    """Pass 2 (the file is valid): the bills written, a chunk at a time."""
    written = 0
    for chunk in _chunks(_rows(stream)):
        resolver = _Resolver(chunk)
        bills = []
        for row in chunk:
            checked = resolver.check(row)
            if checked.known:
                continue
            bills.append(
                UnpaidBill(
                    account_id=checked.account_id,
                    line_id=checked.line_id,
                    invoice=checked.invoice,
                    amount=checked.amount,
                    due_on=checked.due_on,
                    reported_at=batch.at,
                    batch=batch,
                )
            )
        UnpaidBill.objects.bulk_create(bills, batch_size=CHUNK)
        written += len(bills)
    return written


def _digest(stream: IO[bytes]) -> str:
    sha = hashlib.sha256()
    for block in iter(lambda: stream.read(1 << 20), b""):
        sha.update(block)
    stream.seek(0)
    return sha.hexdigest()


def bills_import(*, stream: IO[bytes], file_name: str, actor: User) -> ImportBatch:
    """Import a CSV file of unpaid bills whole, or nothing (the batch's report says why).

    ``stream``: the file, binary and seekable (read three times at most). The same file
    already imported gives back its batch and writes nothing.
    """
    if not may(actor, Action.BILLS_IMPORT):
        raise PacteError(OperationError.NOT_ALLOWED, "Your role may not do this.")
    sha256 = _digest(stream)
    done = ImportBatch.objects.filter(
        kind=ImportKind.UNPAID_BILLS, sha256=sha256, imported=True
    ).first()
    if done is not None:
        return done
    batch = ImportBatch(
        kind=ImportKind.UNPAID_BILLS,
        file_name=file_name[:255],
        sha256=sha256,
        actor=actor,
        at=clock.now(),
    )
    report = _Report()
    try:
        _validate(stream, report)
    except PacteError as error:
        report.add(1, error)
    batch.rows, batch.rejected = report.rows, report.bad
    batch.report = report.entries or []
    if report.bad:
        batch.save(force_insert=True)
        return batch
    stream.seek(0)
    with transaction.atomic():
        batch.imported = True
        batch.save(force_insert=True)
        batch.accepted = _write(stream, batch)
        batch.save(update_fields=["accepted"])
    return batch


@transaction.atomic
def unpaid_bill_report(
    *,
    account: str,
    invoice: str,
    amount: str,
    due_on: str,
    actor: User,
    line: str = "",
) -> tuple[UnpaidBill, bool]:
    """One unpaid bill from the billing system (the API): the bill and whether it is
    new. The same bill given again is left as it is; refused as a CSV row would be."""
    if not may(actor, Action.BILLS_IMPORT):
        raise PacteError(OperationError.NOT_ALLOWED, "Your role may not do this.")
    row = BillRow(1, account.strip(), line.strip(), invoice.strip(), amount, due_on.strip())
    checked = _Resolver([row]).check(row)
    if checked.known:
        return UnpaidBill.objects.get(account_id=checked.account_id, invoice=row.invoice), False
    bill = UnpaidBill.objects.create(
        account_id=checked.account_id,
        line_id=checked.line_id,
        invoice=checked.invoice,
        amount=checked.amount,
        due_on=checked.due_on,
        reported_at=clock.now(),
    )
    return bill, True


def bills_csv(rows: list[tuple[str, str, str, str, str]]) -> bytes:
    """A CSV file of bills (tests, demo, bench): header then the rows, ``;`` separated."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode()
