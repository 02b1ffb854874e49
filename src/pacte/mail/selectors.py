"""Reads of the mail app for the administrator's screens."""

from __future__ import annotations

from django.db.models import QuerySet

from pacte.core.errors import NotFoundError
from pacte.mail.errors import MailError
from pacte.mail.models import InboundMessage, InboundStatus


def quarantine_list() -> QuerySet[InboundMessage]:
    """Quarantined messages, newest first, without their raw bytes."""
    return (
        InboundMessage.objects.filter(status=InboundStatus.QUARANTINED)
        .select_related("mailbox")
        .defer("raw")
        .order_by("-received_at", "-id")
    )


def access_quarantined(*, inbound_id: int) -> InboundMessage:
    """A quarantined message (raw included); NotFoundError otherwise."""
    found = (
        InboundMessage.objects.select_related("mailbox")
        .filter(pk=inbound_id, status=InboundStatus.QUARANTINED)
        .first()
    )
    if found is None:
        raise NotFoundError(MailError.NOT_QUARANTINED, "No such quarantined message.")
    return found
