"""The access page's error codes."""

from __future__ import annotations

from enum import StrEnum


class AccessError(StrEnum):
    NOT_ADMINISTRATOR = "access_not_administrator"
    NOT_FOUND = "access_entry_not_found"
    INVALID = "access_invalid"
    NOTHING_PUBLISHED = "access_nothing_published"
