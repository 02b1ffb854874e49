"""What the API reads: the visible cases, filtered, and one case with its clocks and events.

Visibility is ``cases.selectors``'s; this module adds the API's filters and what a
customer may not read of a case's trail (internal notes, hand-offs, assignments).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from pacte.cases.models import Case, CaseEvent, Clock, EventKind
from pacte.cases.selectors import access_case, case_visible_to
from pacte.core.models import User

# Query-string filter -> ORM lookup. "before" is strict, "after" inclusive.
FILTER_LOOKUPS = {
    "status": "status",
    "channel": "channel",
    "kind": "kind",
    "team": "team__code",
    "assignee": "assignee__username",
    "customer": "customer__reference",
    "due_before": "due_at__lt",
    "due_after": "due_at__gte",
    "received_before": "received_at__lt",
    "received_after": "received_at__gte",
}
# What a customer or a distributor sees of a case's trail.
PUBLIC_EVENT_KINDS = (
    EventKind.OPENED,
    EventKind.CUSTOMER_MESSAGE,
    EventKind.ANSWERED,
    EventKind.DEADLINE_COMMITTED,
    EventKind.CLOSED,
    EventKind.REOPENED,
)


def case_list(*, user: User, filters: Mapping[str, Any]) -> QuerySet[Case]:
    """The cases ``user`` may see, narrowed by the query-string ``filters`` (unordered)."""
    lookups = {
        FILTER_LOOKUPS[name]: value for name, value in filters.items() if name in FILTER_LOOKUPS
    }
    return (
        case_visible_to(user=user)
        .filter(**lookups)
        .select_related("customer", "motive", "team", "site", "assignee")
    )


def events_for(*, user: User) -> QuerySet[CaseEvent]:
    """The events ``user`` may read on a case they see (staff: all; others: public kinds)."""
    events = CaseEvent.objects.select_related("actor").order_by("at", "pk")
    if user.is_pacte_staff:
        return events
    return events.filter(kind__in=PUBLIC_EVENT_KINDS)


def case_with_trail(*, case: Case, user: User) -> Case:
    """Attach ``clock_list`` and ``event_list`` to ``case`` (two queries)."""
    prefetch_related_objects(
        [case],
        Prefetch(
            "clocks",
            queryset=Clock.objects.select_related("commitment").order_by("effective_due_at", "pk"),
            to_attr="clock_list",
        ),
        Prefetch("events", queryset=events_for(user=user), to_attr="event_list"),
    )
    return case


def case_detail(*, user: User, case_id: int) -> Case:
    """The case with its clocks and events if ``user`` may see it; NotFoundError otherwise."""
    return case_with_trail(case=access_case(user=user, case_id=case_id), user=user)
