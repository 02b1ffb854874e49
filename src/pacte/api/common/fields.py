"""Serializer fields the API shares: dates, instants and months in the supported range
(``pacte.core.dates``: the years 2000 to 2100), instants that must carry an offset, and
named enums.

The enum fields appear in the OpenAPI document as one named component each
(``Channel``, ``CaseKind``, ``EventKind``), so a channel is the same type whether
the field is called ``channel`` or ``told_via``, and a case's ``kind`` is not
confused with an event's.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pacte.cases.models import EventKind
from pacte.compliance.periods import parse_month
from pacte.core.dates import validate_supported_date
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind, Channel

# What a month looks like; the OpenAPI document gives the supported years' pattern.
MONTH_SHAPE = r"[0-9]{4}-[0-9]{2}"
MONTH_PATTERN = r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$"


class SupportedDateField(serializers.DateField):
    """A ``YYYY-MM-DD`` date in the supported years."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(**kwargs)
        self.validators.append(validate_supported_date)


class SupportedDateTimeField(serializers.DateTimeField):
    """An ISO 8601 instant in the supported years (a naive one is read in the site zone)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(validate_supported_date)


class AwareDateTimeField(SupportedDateTimeField):
    """An ISO 8601 instant that must carry its offset: a naive one is refused, not guessed."""

    default_error_messages = {
        "naive": "Give the time zone offset, e.g. 2026-03-10T09:30:00+01:00 or "
        "2026-03-10T08:30:00Z."
    }

    def to_internal_value(self, value: Any) -> datetime:
        parsed = value
        if isinstance(value, str):
            try:
                parsed = parse_datetime(value.strip())
            except ValueError:
                parsed = None
        if isinstance(parsed, datetime) and timezone.is_naive(parsed):
            self.fail("naive")
        return super().to_internal_value(value)


@extend_schema_field(
    {"type": "string", "pattern": MONTH_PATTERN, "example": "2026-03"}, component_name="Month"
)
class MonthField(serializers.CharField):
    """A calendar month ``YYYY-MM`` in the supported years, validated as ``(year, month)``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> tuple[int, int]:  # type: ignore[override]
        text = super().to_internal_value(data)
        if not re.fullmatch(MONTH_SHAPE, text):
            raise serializers.ValidationError("Expected a month as YYYY-MM.")
        try:
            return parse_month(text)
        except PacteError as error:
            raise serializers.ValidationError(error.message) from error


def _enum(choices: type[models.TextChoices]) -> dict[str, Any]:
    return {"type": "string", "enum": [str(value) for value in choices.values]}


class _BlankAsNullChoiceField(serializers.ChoiceField):
    """With ``allow_null``, a blank value ("none", "any") is rendered as null, never as
    ``""``, which is not one of the enum's values."""

    def to_representation(self, value: Any) -> Any:
        if value == "" and self.allow_null:
            return None
        return super().to_representation(value)


@extend_schema_field(_enum(Channel), component_name="Channel")
class ChannelField(_BlankAsNullChoiceField):
    """A channel code."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Channel.choices, **kwargs)


@extend_schema_field(_enum(CaseKind), component_name="CaseKind")
class CaseKindField(_BlankAsNullChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=CaseKind.choices, **kwargs)


@extend_schema_field(_enum(EventKind), component_name="EventKind")
class EventKindField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=EventKind.choices, **kwargs)
