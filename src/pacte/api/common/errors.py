"""The API's error codes and its one error format: ``{"code", "detail"}``."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.utils.translation import gettext, gettext_lazy
from rest_framework import status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from pacte.cases.errors import CaseError
from pacte.complaints.errors import ComplaintError
from pacte.contracts.errors import ContractError
from pacte.core.errors import PacteError, error_text, error_texts


class ApiError(StrEnum):
    INVALID = "invalid"
    READ_ONLY = "read_only_role"
    CREATE_NOT_ALLOWED = "create_not_allowed"
    TEAM_NOT_ALLOWED = "team_not_allowed"
    CHANNEL_NOT_ALLOWED = "channel_not_allowed"
    CUSTOMER_NOT_ALLOWED = "customer_not_allowed"
    FIELD_NOT_ALLOWED = "field_not_allowed"
    CUSTOMER_INTAKE_DISABLED = "customer_intake_disabled"
    IDEMPOTENCY_KEY_INVALID = "idempotency_key_invalid"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use"
    CURSOR_INVALID = "cursor_invalid"
    REQUEST_TOO_LARGE = "request_too_large"
    BAD_REQUEST = "bad_request"


class ConflictError(PacteError):
    """The request conflicts with the current state; it may succeed later."""

    status_code = status.HTTP_409_CONFLICT


class UnprocessableError(PacteError):
    """The request is well-formed but cannot be processed as sent."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY


# Domain refusals that say "not in this state": the request may succeed later.
CONFLICT_CODES = frozenset(
    {
        CaseError.CLOSED,
        CaseError.NOT_CLOSED,
        CaseError.CUSTOMER_ALREADY_IDENTIFIED,
        ComplaintError.APPEAL_TOO_EARLY,
        ComplaintError.APPEAL_ALREADY_FILED,
        ContractError.NOTICE_MISSING,
        CaseError.PROVEN_DISPUTE_NOT_CORRECTED,
    }
)


def _pacte_response(exc: PacteError) -> Response:
    status_code = status.HTTP_409_CONFLICT if exc.code in CONFLICT_CODES else exc.status_code
    return Response({"code": str(exc.code), "detail": exc.text}, status=status_code)


def _first_message(detail: Any, prefix: str = "") -> str:
    """The first message of a (nested) DRF error detail, prefixed with its field path."""
    if isinstance(detail, dict):
        for field, inner in detail.items():
            name = "" if field == "non_field_errors" else str(field)
            return _first_message(inner, f"{prefix}.{name}" if prefix and name else prefix or name)
    if isinstance(detail, list) and detail:
        return _first_message(detail[0], prefix)
    return f"{prefix}: {detail}" if prefix else str(detail)


def refusal_body(exc: SuspiciousOperation) -> tuple[int, dict[str, str]]:
    """Status and ``{code, detail}`` for a request Django refused before any view code ran:
    a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (413), too many fields or files (400)."""
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        detail = gettext(
            "The request body is larger than %(limit)d bytes (files uploaded apart)."
        ) % {"limit": limit}
        return status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, {
            "code": str(ApiError.REQUEST_TOO_LARGE),
            "detail": detail,
        }
    detail = str(error_text(ApiError.BAD_REQUEST) or exc)
    return status.HTTP_400_BAD_REQUEST, {"code": str(ApiError.BAD_REQUEST), "detail": detail}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Render every error as ``{"code", "detail"}``; validation errors add ``field_errors``.

    ``detail`` is in the request's language (``Accept-Language``, else French): a domain
    refusal's ``PacteError.text``, DRF's own messages (401, 403, 404, 405, 415, throttles)
    through its catalogue, its parse errors through ours. ``code`` never changes with the
    language."""
    if isinstance(exc, PacteError):
        return _pacte_response(exc)
    if isinstance(exc, SuspiciousOperation):
        status_code, refusal = refusal_body(exc)
        return Response(refusal, status=status_code)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ValidationError):
        body: dict[str, Any] = {"code": str(ApiError.INVALID), "detail": _first_message(exc.detail)}
        if isinstance(exc.detail, dict):
            body["field_errors"] = exc.detail
        response.data = body
    elif isinstance(response.data, dict) and "detail" in response.data:
        detail = response.data["detail"]
        code = detail.code if isinstance(detail, ErrorDetail) else "error"
        response.data = {"code": str(code), "detail": _parse_error_text(str(detail))}
    return response


# DRF's parsers say what went wrong in English, untranslated: ours in the user's language.
PARSE_ERRORS = {
    "JSON parse error - ": gettext_lazy("The body is not valid JSON: %(reason)s"),
    "Multipart form parse error - ": gettext_lazy("The multipart body is malformed: %(reason)s"),
}


def _parse_error_text(detail: str) -> str:
    for prefix, text in PARSE_ERRORS.items():
        if detail.startswith(prefix):
            return str(text) % {"reason": detail.removeprefix(prefix)}
    return detail


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        ApiError.INVALID: gettext_lazy("The request is not valid."),
        ApiError.READ_ONLY: gettext_lazy("Your role may read this case but not change it."),
        ApiError.CREATE_NOT_ALLOWED: gettext_lazy("Your role may not open cases."),
        ApiError.TEAM_NOT_ALLOWED: gettext_lazy("You are not a member of this team."),
        ApiError.CHANNEL_NOT_ALLOWED: gettext_lazy("You may not open cases on this channel."),
        ApiError.CUSTOMER_NOT_ALLOWED: gettext_lazy("You may not open cases for this customer."),
        ApiError.FIELD_NOT_ALLOWED: gettext_lazy("This field may not be sent."),
        ApiError.CUSTOMER_INTAKE_DISABLED: gettext_lazy("Customers cannot open cases here."),
        ApiError.IDEMPOTENCY_KEY_INVALID: gettext_lazy("The Idempotency-Key header is not valid."),
        ApiError.IDEMPOTENCY_KEY_REUSED: gettext_lazy(
            "This Idempotency-Key was used for another request."
        ),
        ApiError.IDEMPOTENCY_KEY_IN_USE: gettext_lazy(
            "A request with this Idempotency-Key is in progress."
        ),
        ApiError.CURSOR_INVALID: gettext_lazy("The cursor is not valid."),
        ApiError.REQUEST_TOO_LARGE: gettext_lazy("The request body is too large."),
        ApiError.BAD_REQUEST: gettext_lazy("The request is malformed."),
    }
)
