"""Commitment schemes as versioned data: domains, commitments, requirements, indicators, rules."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pacte.core.append_only import AppendOnlyQuerySet
from pacte.core.chain import ChainedModel, chain_unique
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel


class Scheme(models.Model):
    code = models.SlugField(_("code"), max_length=32, unique=True)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)

    class Meta:
        verbose_name = _("commitment scheme")
        verbose_name_plural = _("commitment schemes")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.code


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    RETIRED = "retired", _("Retired")


class SchemeVersion(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=8, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scheme version")
        verbose_name_plural = _("scheme versions")
        ordering = ("scheme", "-number")
        constraints = [
            models.UniqueConstraint(fields=("scheme", "number"), name="scheme_version_unique"),
            models.UniqueConstraint(
                fields=("scheme",),
                condition=models.Q(status="active"),
                name="scheme_one_active_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.code} v{self.number}"


class Domain(models.Model):
    version = models.ForeignKey(SchemeVersion, on_delete=models.CASCADE, related_name="domains")
    number = models.PositiveSmallIntegerField(_("number"))
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        ordering = ("version", "number")
        constraints = [
            models.UniqueConstraint(fields=("version", "number"), name="domain_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title_en}"


class ControlFrequency(models.TextChoices):
    CONTINUOUS = "continuous", _("Continuous")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class Commitment(models.Model):
    version = models.ForeignKey(SchemeVersion, on_delete=models.CASCADE, related_name="commitments")
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="commitments")
    code = models.CharField(_("code"), max_length=16)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    owner_role = models.CharField(
        _("owner role"), max_length=32, choices=Role.choices, default=Role.QUALITY_MANAGER
    )
    control_frequency = models.CharField(
        _("control frequency"),
        max_length=16,
        choices=ControlFrequency.choices,
        default=ControlFrequency.MONTHLY,
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ("version", "code")
        constraints = [
            models.UniqueConstraint(fields=("version", "code"), name="commitment_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_en}"

    def clean(self) -> None:
        if self.domain_id and self.version_id and self.domain.version_id != self.version_id:
            raise ValidationError(
                {"domain": _("The domain must belong to the commitment's scheme version.")}
            )


class Requirement(models.Model):
    """A detailed quality requirement ("exigence qualité") under a commitment."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="requirements"
    )
    code = models.CharField(_("code"), max_length=20)
    text_fr = models.TextField(_("text (French)"))
    text_en = models.TextField(_("text (English)"))

    class Meta:
        verbose_name = _("quality requirement")
        verbose_name_plural = _("quality requirements")
        ordering = ("commitment", "code")
        constraints = [
            models.UniqueConstraint(fields=("commitment", "code"), name="requirement_code_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class Period(models.TextChoices):
    MONTH = "month", _("Calendar month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class TargetUnit(models.TextChoices):
    """What an indicator's target counts: a percentage unless the success rule says otherwise."""

    PERCENT = "percent", _("percent")
    COUNT = "count", _("count")
    SCORE = "score", _("score out of 5")
    PER_THOUSAND = "per_thousand", _("per 1,000 customers")


class Indicator(models.Model):
    """A named measurement: a population, a success rule, a period and a target."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=24)
    computation = models.CharField(
        _("computation"),
        max_length=64,
        help_text=_("Name of the computation in the indicator library."),
    )
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    population = models.TextField(_("population"))
    success_rule = models.TextField(_("success rule"))
    period = models.CharField(
        _("period"), max_length=8, choices=Period.choices, default=Period.MONTH
    )
    target = models.DecimalField(
        _("target"), max_digits=6, decimal_places=2, default=Decimal("95.00")
    )
    unit = models.CharField(
        _("unit"),
        max_length=16,
        choices=TargetUnit.choices,
        default=TargetUnit.PERCENT,
        db_default=TargetUnit.PERCENT,
    )
    target_is_maximum = models.BooleanField(
        _("target is a maximum"), default=False, help_text=_("For rates that must stay low.")
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ("commitment", "code")
        constraints = [
            models.UniqueConstraint(fields=("commitment", "code"), name="indicator_code_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class DelayUnit(models.TextChoices):
    BUSINESS_DAYS = "business_days", _("business days")
    CALENDAR_MONTHS = "calendar_months", _("calendar months")
    HOURS = "hours", _("hours")
    OPENING_HOURS = "opening_hours", _("opening hours")


class DeadlineRule(models.Model):
    """Which cases a commitment's clock applies to, and the delay it gives them.

    Empty ``channel`` or ``kind`` match any. Of the rules of one commitment that match
    a case, the most specific wins (channel and kind, then channel, then kind).
    """

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="deadline_rules"
    )
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=CaseKind.choices, blank=True)
    exclude_billing = models.BooleanField(
        _("bills excepted"), default=False, help_text=_("Cases about a bill are out of scope.")
    )
    fraud_victim_only = models.BooleanField(_("fraud victims only"), default=False)
    delay_value = models.PositiveIntegerField(_("delay"))
    delay_unit = models.CharField(
        _("unit"), max_length=16, choices=DelayUnit.choices, default=DelayUnit.BUSINESS_DAYS
    )

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ("commitment", "channel", "kind")
        constraints = [
            models.UniqueConstraint(
                fields=("commitment", "channel", "kind"), name="deadline_rule_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment.code} {self.channel or '*'}/{self.kind or '*'}"


class SchemeEventKind(models.TextChoices):
    DRAFTED = "drafted", _("Draft copied")
    COMMITMENT_CHANGED = "commitment_changed", _("Commitment changed")
    REQUIREMENT_ADDED = "requirement_added", _("Requirement added")
    REQUIREMENT_CHANGED = "requirement_changed", _("Requirement changed")
    REQUIREMENT_REMOVED = "requirement_removed", _("Requirement removed")
    INDICATOR_CHANGED = "indicator_changed", _("Indicator changed")
    DEADLINE_RULE_CHANGED = "deadline_rule_changed", _("Deadline rule changed")
    ACTIVATED = "activated", _("Activated")


class SchemeEvent(ChainedModel):
    """Append-only log of the changes to a scheme version: what, by whom, before and after.

    ``subject`` is the code of the row changed (``T3.1``, ``T3.1-R2``, ``T3.1-a``,
    ``T3.1 email/request``); ``details`` holds ``{"fields": {name: {"before", "after"}}}``
    or, for a copy, ``{"from_version": n}``.
    """

    version = models.ForeignKey(SchemeVersion, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=24, choices=SchemeEventKind.choices)
    subject = models.CharField(_("subject"), max_length=64, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scheme_events",
    )
    at = models.DateTimeField(_("at"))
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects: ClassVar[AppendOnlyQuerySet[SchemeEvent]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    chain_field = "version"

    class Meta:
        verbose_name = _("scheme event")
        verbose_name_plural = _("scheme events")
        ordering = ("version", "at", "pk")
        constraints = (chain_unique(name="scheme_event_chain", field="version"),)

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} at {self.at:%Y-%m-%d %H:%M}"
