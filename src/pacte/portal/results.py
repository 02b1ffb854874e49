"""What the public results page shows: a scheme's commitments and its last closed months.

Figures come only from the sealed snapshots of closings whose status is ``closed``
(``compliance.publication.published_closings``), never from live data: a reopened
month disappears until it is closed again. Titles are in the language asked for.
A fixed number of queries whatever the number of months or cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils import translation

from pacte.commitments.models import (
    Commitment,
    Domain,
    Indicator,
    Scheme,
    SchemeVersion,
    VersionStatus,
)
from pacte.compliance.models import MonthClosing
from pacte.compliance.publication import published_closings

DEFAULT_SCHEME = "telecom-2004"
SHORT_SEAL = 12


def localized(item: Any, name: str) -> str:
    """``item.<name>_en`` in English, ``_fr`` otherwise."""
    suffix = "en" if (translation.get_language() or "fr").startswith("en") else "fr"
    return str(getattr(item, f"{name}_{suffix}"))


@dataclass(frozen=True, slots=True)
class PublishedMonth:
    """One closed month as published: its label, scheme version and seal."""

    label: str
    version: int
    seal: str
    previous_seal: str

    @property
    def short_seal(self) -> str:
        return self.seal[:SHORT_SEAL]


@dataclass(frozen=True, slots=True)
class Cell:
    """One indicator's published figure for one month (None: not in that snapshot)."""

    rate: str | None
    met: bool | None
    no_data: bool
    numerator: int | None
    denominator: int | None


@dataclass
class IndicatorRow:
    code: str
    title: str
    indicator: Indicator  # its target and unit, shown by the ``indicator_target`` filter
    cells: list[Cell | None] = field(default_factory=list)


@dataclass
class CommitmentEntry:
    code: str
    title: str
    indicators: list[IndicatorRow]


@dataclass
class DomainEntry:
    number: int
    title: str
    commitments: list[CommitmentEntry]


@dataclass
class PublishedResults:
    scheme: Scheme
    version: SchemeVersion
    schemes: list[Scheme]
    months: list[PublishedMonth]
    domains: list[DomainEntry]


def _version(code: str) -> SchemeVersion:
    version = (
        SchemeVersion.objects.select_related("scheme")
        .filter(scheme__code=code, status=VersionStatus.ACTIVE)
        .first()
    )
    if version is None:
        raise Http404
    return version


def _cell(snapshot: dict[str, Any] | None) -> Cell | None:
    if snapshot is None:
        return None
    return Cell(
        rate=snapshot.get("rate"),
        met=snapshot.get("met"),
        no_data=bool(snapshot.get("no_data")),
        numerator=snapshot.get("numerator"),
        denominator=snapshot.get("denominator"),
    )


def _snapshots(closings: list[MonthClosing]) -> list[dict[str, dict[str, Any]]]:
    return [{row["indicator_code"]: row for row in closing.results} for closing in closings]


def _indicator_row(
    indicator: Indicator, snapshots: list[dict[str, dict[str, Any]]]
) -> IndicatorRow:
    return IndicatorRow(
        code=indicator.code,
        title=localized(indicator, "title"),
        indicator=indicator,
        cells=[_cell(snapshot.get(indicator.code)) for snapshot in snapshots],
    )


def published_results(*, scheme_code: str | None) -> PublishedResults:
    """The page's data for ``scheme_code`` (default telecom-2004); 404 if unknown.

    Commitments are the active version's; months are the last closed ones, newest first.
    Six queries.
    """
    version = _version(scheme_code or DEFAULT_SCHEME)
    schemes = list(Scheme.objects.filter(versions__status=VersionStatus.ACTIVE).order_by("code"))
    closings = published_closings(scheme_id=version.scheme_id)
    snapshots = _snapshots(closings)
    domains = list(Domain.objects.filter(version=version).order_by("number"))
    commitments = list(Commitment.objects.filter(version=version, active=True).order_by("code"))
    indicators = list(
        Indicator.objects.filter(commitment__version=version, commitment__active=True).order_by(
            "code"
        )
    )
    rows: dict[int, list[IndicatorRow]] = {}
    for indicator in indicators:
        rows.setdefault(indicator.commitment_id, []).append(_indicator_row(indicator, snapshots))
    entries: dict[int, list[CommitmentEntry]] = {}
    for commitment in commitments:
        entries.setdefault(commitment.domain_id, []).append(
            CommitmentEntry(
                commitment.code, localized(commitment, "title"), rows.get(commitment.pk, [])
            )
        )
    return PublishedResults(
        scheme=version.scheme,
        version=version,
        schemes=schemes,
        months=[
            PublishedMonth(c.label, c.scheme_version.number, c.seal, c.previous_seal)
            for c in closings
        ],
        domains=[
            DomainEntry(domain.number, localized(domain, "title"), entries.get(domain.pk, []))
            for domain in domains
        ],
    )
