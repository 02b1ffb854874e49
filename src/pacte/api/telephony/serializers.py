"""The telephony endpoints' response bodies, and the plain data each is rendered from:
a staffing plan, recorded events, a wait estimate, a day's measures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from rest_framework import serializers

from pacte.telephony.erlang_a import ErlangAFigures
from pacte.telephony.estimates import EstimateGiven
from pacte.telephony.measures import MeasureRow, Measures
from pacte.telephony.planner import StaffingPlan, erlang_a_caveat, staffing_caveat


class ErlangAIntervalSerializer(serializers.Serializer[Any]):
    agents = serializers.IntegerField(help_text="Agents required by Erlang A.")
    service_level = serializers.FloatField(
        help_text="Share of all callers answered within the threshold (abandons count as not)."
    )
    probability_of_waiting = serializers.FloatField()
    probability_of_abandoning = serializers.FloatField()
    average_wait_seconds = serializers.FloatField(
        help_text="Mean time in queue of all callers, answered or not."
    )
    occupancy = serializers.FloatField()


class StaffingIntervalSerializer(serializers.Serializer[Any]):
    start = serializers.CharField(help_text="HH:MM.")
    arrivals = serializers.FloatField()
    handle_seconds = serializers.FloatField()
    traffic_erlangs = serializers.FloatField()
    agents = serializers.IntegerField(help_text="Agents required (raw, before shrinkage).")
    service_level = serializers.FloatField(help_text="Share answered within the threshold.")
    probability_of_waiting = serializers.FloatField()
    average_speed_of_answer_seconds = serializers.FloatField()
    occupancy = serializers.FloatField()
    erlang_a = ErlangAIntervalSerializer(
        allow_null=True, help_text="Erlang A's figures; null without a patience."
    )


class StaffingPlanSerializer(serializers.Serializer[Any]):
    interval_minutes = serializers.IntegerField()
    service_level_target = serializers.FloatField()
    threshold_seconds = serializers.FloatField()
    max_occupancy = serializers.FloatField(allow_null=True)
    caveat = serializers.CharField(help_text="Erlang C ignores abandonment: show this with it.")
    peak_agents = serializers.IntegerField()
    agent_hours = serializers.FloatField()
    patience_seconds = serializers.FloatField(allow_null=True)
    erlang_a_caveat = serializers.CharField(
        allow_null=True, help_text="What Erlang A assumes; null without a patience."
    )
    peak_agents_erlang_a = serializers.IntegerField(allow_null=True)
    agent_hours_erlang_a = serializers.FloatField(allow_null=True)
    intervals = StaffingIntervalSerializer(many=True, help_text="In time order.")


def erlang_a_data(figures: ErlangAFigures | None) -> dict[str, Any] | None:
    """One interval's Erlang A figures as plain data; None without a patience."""
    if figures is None:
        return None
    return {
        "agents": figures.agents,
        "service_level": figures.service_level,
        "probability_of_waiting": figures.probability_of_waiting,
        "probability_of_abandoning": figures.probability_of_abandoning,
        "average_wait_seconds": figures.average_wait_seconds,
        "occupancy": figures.occupancy,
    }


def plan_data(plan: StaffingPlan) -> dict[str, Any]:
    """The plan as the response's plain data."""
    erlang_a: list[ErlangAFigures | None] = [*plan.erlang_a] or [None] * len(plan.rows)
    return {
        "interval_minutes": plan.interval_minutes,
        "service_level_target": plan.target.service_level,
        "threshold_seconds": plan.target.threshold_seconds,
        "max_occupancy": plan.target.max_occupancy,
        "caveat": staffing_caveat(),
        "peak_agents": plan.peak_agents,
        "agent_hours": plan.agent_hours,
        "patience_seconds": plan.patience_seconds,
        "erlang_a_caveat": None if plan.patience_seconds is None else erlang_a_caveat(),
        "peak_agents_erlang_a": plan.peak_agents_erlang_a,
        "agent_hours_erlang_a": plan.agent_hours_erlang_a,
        "intervals": [
            {
                "start": row.forecast.starts_at.strftime("%H:%M"),
                "arrivals": row.forecast.arrivals,
                "handle_seconds": row.forecast.handle_seconds,
                "traffic_erlangs": row.figures.traffic_erlangs,
                "agents": row.figures.agents,
                "service_level": row.figures.service_level,
                "probability_of_waiting": row.figures.probability_of_waiting,
                "average_speed_of_answer_seconds": row.figures.average_speed_of_answer_seconds,
                "occupancy": row.figures.occupancy,
                "erlang_a": erlang_a_data(figures),
            }
            for row, figures in zip(plan.rows, erlang_a, strict=True)
        ],
    }


class CallEventResultSerializer(serializers.Serializer[Any]):
    index = serializers.IntegerField()
    callid = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField(help_text="recorded, duplicate (a replay) or stale.")
    event_id = serializers.IntegerField(allow_null=True)


class CallEventBatchSerializer(serializers.Serializer[Any]):
    recorded = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    results = CallEventResultSerializer(many=True)


class WaitEstimateSerializer(serializers.Serializer[Any]):
    queue = serializers.CharField()
    seconds = serializers.IntegerField(allow_null=True, help_text="None: announce no figure.")
    position = serializers.IntegerField(help_text="1 = next to be answered.")
    method = serializers.CharField(help_text="running_average, erlang_c or unknown.")
    waiting = serializers.IntegerField(help_text="Callers waiting in the queue now.")
    agents = serializers.IntegerField(help_text="Agents logged in.")
    handle_seconds = serializers.FloatField(help_text="Average talk time, last 30 minutes.")
    arrivals_per_hour = serializers.FloatField(help_text="Arrival rate, last 30 minutes.")
    announced = serializers.BooleanField(help_text="Stored with the call for T1.3.")


def estimate_data(given: EstimateGiven) -> dict[str, Any]:
    """The estimate as the response's plain data."""
    return {
        "queue": given.live.queue.name,
        "seconds": given.estimate.seconds,
        "position": given.estimate.position,
        "method": str(given.estimate.source),
        "waiting": given.live.waiting,
        "agents": given.live.agents,
        "handle_seconds": given.live.handle_seconds,
        "arrivals_per_hour": given.live.arrivals_per_hour,
        "announced": given.announcement is not None,
    }


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
