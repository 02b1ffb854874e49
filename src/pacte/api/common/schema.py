"""OpenAPI pieces shared by the views: the error shape, declared error responses and the
idempotency header."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from pacte.api.common.idempotency import HEADER, MAX_KEY_LENGTH, REPLAYED_HEADER


class ErrorSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="A stable, machine-readable reason.")
    detail = serializers.CharField(help_text="A sentence a person can read.")
    field_errors = serializers.DictField(
        required=False,
        child=serializers.JSONField(),
        help_text="Validation errors only: the messages per field.",
    )


ERROR_DESCRIPTIONS = {
    400: "Invalid input, or refused by a business rule (see `code`).",
    401: "Not authenticated: send `Authorization: Token <key>` or a session cookie.",
    403: "Your role may not do this (or this field, channel, team or customer).",
    404: "No such case, or not one you may see.",
    409: "Conflicts with the current state (e.g. case closed), or a request with the "
    "same Idempotency-Key is still in progress.",
    422: "This Idempotency-Key was already used with a different request.",
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """The ``{code, detail}`` error response for each of ``statuses``."""
    return {
        status: OpenApiResponse(response=ErrorSerializer, description=ERROR_DESCRIPTIONS[status])
        for status in statuses
    }


IDEMPOTENCY_KEY = OpenApiParameter(
    name=HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        f"Up to {MAX_KEY_LENGTH} printable ASCII characters, unique per request you mean "
        "(a UUID). A retry with the same key and body returns the first response with "
        f"`{REPLAYED_HEADER}: true`; the same key with another body is refused (422)."
    ),
)


BODY_REFUSALS = {
    "400": "The body is not valid JSON, or nested deeper than 32 levels (`json_too_deep`).",
    "413": "The body is larger than the server accepts (`request_too_large`).",
    "415": "The body's content type is not one this operation reads.",
}


def document_body_refusals(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """A drf-spectacular postprocessing hook: every operation that reads a body may refuse
    it before any view code runs (unreadable, too deep, too large, wrong content type), so
    each declares 400, 413 and 415 with the error shape."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for item in result.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or "requestBody" not in operation:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in BODY_REFUSALS.items():
                responses.setdefault(status, {"content": error, "description": description})
    return result
