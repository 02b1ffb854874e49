"""Stored Asterisk ``queue_log`` lines (issue 4, point 4): the raw material of the measures.

A line is stored once per source under its :func:`~pacte.telephony.queue_log.line_key`
(SHA-256 of the raw line): ``unique(source, key)`` makes re-imports idempotent. Two
byte-identical lines of the same source (same second, call, agent and event) are
therefore stored once; they carry no extra information for the measures.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from pacte.core import clock
from pacte.core.append_only import AppendOnlyQuerySet
from pacte.core.chain import ChainedModel, chain_unique
from pacte.telephony.queue_log import EventKind

EVENT_CHOICES = [(kind.value, kind.value) for kind in EventKind]
FIELD_LENGTH = 255


class QueueLogSource(models.Model):
    """One queue_log file as named by the operator (PBX host, file path)."""

    name = models.CharField(_("name"), max_length=500, unique=True)
    last_offset = models.PositiveBigIntegerField(_("last offset"), default=0)
    last_line_number = models.PositiveIntegerField(_("last line number"), default=0)
    first_line_key = models.CharField(_("first line key"), max_length=64, blank=True)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("queue_log source")
        verbose_name_plural = _("queue_log sources")

    def __str__(self) -> str:
        return self.name


class QueueLogLine(ChainedModel):
    """A readable queue_log line with its parsed fields; never changed. A source's lines
    form one hash chain, in the order they were stored."""

    source = models.ForeignKey(
        QueueLogSource, on_delete=models.PROTECT, related_name="lines", verbose_name=_("source")
    )
    key = models.CharField(_("line key"), max_length=64)
    line_number = models.PositiveIntegerField(_("line number"))
    at = models.DateTimeField(_("at"))
    callid = models.CharField(_("call id"), max_length=FIELD_LENGTH)
    queue = models.CharField(_("queue"), max_length=FIELD_LENGTH)
    agent = models.CharField(_("agent"), max_length=FIELD_LENGTH)
    event = models.CharField(_("event"), max_length=32, choices=EVENT_CHOICES)
    data = models.JSONField(_("data"), default=dict)
    raw = models.TextField(_("raw line"))
    # Older than the clock-skew tolerance when imported (pacte.core.instants).
    late_recorded = models.BooleanField(_("late-recorded"), default=False)

    objects: ClassVar[AppendOnlyQuerySet[QueueLogLine]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    chain_field = "source"
    chain_locked_by_writer = True  # the import holds the source's row lock

    class Meta:
        verbose_name = _("queue_log line")
        verbose_name_plural = _("queue_log lines")
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="queue_log_line_unique_key"),
            chain_unique(name="queue_log_line_chain", field="source"),
        ]
        indexes = [
            models.Index(fields=["queue", "at"], name="queue_log_line_queue_at"),
            models.Index(fields=["callid", "at"], name="queue_log_line_callid_at"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id}:{self.line_number} {self.event}"


class QueueLogRejectedLine(models.Model):
    """A line the importer could not read, kept with the reason (never dropped)."""

    source = models.ForeignKey(
        QueueLogSource,
        on_delete=models.PROTECT,
        related_name="rejected_lines",
        verbose_name=_("source"),
    )
    key = models.CharField(_("line key"), max_length=64)
    line_number = models.PositiveIntegerField(_("line number"))
    end_offset = models.PositiveBigIntegerField(_("end offset"))
    raw = models.TextField(_("raw line"))
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("rejected queue_log line")
        verbose_name_plural = _("rejected queue_log lines")
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="queue_log_rejected_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id}:{self.line_number} {self.reason}"


# --- Calls: what the measures and the phone indicators read (issue 4) -------------------
#
# Two sources write them: the ACD/IVR event API (live) and the queue_log importer (after
# the fact). A call is one ``callid``; it visits one or more queues. IVR facts (menu
# choice, price announced, outcome of the request) live on the call; queue facts (waited,
# answered, abandoned, talk time) on each visit.


class Service(models.TextChoices):
    """The number the caller dialled, as the scheme's indicators distinguish them."""

    CUSTOMER = "customer", _("Customer service")
    DISTRIBUTOR = "distributor", _("Point-of-sale hotline")
    DIRECTORY = "directory", _("Directory and connection (222)")


