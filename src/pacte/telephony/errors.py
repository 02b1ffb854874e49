"""Telephony's error codes."""

from __future__ import annotations

from enum import StrEnum


class TelephonyError(StrEnum):
    NOT_FOUND = "not_found"
