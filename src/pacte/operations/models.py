"""The operations' own records: a line's status history, the rules per scheme version,
unpaid bills, payments and the imports that bring them.

Everything that decides a verdict is also an event on the operation's case
(``cases.EventKind``); a line's status changes are in the line's own chain
(``LineEvent``), written with the line's row lock by ``operations.lines``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pacte.cases.models import Case
from pacte.commitments.models import SchemeVersion
from pacte.core.append_only import AppendOnlyModel, AppendOnlyQuerySet
from pacte.core.chain import ChainedModel, chain_unique
from pacte.customers.models import Account, Line, LineStatus


class LineEvent(ChainedModel):
    """One change of a line's status (or of its handset's block); never updated.

    Written only by ``operations.lines.line_status_set`` with the line's column in the
    same transaction. ``case``: the operation that made the change (a suspension's
    dunning case, a stolen phone's declaration, a risk measure), when there is one.
    """

    line = models.ForeignKey(Line, on_delete=models.PROTECT, related_name="events")
    status_from = models.CharField(_("from"), max_length=16, choices=LineStatus.choices)
    status_to = models.CharField(_("to"), max_length=16, choices=LineStatus.choices)
    imei_blocked = models.BooleanField(_("handset blocked"), default=False)
    at = models.DateTimeField(_("at"))
    recorded_at = models.DateTimeField(_("recorded at"))
    late_recorded = models.BooleanField(_("late-recorded"), default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="line_events"
    )
    reason = models.TextField(_("reason"))
    data = models.JSONField(_("data"), default=dict, blank=True)

    objects: ClassVar[AppendOnlyQuerySet[LineEvent]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    chain_field = "line"
    chain_locked_by_writer = True  # line_status_set holds the line's row lock

    class Meta:
        verbose_name = _("line event")
        verbose_name_plural = _("line events")
        ordering = ("line", "at", "pk")
        constraints = [chain_unique(name="line_event_chain", field="line")]
        indexes = [models.Index(fields=("line", "at"), name="line_event_line_at")]

    def __str__(self) -> str:
        return f"{self.line_id} {self.status_from}→{self.status_to} @ {self.at.isoformat()}"


class OperationRules(models.Model):
    """The operations' parameters of one scheme version (editable while it is a draft).

    Part of its version: copied into a new draft with it (``scheme_version_content``).
    The delays that are clocks (T4.1 3 bd, T4.4 4 h, T6.4 1 h, T6.2 1 bd) are the
    version's deadline rules; these are the rest.
    """

    scheme_version_content: ClassVar[bool] = True

    version = models.OneToOneField(
        SchemeVersion,
        on_delete=models.PROTECT,
        related_name="operation_rules",
        verbose_name=_("scheme version"),
    )
    suspension_notice_days = models.PositiveSmallIntegerField(
        _("days between the contact and a suspension"),
        default=8,
        help_text=_(
            "T4.3: a line is suspended for non-payment only after a logged contact attempt "
            "with the means to regularise, at least this many days before."
        ),
    )
    restoration_alert_hours = models.PositiveSmallIntegerField(
        _("hours before an unrestored line is reported"),
        default=2,
        help_text=_("T4.4-R2: paid lines not restored after this long are reported."),
    )

    class Meta:
        verbose_name = _("operation rules")
        verbose_name_plural = _("operation rules")
        ordering = ("version",)

    def __str__(self) -> str:
        return f"{self.version_id}: {self.suspension_notice_days} d"


class ImportKind(models.TextChoices):
    UNPAID_BILLS = "unpaid_bills", _("Unpaid bills")
    PAYMENTS = "payments", _("Payments")


class ImportBatch(models.Model):
    """One file imported (or refused as a whole): its digest, counts and report.

    A file is imported whole or not at all; the same file (same SHA-256) imported again
    changes nothing and points to the first batch.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    accepted = models.PositiveIntegerField(_("rows imported"), default=0)
    rejected = models.PositiveIntegerField(_("rows refused"), default=0)
    report = models.JSONField(_("validation report"), default=list, blank=True)
    imported = models.BooleanField(_("imported"), default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ("-at", "-pk")
        indexes = [models.Index(fields=("kind", "sha256"), name="import_batch_digest")]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} {self.at:%Y-%m-%d %H:%M}"


class UnpaidBill(models.Model):
    """A bill the billing system reports unpaid (CSV import or API).

    ``settled_at``: when a registered payment covered it (``operations.payments``).
    """

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="unpaid_bills")
    line = models.ForeignKey(
        Line, null=True, blank=True, on_delete=models.PROTECT, related_name="unpaid_bills"
    )
    invoice = models.CharField(_("invoice"), max_length=40)
    amount = models.DecimalField(
        _("amount due"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    due_on = models.DateField(_("due on"))
    reported_at = models.DateTimeField(_("reported at"))
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="bills"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="unpaid_bills"
    )
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("unpaid bill")
        verbose_name_plural = _("unpaid bills")
        ordering = ("due_on", "pk")
        constraints = [
            models.UniqueConstraint(fields=("account", "invoice"), name="unpaid_bill_invoice"),
        ]
        indexes = [
            models.Index(
                fields=("line", "due_on"),
                condition=models.Q(settled_at__isnull=True),
                name="unpaid_bill_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice} {self.amount}"


class PaymentSource(models.TextChoices):
    SCREEN = "screen", _("Registered on screen")
    API = "api", _("Billing system (API)")
    IMPORT = "import", _("CSV import")


class Payment(AppendOnlyModel):
    """A payment registered; append-only. ``registered_at`` is the server's clock when
    it was registered: the T4.4 clock counts from it (on the restoration case)."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="payments")
    reference = models.CharField(_("payment reference"), max_length=64)
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    paid_on = models.DateField(_("paid on"))
    registered_at = models.DateTimeField(_("registered at"))
    source = models.CharField(_("source"), max_length=16, choices=PaymentSource.choices)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects: ClassVar[AppendOnlyQuerySet[Payment]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ("-registered_at", "-pk")
        constraints = [
            models.UniqueConstraint(fields=("account", "reference"), name="payment_reference"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount}"


class DunningCase(models.Model):
    """Which line a dunning case (kind ``dunning``) is about: one open case per line
    with unpaid bills (``operations.dunning.dunning_case_for``)."""

    case = models.OneToOneField(
        Case, primary_key=True, on_delete=models.PROTECT, related_name="dunning"
    )
    line = models.ForeignKey(Line, on_delete=models.PROTECT, related_name="dunning_cases")

    class Meta:
        verbose_name = _("dunning case")
        verbose_name_plural = _("dunning cases")
        ordering = ("line", "case")

    def __str__(self) -> str:
        return f"{self.line_id}: {self.case_id}"
