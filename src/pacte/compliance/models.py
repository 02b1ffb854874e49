"""Month closings: a sealed snapshot of a month's results and per-item verdicts.

Rows here are written only by ``pacte.compliance.closing``; a snapshot is never
rewritten nor deleted (reopening only changes the closing's status).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pacte.commitments.models import Scheme, SchemeVersion
from pacte.core.append_only import AppendOnlyModel, AppendOnlyQuerySet
from pacte.core.chain import ChainedModel, chain_unique


class ClosingStatus(models.TextChoices):
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")


class MonthClosing(models.Model):
    """One closing of a calendar month for a scheme: the frozen figures and their seal.

    ``scheme`` repeats ``scheme_version.scheme`` so that the database can enforce one
    active (closed) closing per scheme and month. ``previous`` is the closing whose
    seal ``previous_seal`` copies: the chain link ``verify_seals`` checks.
    """

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="closings")
    scheme_version = models.ForeignKey(
        SchemeVersion, on_delete=models.PROTECT, related_name="closings"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    status = models.CharField(
        _("status"), max_length=16, choices=ClosingStatus.choices, default=ClosingStatus.CLOSED
    )
    closed_at = models.DateTimeField(_("closed at"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="month_closings"
    )
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_closings"
    )
    previous_seal = models.CharField(_("previous seal"), max_length=64, blank=True)
    seal = models.CharField(_("seal (SHA-256)"), max_length=64)
    results = models.JSONField(_("results snapshot"))
    # Format 1: the verdicts inline in the sealed document (closings made before the trail
    # was sealed). Format 2 (docs/trail.md): the document names the SHA-256 of the
    # verdict lines and of the trail heads, so that the figures can be checked alone.
    seal_format = models.PositiveSmallIntegerField(_("seal format"), default=1)
    verdicts_count = models.PositiveIntegerField(_("frozen verdicts"), default=0)
    verdicts_sha256 = models.CharField(_("verdicts digest"), max_length=64, blank=True)
    trail_count = models.PositiveIntegerField(_("trail heads"), default=0)
    trail_sha256 = models.CharField(_("trail digest"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("month closing")
        verbose_name_plural = _("month closings")
        ordering = ("scheme", "year", "month", "closed_at", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("scheme", "year", "month"),
                condition=Q(status="closed"),
                name="compliance_one_active_closing_per_month",
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="compliance_closing_month_valid"
            ),
        )

    def __str__(self) -> str:
        return f"{self.scheme_id} {self.label} ({self.status})"

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class ClosedVerdict(AppendOnlyModel):
    """One item's verdict as it was when the month was closed; ``position`` is its
    place in the sealed order."""

    closing = models.ForeignKey(MonthClosing, on_delete=models.PROTECT, related_name="verdicts")
    position = models.PositiveIntegerField(_("position"))
    indicator_code = models.CharField(_("indicator"), max_length=24)
    item_kind = models.CharField(_("item kind"), max_length=32)
    item_id = models.BigIntegerField(_("item id"))
    case_id = models.BigIntegerField(_("case id"), null=True)
    verdict = models.CharField(_("verdict"), max_length=16)
    reason_code = models.CharField(_("reason"), max_length=40)

    class Meta:
        verbose_name = _("closed verdict")
        verbose_name_plural = _("closed verdicts")
        constraints = (
            models.UniqueConstraint(
                fields=("closing", "position"), name="compliance_closed_verdict_position"
            ),
        )
        indexes = (models.Index(fields=("closing", "indicator_code", "verdict")),)

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.item_kind}#{self.item_id}: {self.verdict}"


class ClosedTrailHead(AppendOnlyModel):
    """The head of one hash chain a month's verdicts rest on, as it was at the closing:
    the chain's table and key (a case's events: ``cases.caseevent`` and the case id),
    its last position and that row's hash. ``position`` is its place in the sealed
    order (by chain, then key)."""

    closing = models.ForeignKey(MonthClosing, on_delete=models.PROTECT, related_name="trail")
    position = models.PositiveIntegerField(_("position"))
    chain = models.CharField(_("chain"), max_length=64)
    key = models.BigIntegerField(_("key"))
    seq = models.PositiveBigIntegerField(_("last position"))
    row_hash = models.CharField(_("last hash"), max_length=64)

    class Meta:
        verbose_name = _("sealed trail head")
        verbose_name_plural = _("sealed trail heads")
        constraints = (
            models.UniqueConstraint(
                fields=("closing", "position"), name="compliance_trail_head_position"
            ),
        )

    def __str__(self) -> str:
        return f"{self.chain} {self.key} @ {self.seq}"


class SealVerification(AppendOnlyModel):
    """One full check of a closing (``verify_seals``): when, whether it held, and why
    not — the problems and the first broken row. The public page and the API show a
    closed month's figures only while its latest check holds."""

    closing = models.ForeignKey(
        MonthClosing, on_delete=models.PROTECT, related_name="verifications"
    )
    checked_at = models.DateTimeField(_("checked at"))
    ok = models.BooleanField(_("verified"))
    problems = models.JSONField(_("problems"), default=list, blank=True)

    class Meta:
        verbose_name = _("seal verification")
        verbose_name_plural = _("seal verifications")
        ordering = ("closing", "-checked_at", "-pk")
        indexes = (models.Index(fields=("closing", "-checked_at"), name="seal_check_latest"),)

    def __str__(self) -> str:
        return (
            f"{self.closing_id} {'ok' if self.ok else 'BROKEN'} at {self.checked_at:%Y-%m-%d %H:%M}"
        )


class ClosingEventKind(models.TextChoices):
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    COMPARED = "compared", _("Recomputed and compared")


class ClosingEvent(ChainedModel):
    """Append-only log of what happened to a closing, by whom and why."""

    closing = models.ForeignKey(MonthClosing, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=ClosingEventKind.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="closing_events",
    )
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects: ClassVar[AppendOnlyQuerySet[ClosingEvent]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    chain_field = "closing"

    class Meta:
        verbose_name = _("closing event")
        verbose_name_plural = _("closing events")
        ordering = ("at", "pk")
        constraints = (chain_unique(name="closing_event_chain", field="closing"),)

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"


class MonthTally(models.Model):
    """An indicator's numerator and denominator for a month that is over: a cache.

    Written by ``pacte.compliance.tallies`` when a settled month is computed, and
    forgotten (with every tally of the scheme's month) as soon as a clock of that
    month is written again (``cases.ClockMonthChange``). Never the result of record:
    a closed month's figures are its sealed snapshot.
    """

    scheme_version = models.ForeignKey(
        SchemeVersion, on_delete=models.CASCADE, related_name="month_tallies"
    )
    indicator_code = models.CharField(_("indicator"), max_length=24)
    computation = models.CharField(_("computation"), max_length=64)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    numerator = models.PositiveIntegerField(_("numerator"))
    denominator = models.PositiveIntegerField(_("denominator"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("month tally")
        verbose_name_plural = _("month tallies")
        constraints = (
            models.UniqueConstraint(
                fields=("scheme_version", "year", "month", "indicator_code", "computation"),
                name="compliance_month_tally_unique",
            ),
        )

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.year:04d}-{self.month:02d}"
