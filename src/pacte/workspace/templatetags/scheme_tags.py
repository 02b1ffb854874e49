"""Template helpers of the scheme pages and the dashboard: a target in its unit, texts in
the page's language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import localize

from pacte.commitments.models import Indicator, TargetUnit
from pacte.workspace.common.presenters import localized

register = template.Library()


def target_text(*, target: Decimal, unit: str, maximum: bool) -> str:
    """``≥ 95.00 %``, ``≥ 4 channels``... : a target with its bound and its unit."""
    bound = "≤" if maximum else "≥"
    if unit == TargetUnit.COUNT:
        return f"{bound} {localize(target.to_integral_value())}"
    number = localize(target)
    if unit == TargetUnit.SCORE:
        return f"{bound} {number} / 5"
    if unit == TargetUnit.PER_THOUSAND:
        return f"{bound} {number}\u00a0‰"
    return f"{bound} {number}\u00a0%"


@register.filter
def indicator_target(indicator: Indicator) -> str:
    """An indicator's target in its unit."""
    return target_text(
        target=indicator.target, unit=indicator.unit, maximum=indicator.target_is_maximum
    )


def _result_unit(context: template.Context, result: Any) -> str:
    """The unit of a dashboard result's indicator.

    The units of the result's scheme version are read once per page (one query) and
    kept in the render context.
    """
    key = (result.scheme_code, result.scheme_version)
    render: Any = context.render_context
    if "scheme_units" not in render:
        render["scheme_units"] = {}
    cache: dict[tuple[str, int], dict[str, str]] = render["scheme_units"]
    if key not in cache:
        cache[key] = dict(
            Indicator.objects.filter(
                commitment__version__scheme__code=key[0], commitment__version__number=key[1]
            ).values_list("code", "unit")
        )
    return cache[key].get(result.indicator_code, TargetUnit.PERCENT)


@register.simple_tag(takes_context=True)
def result_target(context: template.Context, result: Any) -> str:
    """A dashboard result's target in its indicator's unit."""
    unit = _result_unit(context, result)
    return target_text(target=result.target, unit=unit, maximum=result.target_is_maximum)


def value_text(*, value: Decimal | None, unit: str) -> str:
    """A result's figure in its unit: ``96.50 %``, ``5`` (a count), ``—`` without data."""
    if value is None:
        return "—"
    if unit == TargetUnit.COUNT:
        return localize(value.to_integral_value())
    if unit == TargetUnit.SCORE:
        return f"{localize(value)} / 5"
    if unit == TargetUnit.PER_THOUSAND:
        return f"{localize(value)}\u00a0‰"
    return f"{localize(value)}\u00a0%"


@register.simple_tag(takes_context=True)
def result_value(context: template.Context, result: Any) -> str:
    """A dashboard result's figure in its indicator's unit."""
    return value_text(value=result.rate, unit=_result_unit(context, result))


@register.filter
def localized_text(obj: object) -> str:
    """``obj.text_fr`` or ``obj.text_en``, in the active language (a requirement)."""
    return localized(obj, "text")