class CallQueue(models.Model):
    """An ACD queue, named as the ACD and its queue_log name it."""

    name = models.CharField(_("name"), max_length=FIELD_LENGTH, unique=True)
    label = models.CharField(_("label"), max_length=120, blank=True)
    service = models.CharField(
        _("service"), max_length=16, choices=Service.choices, default=Service.CUSTOMER
    )
    motive = models.ForeignKey(
        "cases.Motive",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="call_queues",
        verbose_name=_("motive"),
        help_text=_("What the IVR routes to this queue."),
    )
    service_level_seconds = models.PositiveIntegerField(
        _("service level threshold (s)"), default=60
    )
    short_abandon_seconds = models.PositiveIntegerField(
        _("short abandon threshold (s)"),
        default=5,
        help_text=_("Callers who hang up sooner are left out of the service level."),
    )
    agents_logged_in = models.PositiveIntegerField(_("agents logged in"), default=0)
    agents_updated_at = models.DateTimeField(_("agents updated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("call queue")
        verbose_name_plural = _("call queues")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.label or self.name


class CallSource(models.TextChoices):
    API = "api", _("ACD/IVR event API")
    QUEUE_LOG = "queue_log", _("queue_log import")


class CallOutcome(models.TextChoices):
    """What became of the caller's request before hang-up (T1.5, T3.1)."""

    NONE = "", _("No request recorded")
    SOLVED = "solved", _("Solved during the call")
    COMMITTED = "committed", _("Deadline committed before hang-up")


class Call(models.Model):
    callid = models.CharField(_("call id"), max_length=FIELD_LENGTH, unique=True)
    source = models.CharField(_("source"), max_length=16, choices=CallSource.choices)
    service = models.CharField(
        _("service"), max_length=16, choices=Service.choices, default=Service.CUSTOMER
    )
    caller_number = models.CharField(_("caller number"), max_length=32, blank=True)
    dialled_number = models.CharField(_("dialled number"), max_length=32, blank=True)
    customer = models.ForeignKey(
        "customers.Customer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
        verbose_name=_("customer"),
    )
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ivr_choice = models.CharField(_("IVR menu choice"), max_length=120, blank=True)
    price_announced_at = models.DateTimeField(_("price announced at"), null=True, blank=True)
    motive = models.ForeignKey(
        "cases.Motive",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
        verbose_name=_("motive"),
    )
    misrouted = models.BooleanField(
        _("misrouted"), default=False, help_text=_("Transferred because the IVR routed it wrong.")
    )
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=CallOutcome.choices, default="", blank=True
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
        verbose_name=_("case"),
    )
    outcome_at = models.DateTimeField(
        _("outcome recorded at"), null=True, blank=True, help_text=_("Before hang-up counts.")
    )
    committed_due_at = models.DateTimeField(_("committed deadline"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ("-started_at",)
        indexes = [
            models.Index(fields=["started_at"], name="call_started"),
            models.Index(fields=["caller_number", "started_at"], name="call_caller_started"),
        ]

    def __str__(self) -> str:
        return self.callid


class VisitOutcome(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    ANSWERED = "answered", _("Answered")
    ABANDONED = "abandoned", _("Abandoned")
    TIMEOUT = "timeout", _("Left on timeout")
    EMPTY = "empty", _("Left: no agent")
    KEY = "key", _("Left with a key")
    LOST = "lost", _("Lost (no end recorded)")


class QueueVisit(models.Model):
    """One caller's time in one queue: the unit of service level, ASA and abandon rate."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="visits")
    queue = models.ForeignKey(CallQueue, on_delete=models.PROTECT, related_name="visits")
    source = models.CharField(_("source"), max_length=16, choices=CallSource.choices)
    entered_at = models.DateTimeField(_("entered at"))
    position = models.PositiveIntegerField(_("position at entry"), null=True, blank=True)
    predicted_wait_seconds = models.PositiveIntegerField(
        _("predicted wait (s)"), null=True, blank=True, help_text=_("Estimated at entry.")
    )
    offered_at = models.DateTimeField(_("first offered at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    agent = models.CharField(_("agent"), max_length=FIELD_LENGTH, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=VisitOutcome.choices, default=VisitOutcome.WAITING
    )
    wait_seconds = models.PositiveIntegerField(_("waited (s)"), null=True, blank=True)
    talk_seconds = models.PositiveIntegerField(_("talk time (s)"), null=True, blank=True)
    transferred = models.BooleanField(_("transferred"), default=False)

    class Meta:
        verbose_name = _("queue visit")
        verbose_name_plural = _("queue visits")
        ordering = ("entered_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "queue", "entered_at"], name="queue_visit_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["queue", "entered_at"], name="queue_visit_queue_entered"),
            models.Index(fields=["entered_at"], name="queue_visit_entered"),
            models.Index(
                fields=["queue", "entered_at"],
                condition=models.Q(outcome="waiting"),
                name="queue_visit_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call_id}@{self.queue_id} {self.outcome}"


class WaitAnnouncement(models.Model):
    """A wait the IVR announced to a caller (or the EWT service gave it): T1.3's accuracy."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="announcements")
    visit = models.ForeignKey(
        QueueVisit, null=True, blank=True, on_delete=models.SET_NULL, related_name="announcements"
    )
    queue = models.ForeignKey(CallQueue, on_delete=models.PROTECT, related_name="announcements")
    at = models.DateTimeField(_("at"))
    announced_seconds = models.PositiveIntegerField(_("announced wait (s)"))
    position = models.PositiveIntegerField(_("position"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("wait announcement")
        verbose_name_plural = _("wait announcements")
        ordering = ("at", "id")
        indexes = [models.Index(fields=["queue", "at"], name="wait_announcement_queue_at")]

    def __str__(self) -> str:
        return f"{self.call_id} {self.announced_seconds}s"


class CallEventKind(models.TextChoices):
    ENTERED = "entered", _("Call entered")
    IVR_CHOICE = "ivr_choice", _("IVR menu choice")
    PRICE_ANNOUNCED = "price_announced", _("Price announced")
    WAIT_ANNOUNCED = "wait_announced", _("Wait announced")
    QUEUED = "queued", _("Queued")
    OFFERED = "offered", _("Offered to an agent")
    ANSWERED = "answered", _("Answered")
    TRANSFERRED = "transferred", _("Transferred")
    ABANDONED = "abandoned", _("Abandoned")
    ENDED = "ended", _("Ended")
    SOLVED = "solved", _("Request solved during the call")
    COMMITTED = "committed", _("Deadline committed")
    AGENTS = "agents", _("Agents logged in")


class CallEvent(ChainedModel):
    """An ACD/IVR event as the API received it; never updated. A call's events form one
    hash chain; ``late_recorded`` when ``at`` is older than the clock-skew tolerance."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=32, choices=CallEventKind.choices)
    at = models.DateTimeField(_("at"))
    recorded_at = models.DateTimeField(_("recorded at"), default=clock.now)
    late_recorded = models.BooleanField(_("late-recorded"), default=False)
    data = models.JSONField(_("data"), default=dict, blank=True)

    objects: ClassVar[AppendOnlyQuerySet[CallEvent]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    chain_field = "call"
    chain_locked_by_writer = True

    class Meta:
        verbose_name = _("call event")
        verbose_name_plural = _("call events")
        ordering = ("at", "id")
        constraints = [chain_unique(name="call_event_chain", field="call")]
        indexes = [models.Index(fields=["call", "at"], name="call_event_call_at")]

    def __str__(self) -> str:
        return f"{self.call_id} {self.kind}"
