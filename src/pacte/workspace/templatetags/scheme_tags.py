"""Template helpers of the scheme pages and the compliance pages: figures and targets in
their indicator's unit (``pacte.commitments.units``), texts in the page's language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from pacte.commitments.models import Indicator, TargetUnit
from pacte.commitments.selectors import indicator_units, scheme_version_units
from pacte.commitments.units import figure_text, target_text
from pacte.compliance.labels import item_kind_label, reason_label, verdict_label
from pacte.compliance.selectors import Tally
from pacte.workspace.common.presenters import localized

register = template.Library()


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
        cache[key] = scheme_version_units(scheme_code=key[0], number=key[1])
    return cache[key].get(result.indicator_code, TargetUnit.PERCENT)


@register.simple_tag(takes_context=True)
def result_target(context: template.Context, result: Any) -> str:
    """A dashboard result's target in its indicator's unit."""
    unit = _result_unit(context, result)
    return target_text(target=result.target, unit=unit, maximum=result.target_is_maximum)


@register.simple_tag(takes_context=True)
def result_value(context: template.Context, result: Any) -> str:
    """A dashboard result's figure in its indicator's unit."""
    return figure_text(result.rate, unit=_result_unit(context, result))


@register.simple_tag
def figure(value: Decimal | float | None, unit: str) -> str:
    """A figure in its unit and the page's language: ``96,50 %``, ``5`` for a count."""
    return figure_text(value, unit=unit)


@register.simple_tag
def figure_target(target: Decimal | float, unit: str, maximum: bool) -> str:
    """A target with its bound in its unit: ``≥ 95,00 %``, ``≥ 4`` for a count."""
    return target_text(target=target, unit=unit, maximum=maximum)


@register.simple_tag
def tally_figure(tally: Tally, unit: str) -> str:
    """A drill-down tally's figure as compared with the target: the count of passing
    items for a count indicator, else the pass rate."""
    return figure_text(tally.value(unit), unit=unit)


@register.filter
def localized_text(obj: object) -> str:
    """``obj.text_fr`` or ``obj.text_en``, in the active language (a requirement)."""
    return localized(obj, "text")


@register.simple_tag(takes_context=True)
def indicator_unit(context: template.Context, version_id: int, code: str) -> str:
    """The unit of indicator ``code`` of a scheme version (one query per version and
    page, kept in the render context); a percentage if the code is unknown."""
    render: Any = context.render_context
    cache: dict[int, dict[str, str]] = render.setdefault("indicator_units", {})
    if version_id not in cache:
        cache[version_id] = indicator_units(version_id=version_id)
    return cache[version_id].get(code, TargetUnit.PERCENT)


@register.filter
def verdict_text(code: str) -> str:
    """A verdict code's label (``pass`` → "Pass"/"Conforme")."""
    return verdict_label(code) if code else ""


@register.filter
def reason_text(code: str) -> str:
    """A reason code's sentence in the page's language."""
    return reason_label(code) if code else ""


@register.filter
def item_kind_text(kind: str) -> str:
    """What an item of an indicator is (``clock`` → "Tracked deadline")."""
    return item_kind_label(kind)
