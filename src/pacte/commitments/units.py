"""An indicator's figures in its unit, in the active language: ``96,50 %`` for a rate,
``5`` for a count (T1.1 counts channels), ``4,2 / 5`` for a score, ``1,3 ‰`` per 1,000
customers. Screens, the public page and the evidence packs all print through here, so
that a count is never shown as a percentage.

A non-breaking space joins a number to its unit and a bound to its number.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import localize

from pacte.commitments.models import TargetUnit

NBSP = "\u00a0"
SUFFIXES: dict[str, str] = {
    TargetUnit.PERCENT: f"{NBSP}%",
    TargetUnit.COUNT: "",
    TargetUnit.SCORE: f"{NBSP}/{NBSP}5",
    TargetUnit.PER_THOUSAND: f"{NBSP}‰",
}


def number_text(value: Decimal | float | int, *, unit: str) -> str:
    """The number alone, localised (a count as a whole number)."""
    number = Decimal(str(value))
    if unit == TargetUnit.COUNT:
        return localize(number.to_integral_value())
    return localize(number.quantize(Decimal("0.01")))


def figure_text(value: Decimal | float | int | str | None, *, unit: str) -> str:
    """A result's figure with its unit; ``—`` when there is none."""
    if value is None or value == "":
        return "—"
    return number_text(Decimal(str(value)), unit=unit) + SUFFIXES.get(unit, "")


def bound_text(*, maximum: bool) -> str:
    return "≤" if maximum else "≥"


def target_text(*, target: Decimal | float | int | str, unit: str, maximum: bool) -> str:
    """A target with its bound and its unit: ``≥ 95,00 %``, ``≥ 4``."""
    return f"{bound_text(maximum=maximum)}{NBSP}{figure_text(target, unit=unit)}"


def is_rate(unit: str) -> bool:
    """Whether figures of this unit are percentages (drawn on a 0-100 axis)."""
    return unit == TargetUnit.PERCENT
