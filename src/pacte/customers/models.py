"""Customers, their accounts and lines, and the points of sale that serve them."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pacte.core.append_only import AppendOnlyQuerySet
from pacte.core.chain import ChainedModel, chain_unique


class Segment(models.TextChoices):
    CONSUMER = "consumer", _("Consumer")
    PROFESSIONAL = "professional", _("Professional")


class Distributor(models.Model):
    """A point of sale, which reaches the dedicated hotline."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="distributors"
    )

    class Meta:
        verbose_name = _("distributor")
        verbose_name_plural = _("distributors")
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Customer(models.Model):
    reference = models.CharField(_("customer number"), max_length=32, unique=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    company_name = models.CharField(_("company"), max_length=200, blank=True)
    segment = models.CharField(
        _("segment"), max_length=16, choices=Segment.choices, default=Segment.CONSUMER
    )
    email = models.EmailField(_("email"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, db_index=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    preferred_language = models.CharField(_("language"), max_length=8, default="fr")
    fraud_victim = models.BooleanField(_("fraud victim"), default=False)
    unidentified = models.BooleanField(
        _("unidentified sender"),
        default=False,
        db_default=False,  # bulk loads that name their columns leave it out
        help_text=_(
            "Made for a message whose sender could not be read: an agent matches its case "
            "to the real customer."
        ),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="customer",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ("reference",)

    def __str__(self) -> str:
        if self.company_name:
            return f"{self.company_name} ({self.reference})"
        return f"{self.first_name} {self.last_name} ({self.reference})".strip()

    @property
    def display_name(self) -> str:
        name = self.company_name or f"{self.first_name} {self.last_name}".strip()
        if self.unidentified:
            return f"{_('Unknown sender')} ({name})" if name else str(_("Unknown sender"))
        return name


class BillingMode(models.TextChoices):
    SUBSCRIPTION = "subscription", _("Subscription (post-paid)")
    PREPAID = "prepaid", _("Prepaid")


class Account(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="accounts")
    number = models.CharField(_("account number"), max_length=32, unique=True)
    billing_mode = models.CharField(_("billing mode"), max_length=16, choices=BillingMode.choices)
    distributor = models.ForeignKey(
        Distributor, null=True, blank=True, on_delete=models.SET_NULL, related_name="accounts"
    )
    opened_on = models.DateField(_("opened on"))

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ("number",)

    def __str__(self) -> str:
        return self.number


class LineStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    RESTRICTED = "restricted", _("Restricted")
    SUSPENDED = "suspended", _("Suspended")
    BLOCKED = "blocked", _("Blocked (stolen or lost)")
    TERMINATED = "terminated", _("Terminated")


class Line(models.Model):
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="lines")
    msisdn = models.CharField(_("number"), max_length=20, unique=True)
    iccid = models.CharField(_("SIM (ICCID)"), max_length=22, blank=True)
    imei = models.CharField(_("handset IMEI"), max_length=17, blank=True)
    offer = models.CharField(_("offer"), max_length=120, blank=True, db_default="")
    # Written only by pacte.operations.lines.line_status_set, with a LineEvent.
    status = models.CharField(
        _("status"), max_length=16, choices=LineStatus.choices, default=LineStatus.ACTIVE
    )
    imei_blocked = models.BooleanField(
        _("handset blocked"),
        default=False,
        db_default=False,  # bulk loads that name their columns leave it out
        help_text=_("The handset's IMEI is on the blocked list (stolen or lost)."),
    )

    class Meta:
        verbose_name = _("line")
        verbose_name_plural = _("lines")
        ordering = ("msisdn",)

    def __str__(self) -> str:
        return self.msisdn


class CustomerFact(models.TextChoices):
    """The customer's facts that decide a clock; each is also the customer's column."""

    FRAUD_VICTIM = "fraud_victim", _("fraud victim")
    SEGMENT = "segment", _("segment")


class CustomerFactChange(ChainedModel):
    """One change of a customer's fact, effective from ``effective_at``; never updated.

    Written only by ``customers.services.customer_fact_set``, with the customer's column
    in the same transaction. Values are text in the fact's canonical form ("true",
    "false", a segment code). ``late_recorded``: the change took effect before it was
    recorded (a backdated change).
    """

    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="fact_changes", db_index=False
    )
    fact = models.CharField(_("fact"), max_length=32, choices=CustomerFact.choices)
    value = models.CharField(_("value"), max_length=64)
    previous = models.CharField(_("previous value"), max_length=64)
    effective_at = models.DateTimeField(_("effective from"))
    recorded_at = models.DateTimeField(_("recorded at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason for the change"))
    late_recorded = models.BooleanField(_("late-recorded"), default=False)

    objects: ClassVar[AppendOnlyQuerySet[CustomerFactChange]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    chain_field = "customer"
    chain_locked_by_writer = True  # customer_fact_set holds the customer's row lock

    class Meta:
        verbose_name = _("customer fact change")
        verbose_name_plural = _("customer fact changes")
        ordering = ("customer", "fact", "effective_at", "pk")
        constraints = [chain_unique(name="customer_fact_change_chain", field="customer")]
        indexes = [
            models.Index(
                fields=("customer", "fact", "effective_at"), name="customer_fact_change_at"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fact}={self.value} from {self.effective_at:%Y-%m-%d %H:%M}"


class LoginLink(models.Model):
    """A single-use link that logs a customer's account in (customers/login_links.py).

    Only the SHA-256 of the link's token is stored; the token itself is derived from
    ``nonce`` with the installation's secret key when the email is written, so neither
    this row nor the queued job that sends it holds a usable link.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_links"
    )
    email = models.EmailField(_("sent to"))
    nonce = models.CharField(_("nonce"), max_length=64)
    token_hash = models.CharField(_("token SHA-256"), max_length=64, unique=True)
    language = models.CharField(_("language"), max_length=8, default="fr")
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    send_attempts = models.PositiveSmallIntegerField(_("sending attempts"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("login link")
        verbose_name_plural = _("login links")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("email", "created_at"), name="login_link_email_at")]

    def __str__(self) -> str:
        return f"{self.email} {self.created_at:%Y-%m-%d %H:%M}"
