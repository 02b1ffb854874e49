"""Non-conformities (a missed target or an audit finding), their corrective actions,
effectiveness checks and the append-only log of what happened to them.

Rows are written only by ``pacte.nonconformities.services``.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pacte.commitments.models import Scheme, SchemeVersion
from pacte.core.append_only import AppendOnlyQuerySet
from pacte.core.chain import ChainedModel, chain_unique


class Source(models.TextChoices):
    MISSED_TARGET = "missed_target", _("Missed target")
    AUDIT_FINDING = "audit_finding", _("Audit finding")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    CAUSE_ANALYSED = "cause_analysed", _("Cause analysed")
    ACTION_PLANNED = "action_planned", _("Action planned")
    ACTION_DONE = "action_done", _("Action done")
    EFFECTIVE = "effective", _("Effective")
    NOT_EFFECTIVE = "not_effective", _("Not effective")
    CLOSED = "closed", _("Closed")


# Statuses listed first on the dashboard and counted as "open".
OPEN_STATUSES = tuple(status for status in Status if status != Status.CLOSED)


class FiguresSource(models.TextChoices):
    NONE = "", _("None")
    LIVE = "live", _("Computed")
    CLOSING = "closing", _("Month closing snapshot")


class NonConformity(models.Model):
    """A gap between what the scheme promises and what was delivered or found.

    ``scheme`` repeats ``scheme_version.scheme`` so that the database can enforce one
    missed-target non-conformity per scheme, indicator and month. The figures are those
    of the month at raising time (a missed target only).
    """

    reference = models.CharField(_("reference"), max_length=16, unique=True)
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="nonconformities")
    scheme_version = models.ForeignKey(
        SchemeVersion, on_delete=models.PROTECT, related_name="nonconformities"
    )
    commitment_code = models.CharField(_("commitment"), max_length=16)
    indicator_code = models.CharField(_("indicator"), max_length=24, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    rate = models.DecimalField(_("rate (%)"), max_digits=6, decimal_places=2, null=True)
    target = models.DecimalField(_("target (%)"), max_digits=6, decimal_places=2, null=True)
    target_is_maximum = models.BooleanField(_("target is a maximum"), default=False)
    numerator = models.PositiveIntegerField(_("numerator"), null=True)
    denominator = models.PositiveIntegerField(_("denominator"), null=True)
    figures_source = models.CharField(
        _("figures from"), max_length=8, choices=FiguresSource.choices, blank=True
    )
    cause = models.TextField(_("cause analysis"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="raised_nonconformities"
    )
    raised_at = models.DateTimeField(_("raised at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("non-conformity")
        verbose_name_plural = _("non-conformities")
        ordering = ("-raised_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=("scheme", "indicator_code", "year", "month"),
                condition=Q(source="missed_target"),
                name="nonconformity_one_per_missed_target",
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="nonconformity_month_valid"
            ),
            models.CheckConstraint(
                condition=~Q(source="missed_target") | ~Q(indicator_code=""),
                name="nonconformity_missed_target_has_indicator",
            ),
            models.CheckConstraint(
                condition=Q(source__in=("missed_target", "audit_finding")),
                name="nonconformity_source_valid",
            ),
        )
        indexes = (models.Index(fields=("scheme", "year", "month", "status")),)

    def __str__(self) -> str:
        return self.reference

    @property
    def label(self) -> str:
        """The month it concerns, ``YYYY-MM``."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED


class ReferenceCounter(models.Model):
    """The last number given to a non-conformity raised in ``year`` (NC-YYYY-NNNN)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class EffectivenessCheck(models.Model):
    """Whether the corrective actions worked, judged on a month after the non-conformity's.

    For a missed target the verdict is the indicator's result for that month; for an
    audit finding the quality manager's, with a note.
    """

    nonconformity = models.ForeignKey(
        NonConformity, on_delete=models.PROTECT, related_name="checks"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    effective = models.BooleanField(_("effective"))
    rate = models.DecimalField(_("rate (%)"), max_digits=6, decimal_places=2, null=True)
    target = models.DecimalField(_("target (%)"), max_digits=6, decimal_places=2, null=True)
    numerator = models.PositiveIntegerField(_("numerator"), null=True)
    denominator = models.PositiveIntegerField(_("denominator"), null=True)
    figures_source = models.CharField(
        _("figures from"), max_length=8, choices=FiguresSource.choices, blank=True
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="effectiveness_checks"
    )
    checked_at = models.DateTimeField(_("checked at"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("effectiveness check")
        verbose_name_plural = _("effectiveness checks")
        ordering = ("checked_at", "pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="nonconformity_check_month_valid"
            ),
        )

    def __str__(self) -> str:
        return f"{self.nonconformity_id} {self.label}: {self.effective}"

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class CorrectiveAction(models.Model):
    """What is done about a non-conformity, by whom and when, and when it is checked."""

    nonconformity = models.ForeignKey(
        NonConformity, on_delete=models.PROTECT, related_name="actions"
    )
    description = models.TextField(_("description"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="corrective_actions"
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    check_year = models.PositiveSmallIntegerField(_("check year"))
    check_month = models.PositiveSmallIntegerField(_("check month"))
    effectiveness_check = models.ForeignKey(
        EffectivenessCheck,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="planned_actions"
    )
    planned_at = models.DateTimeField(_("planned at"))

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ("planned_at", "pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(check_month__gte=1, check_month__lte=12),
                name="nonconformity_action_check_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="done", done_at__isnull=False)
                | (~Q(status="done") & Q(done_at__isnull=True)),
                name="nonconformity_action_done_at_iff_done",
            ),
        )
        indexes = (models.Index(fields=("status", "due_on")),)

    def __str__(self) -> str:
        return f"{self.nonconformity_id}: {self.description[:40]}"

    @property
    def check_label(self) -> str:
        return f"{self.check_year:04d}-{self.check_month:02d}"


class EventKind(models.TextChoices):
    RAISED = "raised", _("Raised")
    CAUSE_RECORDED = "cause_recorded", _("Cause recorded")
    ACTION_PLANNED = "action_planned", _("Action planned")
    ACTION_COMPLETED = "action_completed", _("Action completed")
    ACTION_CANCELLED = "action_cancelled", _("Action cancelled")
    CHECKED = "checked", _("Effectiveness checked")
    CLOSED = "closed", _("Closed")


class NonConformityEvent(ChainedModel):
    """Append-only log of what happened to a non-conformity, by whom, with the details."""

    nonconformity = models.ForeignKey(
        NonConformity, on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="nonconformity_events"
    )
    note = models.TextField(_("note"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects: ClassVar[AppendOnlyQuerySet[NonConformityEvent]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    chain_field = "nonconformity"

    class Meta:
        verbose_name = _("non-conformity event")
        verbose_name_plural = _("non-conformity events")
        ordering = ("at", "pk")
        constraints = (chain_unique(name="nonconformity_event_chain", field="nonconformity"),)

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"
