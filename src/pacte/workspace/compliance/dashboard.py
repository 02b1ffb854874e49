"""What the compliance dashboard shows: the scheme and month asked for, results, trends,
and the month closing panel.

Reads only, through ``pacte.compliance.selectors``; every figure is computed in the
database. The month is a calendar month; the default is the last complete month in
the workspace's time zone (Europe/Paris).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import Http404, QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext

from pacte.cases.selectors import first_site_scheme_code
from pacte.commitments.models import Scheme, SchemeVersion, TargetUnit
from pacte.commitments.selectors import (
    active_version_by_code,
    indicator_units,
    indicators_by_code,
    schemes_with_active_version,
)
from pacte.commitments.units import figure_text, is_rate, target_text
from pacte.compliance.closing import CLOSING_ZONE
from pacte.compliance.lateness import late_counts
from pacte.compliance.models import ClosingEvent, ClosingStatus, MonthClosing
from pacte.compliance.periods import month_bounds, parse_month
from pacte.compliance.publication import (
    ClosingIntegrity,
    closing_events,
    closings_integrity,
    month_closings,
    pending_closing_task,
)
from pacte.compliance.selectors import IndicatorResult, month_results
from pacte.core.dates import range_message, year_supported
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.workspace.compliance.forms import ReopenForm

DEFAULT_SCHEME = "telecom-2004"
TREND_MONTHS = 12


@dataclass(frozen=True, slots=True)
class MonthRef:
    """A calendar month, as the ``YYYY-MM`` the pickers and links carry."""

    year: int
    month: int

    @property
    def value(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def shifted(self, months: int) -> MonthRef:
        index = self.year * 12 + self.month - 1 + months
        return MonthRef(index // 12, index % 12 + 1)


@dataclass(frozen=True, slots=True)
class Selection:
    """The scheme version and month a dashboard request is about."""

    version: SchemeVersion
    month: MonthRef
    schemes: list[Scheme]
    now: datetime
    month_error: str = ""  # why the month asked for was not understood (the default shown)

    @property
    def query(self) -> str:
        """``scheme=...&month=...`` for links that keep the selection."""
        params = QueryDict(mutable=True)
        params.update({"scheme": self.version.scheme.code, "month": self.month.value})
        return params.urlencode()


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One indicator's line of the table, with its title in the current language."""

    result: IndicatorResult
    title: str
    late: int | None = None  # judged items resting on late-recorded events

    @property
    def code(self) -> str:
        return self.result.indicator_code


@dataclass(frozen=True, slots=True)
class CommitmentBlock:
    code: str
    title: str
    rows: list[ResultRow]


def localized(item: Any, field: str) -> str:
    """``item.<field>_en`` in English, ``<field>_fr`` otherwise."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    suffix = "en" if language.startswith("en") else "fr"
    return str(getattr(item, f"{field}_{suffix}"))


def last_complete_month(now: datetime) -> MonthRef:
    """The calendar month before the one ``now`` falls in, in the workspace's time zone."""
    local = timezone.localtime(now)
    return MonthRef(local.year, local.month).shifted(-1)


def _month(raw: str, *, now: datetime, strict: bool) -> tuple[MonthRef, str]:
    """The month asked for, or the last complete one with the reason it was refused
    (a 404 when ``strict``: an action must not fall back to another month)."""
    if not raw:
        return last_complete_month(now), ""
    try:
        year, month = parse_month(raw)
    except PacteError as error:
        if strict:
            raise Http404(error.message) from error
        return last_complete_month(now), _month_error(raw, now=now)
    return MonthRef(year, month), ""


def _month_error(raw: str, *, now: datetime) -> str:
    """Why ``raw`` is not a month the pages can show, in the user's words."""
    shape = re.fullmatch(r"(\d{1,4})-(\d{2})", raw)
    if shape and 1 <= int(shape[2]) <= 12 and not year_supported(int(shape[1])):
        return range_message()
    message = gettext("“%(value)s” is not a month: give it as year-month, e.g. %(example)s.")
    return message % {"value": raw[:20], "example": last_complete_month(now).value}


def _default_scheme_code() -> str:
    return first_site_scheme_code() or DEFAULT_SCHEME


def dashboard_selection(params: QueryDict, *, now: datetime, strict: bool = False) -> Selection:
    """The active version of ``scheme`` (default: the first site's) and ``month``.

    An unknown scheme or one without an active version is a 404. A malformed month
    shows the last complete month with ``month_error`` set (the picker shows it as a
    form error); with ``strict`` (closing actions) it is a 404.
    """
    code = params.get("scheme") or _default_scheme_code()
    version = active_version_by_code(code=code)
    if version is None:
        raise Http404
    schemes = list(schemes_with_active_version())
    month, error = _month(params.get("month", ""), now=now, strict=strict)
    return Selection(version=version, month=month, schemes=schemes, now=now, month_error=error)


