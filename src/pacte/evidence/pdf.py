"""The pack as a PDF: a Django template rendered by WeasyPrint (no JavaScript; inline SVG)."""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from pacte.commitments.units import figure_text, target_text
from pacte.evidence.charts import trend_svg
from pacte.evidence.contents import PackContents, SummaryRow
from pacte.evidence.xlsx import datetime_text, met_text, month_text, seal_lines


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """A summary row with its words: the figure and target in the indicator's unit."""

    row: SummaryRow
    met: str
    figure: str
    target: str


def _line(row: SummaryRow) -> SummaryLine:
    return SummaryLine(
        row=row,
        met=met_text(row.met),
        figure=figure_text(row.rate, unit=row.unit),
        target=target_text(target=row.target, unit=row.unit, maximum=row.target_is_maximum),
    )


def short_date_pattern() -> str:
    """The sample table's date and time: ``09/03/2026 09:00`` in French."""
    language = translation.get_language() or "fr"
    return "Y-m-d H:i" if language.startswith("en") else "d/m/Y H:i"


def pdf_html(contents: PackContents) -> str:
    """The HTML the PDF is printed from (also what tests and previews can read)."""
    context = {
        "contents": contents,
        "month": month_text(contents.label),
        "generated_at": datetime_text(contents.generated_at),
        "date_pattern": short_date_pattern(),
        "seals": seal_lines(contents),
        "summary": [_line(row) for row in contents.summary],
        "charts": [
            (
                trend,
                target_text(target=trend.target, unit=trend.unit, maximum=trend.target_is_maximum),
                trend_svg(trend),
            )
            for trend in contents.trends
        ],
    }
    return render_to_string("evidence/pack.html", context)


def pdf_bytes(contents: PackContents) -> bytes:
    """The PDF file's bytes."""
    # fontTools logs every font subset at INFO level; the worker's log does not need it.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    with warnings.catch_warnings():
        # Without libharfbuzz-subset WeasyPrint warns that a future version will need
        # it; fonts are then embedded whole, which is fine for these small documents.
        warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
        from weasyprint import HTML

    document: bytes = HTML(string=pdf_html(contents)).write_pdf()
    return document
