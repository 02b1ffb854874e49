"""Reads of the intake channels: the mail room's register of letters, one letter."""

from __future__ import annotations

from django.db.models import QuerySet

from pacte.cases.selectors import case_visible_to
from pacte.core.models import User
from pacte.intake.models import Attachment, Letter


def letter_register_rows(*, user: User) -> QuerySet[Letter]:
    """The register: letters by date of receipt, latest first, with what the list shows.

    Letters follow their cases' visibility: an agent sees the letters of their teams'
    cases (and of cases assigned to them), roles that see every case see every letter.
    """
    letters = Letter.objects.select_related("case", "customer", "registered_by")
    if not user.sees_all_cases:
        letters = letters.filter(case__in=case_visible_to(user=user))
    return letters.order_by("-received_on", "-pk")


def letter_with_case(*, pk: int) -> Letter:
    """The letter ``pk`` with its customer, case and scan joined (one query)."""
    return Letter.objects.select_related("customer", "case", "scan").get(pk=pk)


def case_attachment(*, pk: int) -> Attachment | None:
    """The attachment ``pk`` if it belongs to a case (the caller checks the case may be
    read); None otherwise."""
    return Attachment.objects.filter(pk=pk, case__isnull=False).first()
