"""Telephony admin: queues are configured here; imported lines and calls are only read.

The ACD/IVR event API refuses events naming a queue that is not configured, so an
administrator adds each ACD queue here (name as the ACD spells it, service, motive,
service-level and short-abandon thresholds). The agent count is set by ``agents``
events, not by hand.
"""

from __future__ import annotations

from django.contrib import admin

from pacte.telephony.models import (
    Call,
    CallQueue,
    QueueLogLine,
    QueueLogRejectedLine,
    QueueLogSource,
)


class ReadOnlyMixin:
    """queue_log rows change only through the importer: the admin only reads."""

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(QueueLogSource)
class QueueLogSourceAdmin(ReadOnlyMixin, admin.ModelAdmin[QueueLogSource]):
    list_display = ("name", "last_offset", "last_line_number", "updated_at")
    search_fields = ("name",)


@admin.register(QueueLogLine)
class QueueLogLineAdmin(ReadOnlyMixin, admin.ModelAdmin[QueueLogLine]):
    list_display = ("source", "line_number", "at", "callid", "queue", "agent", "event")
    list_filter = ("event", "queue", "source")
    search_fields = ("callid", "agent", "raw")
    list_select_related = ("source",)


@admin.register(QueueLogRejectedLine)
class QueueLogRejectedLineAdmin(ReadOnlyMixin, admin.ModelAdmin[QueueLogRejectedLine]):
    list_display = ("source", "line_number", "reason", "raw")
    list_filter = ("source",)
    search_fields = ("reason", "raw")
    list_select_related = ("source",)


@admin.register(CallQueue)
class CallQueueAdmin(admin.ModelAdmin[CallQueue]):
    list_display = (
        "name",
        "label",
        "service",
        "motive",
        "service_level_seconds",
        "short_abandon_seconds",
        "agents_logged_in",
        "agents_updated_at",
    )
    list_filter = ("service",)
    search_fields = ("name", "label")
    list_select_related = ("motive",)
    readonly_fields = ("agents_logged_in", "agents_updated_at")


@admin.register(Call)
class CallAdmin(ReadOnlyMixin, admin.ModelAdmin[Call]):
    list_display = ("callid", "source", "service", "caller_number", "started_at", "outcome")
    list_filter = ("source", "service", "outcome")
    search_fields = ("callid", "caller_number")
    date_hierarchy = "started_at"
    raw_id_fields = ("customer", "case", "motive")
