"""Admin for the operations' records: a line's status history is read-only (listed and
shown, never added, changed or deleted: ``operations.lines.line_status_set`` writes it)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from pacte.operations.models import LineEvent


@admin.register(LineEvent)
class LineEventAdmin(admin.ModelAdmin[LineEvent]):
    list_display = ("line", "status_from", "status_to", "imei_blocked", "at", "actor", "case")
    list_filter = ("status_to", "imei_blocked", "late_recorded")
    search_fields = ("line__msisdn", "case__reference")
    list_select_related = ("line", "actor", "case")
    readonly_fields = (
        "line",
        "status_from",
        "status_to",
        "imei_blocked",
        "at",
        "recorded_at",
        "late_recorded",
        "actor",
        "case",
        "reason",
        "data",
    )
    actions = None

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
