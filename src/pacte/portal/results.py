"""What the public results page shows: a scheme's commitments and its last closed months.

Figures come only from the sealed snapshots of closings whose status is ``closed``
(``compliance.publication.published_closings``), never from live data: a reopened
month disappears until it is closed again; a month whose seal does not verify (or is
not checked yet) shows "under verification" instead of figures
(``compliance.publication.closings_integrity``). Titles are in the language asked for.
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
)
from pacte.commitments.selectors import active_version_by_code, schemes_with_active_version
from pacte.compliance.models import MonthClosing
from pacte.compliance.publication import closings_integrity, published_closings

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
    verified: bool = True

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
    pending: bool = False  # the month is under verification: no figure shown


PENDING = Cell(rate=None, met=None, no_data=False, numerator=None, denominator=None, pending=True)


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

    @property
    def all_verified(self) -> bool:
        return all(month.verified for month in self.months)


def _version(code: str) -> SchemeVersion:
    version = active_version_by_code(code=code)
    if version is None:
        raise Http404
    return version


def _cell(snapshot: dict[str, Any] | None, *, verified: bool) -> Cell | None:
    if not verified:
        return PENDING
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
    indicator: Indicator, snapshots: list[dict[str, dict[str, Any]]], verified: list[bool]
) -> IndicatorRow:
    return IndicatorRow(
        code=indicator.code,
        title=localized(indicator, "title"),
        indicator=indicator,
        cells=[
            _cell(snapshot.get(indicator.code), verified=ok)
            for snapshot, ok in zip(snapshots, verified, strict=True)
        ],
    )


def published_results(*, scheme_code: str | None) -> PublishedResults:
    """The page's data for ``scheme_code`` (default telecom-2004); 404 if unknown.

    Commitments are the active version's; months are the last closed ones, newest first.
    Seven queries.
    """
    version = _version(scheme_code or DEFAULT_SCHEME)
    schemes = list(schemes_with_active_version())
    closings = published_closings(scheme_id=version.scheme_id)
    integrity = closings_integrity(closings=closings)
    verified = [integrity[closing.pk].verified for closing in closings]
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
        rows.setdefault(indicator.commitment_id, []).append(
            _indicator_row(indicator, snapshots, verified)
        )
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
            PublishedMonth(c.label, c.scheme_version.number, c.seal, c.previous_seal, ok)
            for c, ok in zip(closings, verified, strict=True)
        ],
        domains=[
            DomainEntry(domain.number, localized(domain, "title"), entries.get(domain.pk, []))
            for domain in domains
        ],
    )
