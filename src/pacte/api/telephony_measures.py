"""``GET /api/telephony/measures/``: a day's telephone measures per queue and interval.

Supervisors, quality managers, auditors and administrators read; for anyone else the
endpoint does not exist (404). ``date`` (YYYY-MM-DD, a day in the site time zone) is
required; ``interval`` is 15, 30 or 60 (default 15); ``queue`` names one queue. A bad
parameter is a 400 naming it. Shares are fractions; a figure with nothing to divide by
is ``null`` (no data), never 0.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.fields import SupportedDateField
from pacte.api.permissions import request_user
from pacte.api.schema import error_responses
from pacte.api.telephony import require_staffing_user
from pacte.telephony.measures import INTERVAL_MINUTES, MeasureRow, Measures, queue_measures
from pacte.telephony.models import CallQueue


class MeasuresQuerySerializer(serializers.Serializer[Any]):
    date = SupportedDateField(help_text="The day, YYYY-MM-DD.")
    interval = serializers.ChoiceField(
        choices=INTERVAL_MINUTES, default=15, help_text="Interval length: 15, 30 or 60 minutes."
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


class MotiveTalkSerializer(serializers.Serializer[Any]):
    motive = serializers.CharField(help_text='Motive code; "" for calls without a motive.')
    talk_count = serializers.IntegerField(help_text="Answered visits with a talk time.")
    mean_talk_seconds = serializers.FloatField()


class FiguresSerializer(serializers.Serializer[Any]):
    queue = serializers.CharField(allow_null=True, help_text="null for all queues.")
    start = serializers.DateTimeField(allow_null=True, help_text="null for the whole day.")
    end = serializers.DateTimeField(allow_null=True)
    service_level_seconds = serializers.IntegerField(
        allow_null=True, help_text="The queue's threshold; null for all queues (each its own)."
    )
    offered = serializers.IntegerField()
    answered = serializers.IntegerField()
    abandoned = serializers.IntegerField()
    short_abandons = serializers.IntegerField()
    answered_within_threshold = serializers.IntegerField()
    service_level = serializers.FloatField(
        allow_null=True, help_text="Answered within the threshold / (offered - short abandons)."
    )
    average_speed_of_answer_seconds = serializers.FloatField(allow_null=True)
    abandon_rate = serializers.FloatField(allow_null=True)
    mean_talk_seconds = serializers.FloatField(allow_null=True)
    talk_by_motive = MotiveTalkSerializer(many=True)
    calls = serializers.IntegerField(help_text="Calls whose first queue visit is here.")
    solved = serializers.IntegerField()
    committed = serializers.IntegerField()
    first_contact_resolution = serializers.FloatField(
        allow_null=True, help_text="solved / (solved + committed)."
    )
    misrouted = serializers.IntegerField()
    misroute_rate = serializers.FloatField(allow_null=True, help_text="misrouted / calls.")


class MeasuresSerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    interval_minutes = serializers.IntegerField()
    time_zone = serializers.CharField()
    intervals = FiguresSerializer(many=True, help_text="Queue then time order; no empty ones.")
    queues = FiguresSerializer(many=True, help_text="Each queue's whole day.")
    total = FiguresSerializer()


def figures(row: MeasureRow, minutes: int) -> dict[str, Any]:
    tally = row.tally
    start = row.starts_at
    return {
        "queue": row.queue.name if row.queue else None,
        "start": start,
        "end": None if start is None else start + timedelta(minutes=minutes),
        "service_level_seconds": row.queue.service_level_seconds if row.queue else None,
        "offered": tally.offered,
        "answered": tally.answered,
        "abandoned": tally.abandoned,
        "short_abandons": tally.short_abandons,
        "answered_within_threshold": tally.within,
        "service_level": tally.service_level,
        "average_speed_of_answer_seconds": tally.average_speed_of_answer,
        "abandon_rate": tally.abandon_rate,
        "mean_talk_seconds": tally.mean_talk_seconds,
        "talk_by_motive": [
            {"motive": m.code, "talk_count": m.talk_count, "mean_talk_seconds": m.mean_talk_seconds}
            for m in row.talk_by_motive
        ],
        "calls": tally.calls,
        "solved": tally.solved,
        "committed": tally.committed,
        "first_contact_resolution": tally.first_contact_resolution,
        "misrouted": tally.misrouted,
        "misroute_rate": tally.misroute_rate,
    }


def measures_data(measures: Measures) -> dict[str, Any]:
    minutes = measures.interval_minutes
    return {
        "date": measures.day,
        "interval_minutes": minutes,
        "time_zone": settings.TIME_ZONE,
        "intervals": [figures(row, minutes) for row in measures.rows],
        "queues": [figures(row, minutes) for row in measures.queue_days],
        "total": figures(measures.total, minutes),
    }


class TelephonyMeasuresView(APIView):
    """A day's measures per queue and interval, each queue's day and the total."""

    @extend_schema(
        operation_id="telephony_measures",
        parameters=[
            OpenApiParameter("date", str, required=True, description="YYYY-MM-DD (site day)."),
            OpenApiParameter("interval", int, enum=list(INTERVAL_MINUTES)),
            OpenApiParameter("queue", str, description="Limit to the queue of this name."),
        ],
        responses={200: MeasuresSerializer, **error_responses(400, 401, 404)},
    )
    def get(self, request: Request) -> Response:
        require_staffing_user(request_user(request))
        query = MeasuresQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        measures = queue_measures(
            day=data["date"], interval_minutes=data["interval"], queue=data.get("queue")
        )
        return Response(MeasuresSerializer(measures_data(measures)).data)
