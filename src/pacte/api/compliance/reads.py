"""What the compliance endpoints read, with the API's 404s: who may, the active scheme
version, a month's closing, and the items behind one indicator's figure (live, or sealed
at the closing). The queries are ``compliance.selectors``'s."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from rest_framework.request import Request

from pacte.api.common.permissions import request_user
from pacte.commitments.models import SchemeVersion
from pacte.commitments.selectors import active_version_by_code, version_indicator
from pacte.compliance.models import MonthClosing
from pacte.compliance.selectors import (
    closing_by_id,
    closing_closed,
    indicator_items,
)
from pacte.compliance.selectors import sealed_items as closing_sealed_items
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
    return closing_closed(scheme_id=version.scheme_id, year=year, month=month)


def live_items(
    *, version: SchemeVersion, code: str, year: int, month: int, verdict: str | None
) -> QuerySet[Any]:
    """The month's items as they stand now: ``item_id``, ``case_id``, verdict, reason."""
    indicator = version_indicator(version=version, code=code)
    if indicator is None:
        raise NotFoundError(ComplianceApiError.NOT_FOUND, f"No indicator “{code}”.")
    return indicator_items(
        indicator=indicator, year=year, month=month, now=clock.now(), verdict=verdict
    )


def sealed_items(*, closing: MonthClosing, code: str, verdict: str | None) -> QuerySet[Any]:
    if version_indicator(version=closing.scheme_version, code=code) is None:
        raise NotFoundError(ComplianceApiError.NOT_FOUND, f"No indicator “{code}”.")
    return closing_sealed_items(closing=closing, code=code, verdict=verdict)


def access_closing(pk: int) -> MonthClosing:
    closing = closing_by_id(pk=pk)
    if closing is None:
        raise NotFoundError(ComplianceApiError.NOT_FOUND, "No such closing.")
    return closing


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        ComplianceApiError.NOT_FOUND: gettext_lazy("Not found."),
    }
)
