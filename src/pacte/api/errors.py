"""Map domain errors to HTTP answers with a code and a reason."""

from __future__ import annotations

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from pacte.core.errors import PacteError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, PacteError):
        return Response({"code": str(exc.code), "detail": exc.message}, status=exc.status_code)
    return drf_exception_handler(exc, context)
