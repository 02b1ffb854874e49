"""The administrator's view of email: mailboxes, the messages received (quarantine
with a retry action), the messages sent (with failures)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from pacte.mail.filing import inbound_parse
from pacte.mail.models import InboundMessage, InboundStatus, Mailbox, OutboundMessage
from pacte.mail.outbound import outbound_retry


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin[Mailbox]):
    list_display = ("name", "host", "port", "security", "folder", "active", "last_fetch_at")
    list_filter = ("active",)
    readonly_fields = ("last_fetch_at", "last_error")


class ReadOnly:
    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnly, admin.ModelAdmin[InboundMessage]):
    list_display = ("id", "received_at", "from_address", "subject", "status", "reason_code")
    list_filter = ("status", "reason_code", "mailbox")
    search_fields = ("from_address", "subject", "message_id")
    list_select_related = ("mailbox",)
    exclude = ("raw",)
    readonly_fields = ("raw_text",)
    raw_id_fields = ("customer", "case", "duplicate_of")
    actions = ("retry_parse",)

    @admin.display(description=_("raw message"))
    def raw_text(self, obj: InboundMessage) -> str:
        """The raw message as text (escaped by the admin; never rendered as HTML)."""
        return bytes(obj.raw[:200_000]).decode("utf-8", "replace")

    @admin.action(description=_("Retry the parse of the quarantined messages selected"))
    def retry_parse(self, request: HttpRequest, queryset: QuerySet[InboundMessage]) -> None:
        results = [
            inbound_parse(inbound_id=pk, retry=True)
            for pk in queryset.filter(status=InboundStatus.QUARANTINED).values_list("pk", flat=True)
        ]
        parsed = sum(1 for result in results if result.status == InboundStatus.PARSED)
        self.message_user(
            request,
            _("%(parsed)d of %(total)d messages parsed; the others stay quarantined.")
            % {"parsed": parsed, "total": len(results)},
            messages.SUCCESS if parsed == len(results) else messages.WARNING,
        )


@admin.register(OutboundMessage)
class OutboundMessageAdmin(ReadOnly, admin.ModelAdmin[OutboundMessage]):
    list_display = ("id", "created_at", "kind", "to", "status", "attempts", "next_attempt_at")
    list_filter = ("status", "kind")
    search_fields = ("to", "subject", "message_id")
    raw_id_fields = ("case",)
    actions = ("retry_now",)

    @admin.action(description=_("Send the failed messages selected again"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboundMessage]) -> None:
        count = sum(outbound_retry(outbound_id=pk) for pk in queryset.values_list("pk", flat=True))
        self.message_user(
            request, _("%(count)d messages queued again.") % {"count": count}, messages.SUCCESS
        )
