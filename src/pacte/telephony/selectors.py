"""Reads of calls for the screens: a customer's recent calls beside their cases, the queues."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum

from pacte.telephony.models import Call, CallQueue

RECENT_CALLS = 20


def customer_calls(*, customer_id: int, limit: int = RECENT_CALLS) -> QuerySet[Call]:
    """The customer's last ``limit`` calls, newest first, in one query: each with its
    queue visits counted (``visit_count``, ``answered_count``) and its total wait."""
    return (
        Call.objects.filter(customer_id=customer_id)
        .select_related("motive", "case")
        .annotate(
            visit_count=Count("visits"),
            answered_count=Count("visits", filter=Q(visits__answered_at__isnull=False)),
            waited_seconds=Sum("visits__wait_seconds"),
        )
        .order_by("-started_at", "-pk")[:limit]
    )


def queue_names() -> list[str]:
    """The names of every call queue, in order (the choices of a queue filter)."""
    return list(CallQueue.objects.order_by("name").values_list("name", flat=True))
