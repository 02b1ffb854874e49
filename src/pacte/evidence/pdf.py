"""The pack as a PDF: a Django template rendered by WeasyPrint (no JavaScript; inline SVG)."""

from __future__ import annotations

import logging
import warnings

from django.template.loader import render_to_string

from pacte.evidence.charts import trend_svg
from pacte.evidence.contents import PackContents
from pacte.evidence.xlsx import met_text, seal_lines


def pdf_html(contents: PackContents) -> str:
    """The HTML the PDF is printed from (also what tests and previews can read)."""
    context = {
        "contents": contents,
        "seals": seal_lines(contents),
        "summary": [(row, met_text(row.met)) for row in contents.summary],
        "charts": [(trend, trend_svg(trend)) for trend in contents.trends],
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
