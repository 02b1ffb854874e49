"""The compliance read endpoints: monthly results, per-item verdicts and seal checks.

Supervisors, quality managers, auditors and administrators read; anyone else gets a
404 (the endpoints do not exist for them). A closed month is read from its sealed
snapshot. Also holds what the closing endpoints (``compliance_closings``) share with
these: the reader check, the active scheme version, the error responses, query
parsing and the closing serializer.
"""

from __future__ import annotations

import base64
import binascii
from enum import StrEnum
from typing import Any

from django.db.models import CharField, F, QuerySet, Value
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.errors import ApiError
from pacte.api.fields import MonthField
from pacte.api.permissions import request_user
from pacte.api.serializers import ErrorSerializer
from pacte.commitments.models import Indicator, SchemeVersion, VersionStatus
from pacte.compliance.indicators import Verdict, computation_for
from pacte.compliance.indicators.base import Reason
from pacte.compliance.models import ClosedVerdict, ClosingStatus, MonthClosing
from pacte.compliance.publication import closings_integrity
from pacte.compliance.selectors import indicator_verdicts, month_results
from pacte.core import clock
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.models import User

DEFAULT_SCHEME = "telecom-2004"


class ComplianceApiError(StrEnum):
    NOT_FOUND = "not_found"


ERRORS = {
    400: "Invalid input (e.g. a malformed month), or refused by a business rule (see `code`).",
    401: "Not authenticated: send `Authorization: Token <key>` or a session cookie.",
    403: "Only a quality manager may close or reopen a month.",
    404: "No such scheme, indicator, closing or job; or compliance is not for your role.",
    409: "The month is already closed or being closed, or the closing is not closed any more.",
}


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=ERRORS[code]) for code in statuses}


def reader(request: Request) -> User:
    """The user, if compliance is for their role; NotFoundError (404) otherwise."""
    user = request_user(request)
    if not user.sees_all_cases:
        raise NotFoundError(ComplianceApiError.NOT_FOUND, "Not found.")
    return user


def active_version(code: str) -> SchemeVersion:
    version = (
        SchemeVersion.objects.select_related("scheme")
        .filter(scheme__code=code, status=VersionStatus.ACTIVE)
        .first()
    )
    if version is None:
        raise NotFoundError(ComplianceApiError.NOT_FOUND, f"No active scheme “{code}”.")
    return version


def closed_closing(*, version: SchemeVersion, year: int, month: int) -> MonthClosing | None:
    return (
        MonthClosing.objects.select_related("scheme_version__scheme", "closed_by")
        .filter(scheme_id=version.scheme_id, year=year, month=month, status=ClosingStatus.CLOSED)
        .first()
    )


def parsed(serializer_class: type[serializers.Serializer[Any]], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# -- serializers -------------------------------------------------------------------------


class MonthQuerySerializer(serializers.Serializer[Any]):
    scheme = serializers.SlugField(default=DEFAULT_SCHEME, help_text="Scheme code.")
    month = MonthField(help_text="Calendar month, YYYY-MM.")


class VerdictQuerySerializer(MonthQuerySerializer):
    verdict = serializers.ChoiceField(choices=Verdict.choices, required=False)
    cursor = serializers.CharField(required=False)
    page_size = serializers.IntegerField(default=50, min_value=1, max_value=500)


class ResultSerializer(serializers.Serializer[Any]):
    commitment_code = serializers.CharField()
    indicator_code = serializers.CharField()
    computation = serializers.CharField()
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    rate = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    target = serializers.DecimalField(max_digits=7, decimal_places=2)
    target_is_maximum = serializers.BooleanField()
    met = serializers.BooleanField(allow_null=True)
    no_data = serializers.CharField(help_text="Why there is no figure; empty when measured.")


class ClosingSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    scheme = serializers.CharField(source="scheme_version.scheme.code")
    version = serializers.IntegerField(source="scheme_version.number")
    month = serializers.CharField(source="label")
    status = serializers.CharField(help_text="closed, or reopened (then superseded).")
    closed_at = serializers.DateTimeField()
    closed_by = serializers.CharField(source="closed_by.username")
    seal = serializers.CharField(help_text="SHA-256 (hex) of the canonical snapshot.")
    previous_seal = serializers.CharField(help_text="The seal chained to; empty if none.")
    previous = serializers.IntegerField(source="previous_id", allow_null=True)


class IntegritySerializer(serializers.Serializer[Any]):
    status = serializers.CharField(help_text="verified, or under_verification.")
    checked_at = serializers.DateTimeField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())


class MonthResultsSerializer(serializers.Serializer[Any]):
    scheme = serializers.CharField()
    version = serializers.IntegerField(help_text="The scheme version the figures use.")
    month = serializers.CharField()
    status = serializers.CharField(
        help_text="open (live figures), closed (sealed figures) or under_verification (a "
        "closed month whose seal is not verified: no figure until it is)."
    )
    closing = ClosingSerializer(allow_null=True)
    integrity = IntegritySerializer(allow_null=True, help_text="A closed month's seal check.")
    results = ResultSerializer(many=True)


