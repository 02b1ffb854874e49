"""Evidence packs: a month's sample and verdicts, as XLSX and PDF files, built in the background.

Rows here are written only by ``pacte.evidence.services``; what happened to a pack is
kept in the append-only ``EvidenceEvent`` log.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pacte.commitments.models import SchemeVersion
from pacte.compliance.models import MonthClosing
from pacte.core.append_only import AppendOnlyQuerySet
from pacte.core.chain import ChainedModel, chain_unique

MAX_SAMPLE_SIZE = 500
# Seeds stay exact as JSON numbers in every client (2^53 - 1).
MAX_SEED = 2**53 - 1


class PackStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BuildStep(models.TextChoices):
    """Where a build stands; the screen shows the label."""

    WAITING = "", _("Waiting for a worker")
    RESULTS = "results", _("Computing the month's results")
    TRENDS = "trends", _("Computing the 12-month trends")
    SAMPLE = "sample", _("Drawing the sample")
    XLSX = "xlsx", _("Writing the XLSX file")
    PDF = "pdf", _("Printing the PDF file")
    DONE = "done", _("Done")


class EvidencePack(models.Model):
    """One evidence pack: which month, which sample, and where its build stands.

    ``closing`` is the month's active closing when the pack was requested (then the
    pack shows the sealed snapshot), None for a month that was not closed.
    ``requested_by`` is None for a pack built by ``manage.py evidence_pack``.
    """

    scheme_version = models.ForeignKey(
        SchemeVersion, on_delete=models.PROTECT, related_name="evidence_packs"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    sample_size = models.PositiveIntegerField(_("sample size"))
    seed = models.BigIntegerField(_("seed"))
    closing = models.ForeignKey(
        MonthClosing,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence_packs",
    )
    language = models.CharField(_("language"), max_length=8, default="fr")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence_packs",
    )
    requested_at = models.DateTimeField(_("requested at"))
    status = models.CharField(
        _("status"), max_length=16, choices=PackStatus.choices, default=PackStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("current step"), max_length=16, choices=BuildStep.choices, blank=True)
    error = models.TextField(_("error"), blank=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    xlsx = models.FileField(_("XLSX file"), upload_to="evidence/", blank=True)
    pdf = models.FileField(_("PDF file"), upload_to="evidence/", blank=True)

    class Meta:
        verbose_name = _("evidence pack")
        verbose_name_plural = _("evidence packs")
        ordering = ("-requested_at", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="evidence_pack_month_valid"
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="evidence_pack_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(sample_size__gte=1, sample_size__lte=MAX_SAMPLE_SIZE),
                name="evidence_pack_sample_size_valid",
            ),
            models.CheckConstraint(
                condition=Q(seed__gte=0, seed__lte=MAX_SEED), name="evidence_pack_seed_valid"
            ),
        )

    def __str__(self) -> str:
        return f"#{self.pk} {self.label} ({self.status})"

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def is_active(self) -> bool:
        """Still queued or running: the screen keeps polling."""
        return self.status in (PackStatus.QUEUED, PackStatus.RUNNING)

    @property
    def is_done(self) -> bool:
        return self.status == PackStatus.DONE

    def file_name(self, extension: str) -> str:
        """The name a downloaded file gets: ``pacte-evidence-<scheme>-<month>-<id>.<ext>``."""
        code = self.scheme_version.scheme.code
        return f"pacte-evidence-{code}-{self.label}-{self.pk}.{extension}"


class EvidenceEventKind(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    STARTED = "started", _("Started")
    BUILT = "built", _("Built")
    FAILED = "failed", _("Failed")


class EvidenceEvent(ChainedModel):
    """Append-only log of a pack's life: requested (by whom), started, built, failed (why)."""

    pack = models.ForeignKey(EvidencePack, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=EvidenceEventKind.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence_events",
    )
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects: ClassVar[AppendOnlyQuerySet[EvidenceEvent]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    chain_field = "pack"

    class Meta:
        verbose_name = _("evidence event")
        verbose_name_plural = _("evidence events")
        ordering = ("at", "pk")
        constraints = (chain_unique(name="evidence_event_chain", field="pack"),)

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"
