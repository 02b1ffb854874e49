"""Read-only admin of imported queue_log lines: an administrator sees rejected lines."""

from __future__ import annotations

from django.contrib import admin

from pacte.telephony.models import QueueLogLine, QueueLogRejectedLine, QueueLogSource


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