class VerdictItemSerializer(serializers.Serializer[Any]):
    item_kind = serializers.CharField(
        help_text=(
            "clock, caseevent, call, queuevisit, waitannouncement, publishedchannel or publication"
        )
    )
    item_id = serializers.IntegerField()
    case_id = serializers.IntegerField(allow_null=True)
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    reason_code = serializers.CharField()
    reason = serializers.CharField()


class VerdictPageSerializer(serializers.Serializer[Any]):
    basis = serializers.ChoiceField(
        choices=["live", "sealed"],
        help_text="sealed: the verdicts frozen when the month was closed; live: as of now.",
    )
    next = serializers.URLField(allow_null=True)
    results = VerdictItemSerializer(many=True)


class SchemeQuerySerializer(serializers.Serializer[Any]):
    scheme = serializers.SlugField(required=False, help_text="Scheme code; all if absent.")


# -- cursor over one integer column ------------------------------------------------------


def decode_cursor(text: str, *, source: str) -> int:
    try:
        kind, _, value = (
            base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode().partition(":")
        )
        position = int(value)
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise PacteError(ApiError.CURSOR_INVALID, "This cursor is not valid.") from error
    if kind != source:
        raise PacteError(ApiError.CURSOR_INVALID, "This cursor belongs to another listing.")
    return position


def encode_cursor(*, source: str, position: int) -> str:
    return base64.urlsafe_b64encode(f"{source}:{position}".encode()).decode().rstrip("=")


def reason_text(code: str) -> str:
    return str(Reason(code).label) if code in Reason.values else code


# -- views -------------------------------------------------------------------------------


class ResultsView(APIView):
    """One month's result per indicator; the sealed figures when the month is closed."""

    @extend_schema(
        operation_id="compliance_results",
        parameters=[MonthQuerySerializer],
        responses={200: MonthResultsSerializer, **errors(400, 401, 404)},
    )
    def get(self, request: Request) -> Response:
        reader(request)
        params = parsed(MonthQuerySerializer, request.query_params)
        (year, month), version = params["month"], active_version(params["scheme"])
        closing = closed_closing(version=version, year=year, month=month)
        if closing is not None:
            integrity = closings_integrity(closings=[closing])[closing.pk]
            body: dict[str, Any] = {
                "version": closing.scheme_version.number,
                "status": "closed" if integrity.verified else "under_verification",
                "closing": closing,
                "integrity": integrity,
                "results": closing.results if integrity.verified else [],
            }
        else:
            live = month_results(scheme_version=version, year=year, month=month, now=clock.now())
            body = {
                "version": version.number,
                "status": "open",
                "closing": None,
                "integrity": None,
                "results": live,
            }
        body |= {"scheme": version.scheme.code, "month": f"{year:04d}-{month:02d}"}
        return Response(MonthResultsSerializer(body).data)


class IndicatorVerdictsView(APIView):
    """The items behind one indicator's figure, a cursor page at a time (sealed if closed)."""

    @extend_schema(
        operation_id="compliance_indicator_verdicts",
        parameters=[VerdictQuerySerializer],
        responses={200: VerdictPageSerializer, **errors(400, 401, 404)},
    )
    def get(self, request: Request, code: str) -> Response:
        reader(request)
        params = parsed(VerdictQuerySerializer, request.query_params)
        (year, month), version = params["month"], active_version(params["scheme"])
        closing = closed_closing(version=version, year=year, month=month)
        source = "live" if closing is None else "sealed"
        after = decode_cursor(params["cursor"], source=source) if "cursor" in params else None
        size, verdict = params["page_size"], params.get("verdict")
        if closing is None:
            rows = live_items(version=version, code=code, year=year, month=month, verdict=verdict)
            key = "item_id"
        else:
            rows = sealed_items(closing=closing, code=code, verdict=verdict)
            key = "position"
        if after is not None:
            rows = rows.filter(**{f"{key}__gt": after})
        fetched = list(rows.order_by(key)[: size + 1])
        next_url = None
        if len(fetched) > size:
            fetched = fetched[:size]
            token = encode_cursor(source=source, position=fetched[-1][key])
            next_url = request.build_absolute_uri(_with_cursor(request, token))
        items = [
            {
                **row,
                "case_id": row.get("case_id", row.get("item_case")),
                "reason": reason_text(row["reason_code"]),
            }
            for row in fetched
        ]
        body = {"basis": source, "next": next_url, "results": items}
        return Response(VerdictPageSerializer(body).data)


def _with_cursor(request: Request, token: str) -> str:
    query = request.query_params.copy()
    query["cursor"] = token
    return f"{request.path}?{query.urlencode()}"


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
