"""Bill matters when a case opens and when it closes (T5.2).

- A complaint about a bill is a bill dispute, on every channel: the scheme gives bill
  disputes their own deadline (T5.2, 5 business days whatever the channel) and excepts
  bills from the request and complaint deadlines (T3.1, T6.3). ``case_open`` applies
  ``bill_case_kind`` with the motive's bill status in force at the receipt, so the web
  form, the portal, a letter, an email route, a phone call and the API agree.
- A bill dispute may be filed with the invoice's reference and the disputed amount;
  they are kept on its OPENED event (data ``{"invoice": "<ref>", "amount": "12.50"}``).
- A dispute whose latest assessment found it proven cannot be closed before a
  correction or a credit is recorded (``dispute_close_check``, called by
  ``case_close``). The assessment and the correction are recorded by
  ``pacte.complaints.disputes``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from pacte.cases.errors import CaseError
from pacte.cases.models import CaseEvent, EventKind
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind

# The largest amount accepted (a typing slip of a few digits more is refused).
MAX_AMOUNT = Decimal("99999999.99")
MAX_INVOICE = 64
CENT = Decimal("0.01")


def bill_case_kind(kind: CaseKind | str, *, billing: bool) -> CaseKind:
    """The kind a case opens with: a complaint about a bill is a bill dispute."""
    if kind == CaseKind.COMPLAINT and billing:
        return CaseKind.BILL_DISPUTE
    return CaseKind(kind)


def amount_parse(value: str | Decimal | None, *, field: str = "amount") -> Decimal | None:
    """An amount of money as typed: ``12.50``, ``12,50`` or ``1 234,50`` (the French
    decimal comma and spaces between thousands), at most two decimals, 0 or more.

    None for an empty value; PacteError (AMOUNT_INVALID) for anything else that is not
    such an amount.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    cleaned = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        amount = None
    if (
        amount is None
        or not amount.is_finite()
        or amount < 0
        or amount > MAX_AMOUNT
        or amount != amount.quantize(CENT)
    ):
        raise PacteError(
            CaseError.AMOUNT_INVALID,
            f"{field}: {text!r} is not an amount (0 or more, at most two decimals).",
        )
    return amount.quantize(CENT)


def amount_text(amount: Decimal) -> str:
    """The amount as the events keep it: ``"12.50"``."""
    return f"{amount.quantize(CENT):.2f}"


@dataclass(frozen=True, slots=True)
class BillDetails:
    """What a bill dispute is filed with: the invoice's reference and the disputed
    amount, both optional (the agent completes them when assessing)."""

    invoice: str = ""
    amount: Decimal | None = None

    @classmethod
    def given(cls, data: Mapping[str, Any]) -> BillDetails | None:
        """The details an input's ``invoice`` and ``amount`` give, or None when neither
        is given; PacteError for an amount that is not one."""
        if not data.get("invoice") and not data.get("amount"):
            return None
        return cls.parse(invoice=data.get("invoice", ""), amount=data.get("amount"))

    @classmethod
    def parse(cls, *, invoice: str = "", amount: str | Decimal | None = None) -> BillDetails:
        """The details as typed; PacteError for an amount that is not one."""
        reference = invoice.strip()
        if len(reference) > MAX_INVOICE:
            raise PacteError(
                CaseError.INVOICE_TOO_LONG,
                f"An invoice reference has at most {MAX_INVOICE} characters.",
                count=MAX_INVOICE,
            )
        return cls(invoice=reference, amount=amount_parse(amount))

    def data(self) -> dict[str, str]:
        """The OPENED event's data for these details (only what was given)."""
        data: dict[str, str] = {}
        if self.invoice:
            data["invoice"] = self.invoice
        if self.amount is not None:
            data["amount"] = amount_text(self.amount)
        return data


def proven_uncorrected(events: Iterable[CaseEvent]) -> bool:
    """Whether the case's latest assessment found the dispute proven and no correction
    or credit is recorded on the case (any correction counts: docs/disputes.md)."""
    latest: CaseEvent | None = None
    corrected = False
    for event in events:
        if event.kind == EventKind.DISPUTE_ASSESSED and (
            latest is None or (event.recorded_at, event.pk) > (latest.recorded_at, latest.pk)
        ):
            latest = event
        corrected = corrected or event.kind == EventKind.CORRECTION_ISSUED
    return latest is not None and bool(latest.data.get("proven")) and not corrected


def dispute_close_check(case_id: int, kind: str) -> None:
    """Refuse (PacteError PROVEN_DISPUTE_NOT_CORRECTED) to close a bill dispute found
    proven that has no correction or credit yet; other cases pass."""
    if kind != CaseKind.BILL_DISPUTE:
        return
    events = CaseEvent.objects.filter(
        case_id=case_id, kind__in=(EventKind.DISPUTE_ASSESSED, EventKind.CORRECTION_ISSUED)
    ).order_by("recorded_at", "pk")
    if proven_uncorrected(events):
        raise PacteError(
            CaseError.PROVEN_DISPUTE_NOT_CORRECTED,
            "The dispute was found proven: record the correction or credit before closing.",
        )
