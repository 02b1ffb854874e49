"""The telephony endpoints' request bodies and query strings."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from rest_framework import serializers

from pacte.api.common.fields import SupportedDateField, SupportedDateTimeField
from pacte.telephony.measures import INTERVAL_MINUTES as MEASURE_INTERVALS
from pacte.telephony.models import FIELD_LENGTH, CallEventKind, CallQueue
from pacte.telephony.planner import (
    INTERVAL_MINUTES,
    MAX_HANDLE_SECONDS,
    MAX_INTERVALS,
    MAX_PATIENCE_SECONDS,
    MAX_THRESHOLD_SECONDS,
    MIN_OCCUPANCY,
    MIN_PATIENCE_SECONDS,
    parse_time,
)


class ForecastIntervalSerializer(serializers.Serializer[Any]):
    start = serializers.CharField(max_length=5, help_text="Start of the interval, HH:MM.")
    arrivals = serializers.FloatField(min_value=0, help_text="Calls forecast in the interval.")
    handle_seconds = serializers.FloatField(
        min_value=0, max_value=MAX_HANDLE_SECONDS, help_text="Average handle time, seconds."
    )

    def validate_start(self, value: str) -> str:
        try:
            parse_time(value)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error
        return value


class StaffingRequestSerializer(serializers.Serializer[Any]):
    interval_minutes = serializers.ChoiceField(
        choices=INTERVAL_MINUTES, help_text="Length of every interval: 15, 30 or 60."
    )
    service_level_target = serializers.FloatField(
        min_value=0,
        max_value=1,
        help_text="Share of calls to answer within the threshold, above 0 and below 1 (0.8).",
    )
    threshold_seconds = serializers.FloatField(
        min_value=0, max_value=MAX_THRESHOLD_SECONDS, help_text="The threshold, seconds (20)."
    )
    max_occupancy = serializers.FloatField(
        min_value=MIN_OCCUPANCY,
        max_value=1,
        required=False,
        allow_null=True,
        help_text="Optional cap on agent occupancy, 0.5 to 1 (0.85).",
    )
    patience_seconds = serializers.FloatField(
        min_value=MIN_PATIENCE_SECONDS,
        max_value=MAX_PATIENCE_SECONDS,
        required=False,
        allow_null=True,
        help_text="Optional mean patience of the callers, seconds (1 to 3600): adds Erlang A.",
    )
    intervals = serializers.ListField(
        child=ForecastIntervalSerializer(),
        min_length=1,
        max_length=MAX_INTERVALS,
        help_text="The forecast, one item per interval (any order, each start once).",
    )


class CallEventInputSerializer(serializers.Serializer[Any]):
    """For the documentation: the checks are :func:`event_input`'s."""

    callid = serializers.CharField(
        max_length=FIELD_LENGTH, help_text="The ACD's call id (optional for `agents`)."
    )
    kind = serializers.ChoiceField(choices=CallEventKind.choices)
    at = SupportedDateTimeField(help_text="When it happened, with a time zone.")
    data = serializers.JSONField(  # type: ignore[assignment]  # the field is named "data"
        required=False, help_text="The kind's fields (docs/telephony.md); extra ones are kept."
    )


class EstimateQuerySerializer(serializers.Serializer[Any]):
    callid = serializers.CharField(max_length=FIELD_LENGTH, required=False, allow_blank=True)


class MeasuresQuerySerializer(serializers.Serializer[Any]):
    date = SupportedDateField(help_text="The day, YYYY-MM-DD.")
    interval = serializers.ChoiceField(
        choices=MEASURE_INTERVALS, default=15, help_text="Interval length: 15, 30 or 60 minutes."
    )
    queue = serializers.CharField(required=False, max_length=255, help_text="One queue's name.")

    def validate_interval(self, value: Any) -> int:
        return int(value)

    def validate_queue(self, value: str) -> str:
        if not CallQueue.objects.filter(name=value).exists():
            raise serializers.ValidationError(
                gettext("No queue is named “%(name)s”.") % {"name": value}
            )
        return value
