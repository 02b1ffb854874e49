"""Agents logged in per queue, from a live-ish queue_log's membership lines.

Only when the import is *live-ish*: the source's newest stored line is at most
``LIVE_SECONDS`` before the import's ``now`` (an old file says nothing about who is
logged in now). Then the source's ADDMEMBER, AGENTLOGIN and AGENTCALLBACKLOGIN lines
and their REMOVEMEMBER, AGENTLOGOFF and AGENTCALLBACKLOGOFF counterparts are replayed
in order; an agent counts in a queue while added or logged in there (paused agents
count: they are logged in). ``CallQueue.agents_logged_in`` is set unless the ACD/IVR
event API reported a count at a later instant (``agents_updated_at``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Max, Q

from pacte.telephony.models import CallQueue, QueueLogLine, QueueLogSource
from pacte.telephony.queue_log import EventKind

LIVE_SECONDS = 300
_K = EventKind
JOINS = frozenset({_K.ADDMEMBER, _K.AGENTLOGIN, _K.AGENTCALLBACKLOGIN})
LEAVES = frozenset({_K.REMOVEMEMBER, _K.AGENTLOGOFF, _K.AGENTCALLBACKLOGOFF})
NOT_A_QUEUE = frozenset({"NONE", ""})


def agents_logged_in_update(*, source: QueueLogSource, now: datetime) -> dict[str, int] | None:
    """Set each queue's agents logged in from ``source`` if it is live-ish.

    Returns the counts written by queue name, or None when the log is not live-ish.
    Call inside the import's transaction or after it; writes only ``CallQueue`` rows.
    """
    latest = QueueLogLine.objects.filter(source=source).aggregate(at=Max("at"))["at"]
    if latest is None or now - latest > timedelta(seconds=LIVE_SECONDS):
        return None
    members: dict[str, set[str]] = {}
    lines = (
        QueueLogLine.objects.filter(source=source, event__in=[k.value for k in JOINS | LEAVES])
        .order_by("at", "line_number")
        .values_list("queue", "agent", "event")
    )
    for queue, agent, event in lines:
        if queue in NOT_A_QUEUE:
            continue
        present = members.setdefault(queue, set())
        if event in JOINS:
            present.add(agent)
        else:
            present.discard(agent)
    counts = {queue: len(agents) for queue, agents in members.items()}
    known = {queue.name: queue for queue in CallQueue.objects.filter(name__in=counts)}
    for name in sorted(set(counts) - set(known)):
        known[name] = CallQueue.objects.get_or_create(name=name)[0]
    for name, count in counts.items():
        CallQueue.objects.filter(pk=known[name].pk).filter(
            Q(agents_updated_at__isnull=True) | Q(agents_updated_at__lte=latest)
        ).update(agents_logged_in=count, agents_updated_at=latest)
    return counts
