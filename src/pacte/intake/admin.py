"""Administration of intake: channel routes are edited here; what came in is read only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pacte.intake.models import Attachment, ChannelRoute, Letter, WebSubmission


@admin.register(ChannelRoute)
class ChannelRouteAdmin(admin.ModelAdmin[ChannelRoute]):
    list_display = ("channel", "team", "motive", "kind")
    list_select_related = ("team", "motive")


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """A record of what was received: nobody edits or deletes it by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "channel", "content_type", "size", "case", "created_at")
    list_filter = ("channel", "content_type")
    list_select_related = ("case",)
    search_fields = ("original_name", "sha256")
    exclude = ("file",)  # downloaded from the case page, never opened in the admin


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin):
    list_display = ("received_on", "sender_name", "customer", "case", "registered_by")
    list_select_related = ("customer", "case", "registered_by")
    date_hierarchy = "received_on"
    search_fields = ("sender_name", "customer__reference", "case__reference")


@admin.register(WebSubmission)
class WebSubmissionAdmin(ReadOnlyAdmin):
    list_display = ("submitted_at", "email", "status", "kind", "case")
    list_filter = ("status", "kind")
    list_select_related = ("case",)
    search_fields = ("email", "name", "case__reference")
    exclude = ("token_hash",)
