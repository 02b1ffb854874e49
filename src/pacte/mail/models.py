"""Email in (IMAP intake) and out (SMTP): mailboxes, the raw messages received, the
messages sent. See docs/email.md."""

from __future__ import annotations

import os

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pacte.mail.parsing import MESSAGE_ID_MAX


class Security(models.TextChoices):
    SSL = "ssl", _("SSL/TLS")
    STARTTLS = "starttls", _("STARTTLS")
    NONE = "none", _("None (loopback only)")


class Mailbox(models.Model):
    """An IMAP mailbox Pacte reads (the administrator's data).

    The password is not stored: ``password_env`` names the environment variable that
    holds it, so that database dumps and the admin never show a secret.
    """

    name = models.SlugField(_("name"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=255)
    port = models.PositiveIntegerField(_("port"), default=993)
    security = models.CharField(
        _("security"), max_length=16, choices=Security.choices, default=Security.SSL
    )
    username = models.CharField(_("user name"), max_length=255)
    password_env = models.CharField(
        _("password variable"),
        max_length=100,
        help_text=_("Name of the environment variable that holds the password."),
    )
    folder = models.CharField(_("folder read"), max_length=255, default="INBOX")
    processed_folder = models.CharField(
        _("processed folder"),
        max_length=255,
        default="Processed",
        help_text=_("Messages are moved here once stored and parsed (created if missing)."),
    )
    active = models.BooleanField(_("active"), default=True)
    last_fetch_at = models.DateTimeField(_("last fetch"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def password(self) -> str | None:
        """The password read from the environment now (never at import time)."""
        return os.environ.get(self.password_env)


class InboundStatus(models.TextChoices):
    RECEIVED = "received", _("Received (not parsed yet)")
    PARSED = "parsed", _("Parsed")
    QUARANTINED = "quarantined", _("Quarantined")
    DUPLICATE = "duplicate", _("Duplicate (the same message received again)")


class InboundMessage(models.Model):
    """A message read from a mailbox, stored raw before anything else is done with it.

    ``received_at`` is the IMAP INTERNALDATE: the instant the message reached our mail
    server, which is the receipt instant of the email channel (the Date header is
    written by the sender's machine and can be anything).
    """

    mailbox = models.ForeignKey(
        Mailbox, on_delete=models.PROTECT, related_name="messages", verbose_name=_("mailbox")
    )
    uid = models.PositiveBigIntegerField(_("IMAP UID"), null=True, blank=True)
    uidvalidity = models.PositiveBigIntegerField(_("IMAP UIDVALIDITY"), null=True, blank=True)
    content_key = models.CharField(
        _("content key"),
        max_length=64,
        default="",
        help_text=_(
            "SHA-256 of every header but the trace fields and of the body: the same "
            "message received twice shares it."
        ),
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    sha256 = models.CharField(_("SHA-256 of the raw message"), max_length=64)
    raw = models.BinaryField(_("raw message"))
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    received_at = models.DateTimeField(
        _("received at"), help_text=_("IMAP INTERNALDATE: arrival at our mail server.")
    )
    stored_at = models.DateTimeField(_("stored at"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InboundStatus.choices,
        default=InboundStatus.RECEIVED,
    )
    reason_code = models.CharField(_("reason code"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    parsed_at = models.DateTimeField(_("parsed at"), null=True, blank=True)
    moved_at = models.DateTimeField(_("moved to the processed folder"), null=True, blank=True)
    from_address = models.CharField(_("from"), max_length=320, blank=True)
    from_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    from_header = models.TextField(_("From header"), blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=MESSAGE_ID_MAX, blank=True)
    in_reply_to = models.CharField(_("In-Reply-To"), max_length=MESSAGE_ID_MAX, blank=True)
    references = models.TextField(_("References"), blank=True)
    customer = models.ForeignKey(
        "customers.Customer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("customer"),
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inbound_emails",
        verbose_name=_("case"),
    )
    created_case = models.BooleanField(_("opened the case"), default=False)
    attachments = models.ManyToManyField(
        "intake.Attachment", blank=True, related_name="+", verbose_name=_("attachments")
    )
    refused_attachments = models.JSONField(_("attachments refused"), default=list, blank=True)
    parts = models.JSONField(
        _("MIME parts"),
        default=list,
        blank=True,
        help_text=_("Every part of the message: body, alternative, file stored or refused."),
    )

    class Meta:
        verbose_name = _("inbound email")
        verbose_name_plural = _("inbound emails")
        ordering = ("-received_at", "-id")
        constraints = [
            # One row per message content, its duplicates pointing to it.
            models.UniqueConstraint(
                fields=("content_key",),
                condition=Q(duplicate_of__isnull=True),
                name="mail_inbound_content_key",
            ),
            # One row per message read from a folder: a run that read it again after a
            # crash finds it.
            models.UniqueConstraint(
                fields=("mailbox", "uidvalidity", "uid"), name="mail_inbound_mailbox_uid"
            ),
            # A case has one source message: a rerun cannot open a second case from it.
            models.UniqueConstraint(
                fields=("case",), condition=Q(created_case=True), name="mail_inbound_case_source"
            ),
        ]
        indexes = [
            models.Index(fields=("status", "id"), name="mail_inbound_status"),
            models.Index(fields=("message_id",), name="mail_inbound_message_id"),
            models.Index(fields=("case", "received_at"), name="mail_inbound_case"),
        ]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d %H:%M} {self.from_address} {self.subject}"


class OutboundKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    ANSWER = "answer", _("Answer")
    DEADLINE_NOTICE = "deadline_notice", _("New deadline notice")


class OutboundStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed (gave up)")


class OutboundMessage(models.Model):
    """A message Pacte sends to a customer, with its threading headers and its attempts."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="outbound_emails")
    kind = models.CharField(_("kind"), max_length=20, choices=OutboundKind.choices)
    to = models.CharField(_("to"), max_length=320)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    in_reply_to = models.CharField(_("In-Reply-To"), max_length=MESSAGE_ID_MAX, blank=True)
    references = models.TextField(_("References"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=OutboundStatus.choices, default=OutboundStatus.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=("status", "next_attempt_at"), name="mail_outbound_due"),
            models.Index(fields=("case", "created_at"), name="mail_outbound_case"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.to} ({self.status})"
