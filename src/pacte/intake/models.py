"""What the written channels bring in: attachments, letters, web submissions, and the
route each channel's new contacts take (issue 4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pacte.core.vocabulary import CaseKind, Channel


class ChannelRoute(models.Model):
    """Where a new contact of a channel lands when nobody chose yet (administrator's data)."""

    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices, unique=True)
    team = models.ForeignKey(
        "cases.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("team")
    )
    motive = models.ForeignKey(
        "cases.Motive", on_delete=models.PROTECT, related_name="+", verbose_name=_("motive")
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=CaseKind.choices, default=CaseKind.REQUEST
    )

    class Meta:
        verbose_name = _("channel route")
        verbose_name_plural = _("channel routes")
        ordering = ("channel",)

    def __str__(self) -> str:
        return f"{self.channel} → {self.team_id}"


class Attachment(models.Model):
    """A file a customer sent (email attachment, portal upload, letter scan).

    Stored under a generated name; its type is sniffed from its bytes, never taken from
    the sender; it is only ever served as a download.
    """

    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
        verbose_name=_("case"),
    )
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices)
    original_name = models.CharField(_("original name"), max_length=255)
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/")
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type (sniffed)"), max_length=100)
    declared_type = models.CharField(_("content type (declared)"), max_length=100, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("stored at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return self.original_name


class Letter(models.Model):
    """A postal letter registered by the mail room; its deadline runs from ``received_on``."""

    received_on = models.DateField(_("date of receipt (stamp)"))
    received_at = models.DateTimeField(
        _("receipt instant"), help_text=_("The instant counted as receipt for the deadline.")
    )
    sender_name = models.CharField(_("sender"), max_length=200)
    sender_address = models.TextField(_("sender's address"), blank=True)
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.PROTECT,
        related_name="letters",
        verbose_name=_("customer"),
    )
    scan = models.ForeignKey(
        Attachment, on_delete=models.PROTECT, related_name="+", verbose_name=_("scan")
    )
    case = models.OneToOneField(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letter",
        verbose_name=_("case"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"))

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ("-received_on", "-id")

    def __str__(self) -> str:
        return f"{self.received_on} {self.sender_name}"


class SubmissionStatus(models.TextChoices):
    AWAITING_VERIFICATION = "awaiting_verification", _("Awaiting email verification")
    RECEIVED = "received", _("Received")
    EXPIRED = "expired", _("Verification expired")


class WebSubmission(models.Model):
    """A request filed through the portal form; received when submitted.

    A logged-in customer's submission opens its case at once. An anonymous one waits
    for the sender to confirm the email address; the case then opens with
    ``received_at = submitted_at``.
    """

    submitted_at = models.DateTimeField(_("submitted at"))
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="web_submissions",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CaseKind.choices)
    motive = models.ForeignKey("cases.Motive", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(_("subject"), max_length=300)
    description = models.TextField(_("description"))
    attachments = models.ManyToManyField(Attachment, blank=True, related_name="+")
    # A bill complaint's invoice reference and disputed amount, as the case's OPENED
    # event keeps them ({"invoice": "<ref>", "amount": "12.50"}; cases.bills).
    bill = models.JSONField(_("invoice and disputed amount"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=32, choices=SubmissionStatus.choices)
    token_hash = models.CharField(_("verification token (hash)"), max_length=64, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    case = models.OneToOneField(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="web_submission",
    )

    class Meta:
        verbose_name = _("web submission")
        verbose_name_plural = _("web submissions")
        ordering = ("-submitted_at", "-id")
        indexes = [models.Index(fields=["token_hash"], name="web_submission_token")]

    def __str__(self) -> str:
        return f"{self.submitted_at:%Y-%m-%d} {self.email}"
