"""What the compliance endpoints read: who may, the active scheme version, a month's
closing, and the items behind one indicator's figure (live, or sealed at the closing)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db.models import CharField, F, QuerySet, Value
from django.utils.translation import gettext_lazy
from rest_framework.request import Request

from pacte.api.common.permissions import request_user
from pacte.commitments.models import Indicator, SchemeVersion
from pacte.commitments.selectors import active_version_by_code
from pacte.compliance.indicators import computation_for
from pacte.compliance.models import ClosedVerdict, ClosingStatus, MonthClosing
from pacte.compliance.selectors import indicator_verdicts
from pacte.core import clock
from pacte.core.errors import NotFoundError, error_texts
from pacte.core.models import User
from pacte.core.permissions import Action, require


class ComplianceApiError(StrEnum):
    NOT_FOUND = "not_found"


def reader(request: Request) -> User:
    """The user, if compliance is for their role; NotFoundError (404) otherwise."""
    user = request_user(request)
    require(user, Action.COMPLIANCE_READ, NotFoundError(ComplianceApiError.NOT_FOUND, "Not found."))
    return user


def active_version(code: str) -> SchemeVersion:
    version = active_version_by_code(code=code)
    if version is None:
        raise NotFoundError(ComplianceApiError.NOT_FOUND, f"No active scheme “{code}”.")
    return version


def closed_closing(*, version: SchemeVersion, year: int, month: int) -> MonthClosing | None:
    return (
        MonthClosing.objects.select_related("scheme_version__scheme", "closed_by")
        .filter(scheme_id=version.scheme_id, year=year, month=month, status=ClosingStatus.CLOSED)
        .first()
    )


def live_items(
    *, version: SchemeVersion, code: str, year: int, month: int, verdict: str | None
) -> QuerySet[Any]:
    """The month's items as they stand now: ``item_id``, ``case_id``, verdict, reason."""
    indicator = (
        Indicator.objects.filter(commitment__version=version, code=code)
        .select_related("commitment__version__scheme")
        .first()
    )
    if indicator is None:
        raise NotFoundError(ComplianceApiError.NOT_FOUND, f"No indicator “{code}”.")
    items = indicator_verdicts(indicator=indicator, year=year, month=month, now=clock.now())
    if verdict:
        items = items.filter(verdict=verdict)
    case_path = f"{computation_for(indicator.computation).case_path}_id"
    kind = items.model._meta.model_name or ""
    rows: QuerySet[Any] = items.annotate(
        item_id=F("pk"),
        item_case=F(case_path),
        item_kind=Value(kind, output_field=CharField()),
    ).values("item_id", "item_case", "item_kind", "verdict", "reason_code")
    return rows


def sealed_items(*, closing: MonthClosing, code: str, verdict: str | None) -> QuerySet[Any]:
    if not Indicator.objects.filter(commitment__version=closing.scheme_version, code=code).exists():
        raise NotFoundError(ComplianceApiError.NOT_FOUND, f"No indicator “{code}”.")
    rows = ClosedVerdict.objects.filter(closing=closing, indicator_code=code)
    if verdict:
        rows = rows.filter(verdict=verdict)
    return rows.values("position", "item_kind", "item_id", "case_id", "verdict", "reason_code")


def access_closing(pk: int) -> MonthClosing:
    closing = (
        MonthClosing.objects.select_related("scheme_version__scheme", "closed_by")
        .filter(pk=pk)
        .first()
    )
    if closing is None:
        raise NotFoundError(ComplianceApiError.NOT_FOUND, "No such closing.")
    return closing


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        ComplianceApiError.NOT_FOUND: gettext_lazy("Not found."),
    }
)
