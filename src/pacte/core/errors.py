"""Base error for domain services: a code an interface can map and a message a user can read."""

from __future__ import annotations

from enum import StrEnum


class PacteError(Exception):
    """A business rule refused an operation; nothing was changed."""

    status_code = 400

    def __init__(self, code: StrEnum, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class NotFoundError(PacteError):
    """The object does not exist or the user may not see it (never say which)."""

    status_code = 404


class ForbiddenError(PacteError):
    """The user sees the object but may not do this to it."""

    status_code = 403