def commitment_blocks(*, selection: Selection) -> list[CommitmentBlock]:
    """The month's results grouped by commitment, with how many verdicts rest on
    late-recorded events (three queries plus two per indicator)."""
    month = selection.month
    results = month_results(
        scheme_version=selection.version, year=month.year, month=month.month, now=selection.now
    )
    indicators = indicators_by_code(version=selection.version)
    late = late_counts(
        scheme_version=selection.version, year=month.year, month=month.month, now=selection.now
    )
    blocks: dict[str, CommitmentBlock] = {}
    for result in results:
        indicator = indicators[result.indicator_code]
        block = blocks.get(result.commitment_code)
        if block is None:
            title = localized(indicator.commitment, "title")
            block = blocks[result.commitment_code] = CommitmentBlock(
                result.commitment_code, title, []
            )
        block.rows.append(
            ResultRow(result, localized(indicator, "title"), late.get(result.indicator_code))
        )
    return list(blocks.values())


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _trend_entry(result: IndicatorResult, *, unit: str) -> dict[str, Any]:
    """An indicator's series head: its target and how to label it in its unit (a count
    is drawn on its own axis, never as a percentage)."""
    maximum = result.target_is_maximum
    return {
        "code": result.indicator_code,
        "target": _number(result.target),
        "maximum": maximum,
        "unit": unit,
        "is_rate": is_rate(unit),
        "label": f"{result.indicator_code} ({TargetUnit(unit).label})",
        "target_label": target_text(target=result.target, unit=unit, maximum=maximum),
        "points": [],
    }


def trend_series(*, selection: Selection) -> list[dict[str, Any]]:
    """Rate and target of every implemented indicator over the 12 months ending at the one
    selected (those in the supported years), ready for ``json_script``: 12 * (2 +
    implemented indicators) queries."""
    shifted = (selection.month.shifted(-back) for back in range(TREND_MONTHS - 1, -1, -1))
    months = [month for month in shifted if year_supported(month.year)]
    units = indicator_units(version_id=selection.version.pk)
    series: dict[str, dict[str, Any]] = {}
    for month in months:
        results = month_results(
            scheme_version=selection.version,
            year=month.year,
            month=month.month,
            now=selection.now,
        )
        for result in results:
            if result.no_data:
                continue
            unit = units.get(result.indicator_code, TargetUnit.PERCENT)
            entry = series.setdefault(result.indicator_code, _trend_entry(result, unit=unit))
            entry["points"].append(
                {
                    "month": month.value,
                    "rate": _number(result.rate),
                    "figure": figure_text(result.rate, unit=unit),
                    "numerator": result.numerator,
                    "denominator": result.denominator,
                }
            )
    return list(series.values())


@dataclass
class ClosingPanel:
    """What the dashboard's closing panel shows for the selected scheme and month."""

    selection: Selection
    closings: list[MonthClosing]
    events: list[ClosingEvent]
    pending_task: str | None
    month_over: bool
    is_quality_manager: bool
    reopen_form: ReopenForm = field(default_factory=ReopenForm)
    integrity: ClosingIntegrity | None = None  # the closed closing's seal check

    @property
    def current(self) -> MonthClosing | None:
        """The closed closing of the month, else the latest (reopened) one."""
        closed = [c for c in self.closings if c.status == ClosingStatus.CLOSED]
        return closed[0] if closed else (self.closings[0] if self.closings else None)

    @property
    def is_closed(self) -> bool:
        current = self.current
        return current is not None and current.status == ClosingStatus.CLOSED

    @property
    def can_close(self) -> bool:
        return (
            self.is_quality_manager
            and self.month_over
            and not self.is_closed
            and self.pending_task is None
        )

    @property
    def can_reopen(self) -> bool:
        return self.is_quality_manager and self.is_closed


def closing_panel(*, selection: Selection, user: User) -> ClosingPanel:
    """The panel's data: closings of the month, their history, a queued closing, and
    whether the closed one's seal verifies (4 queries)."""
    month = selection.month
    closings = month_closings(
        scheme_id=selection.version.scheme_id, year=month.year, month=month.month
    )
    _, end = month_bounds(year=month.year, month=month.month, zone=CLOSING_ZONE)
    closed = [closing for closing in closings if closing.status == ClosingStatus.CLOSED]
    integrity = closings_integrity(closings=closed[:1]) if closed else {}
    return ClosingPanel(
        selection=selection,
        closings=closings,
        events=list(closing_events(closings=closings)) if closings else [],
        pending_task=pending_closing_task(
            scheme_version=selection.version, year=month.year, month=month.month
        ),
        month_over=selection.now >= end,
        is_quality_manager=may(user, Action.COMPLIANCE_CLOSE),
        integrity=integrity.get(closed[0].pk) if closed else None,
    )
