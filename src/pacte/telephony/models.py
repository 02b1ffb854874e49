"""Stored Asterisk ``queue_log`` lines (issue 4, point 4): the raw material of the measures.

A line is stored once per source under its :func:`~pacte.telephony.queue_log.line_key`
(SHA-256 of the raw line): ``unique(source, key)`` makes re-imports idempotent. Two
byte-identical lines of the same source (same second, call, agent and event) are
therefore stored once; they carry no extra information for the measures.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

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


class QueueLogLine(models.Model):
    """A readable queue_log line with its parsed fields."""

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

    class Meta:
        verbose_name = _("queue_log line")
        verbose_name_plural = _("queue_log lines")
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="queue_log_line_unique_key"),
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
