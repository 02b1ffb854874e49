"""Reading packs back: the XLSX with openpyxl, the PDF's text with pypdf."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import openpyxl
from pypdf import PdfReader

from pacte.evidence.models import EvidencePack

SAMPLE_HEADER_ROW = 3  # 1-based row of a commitment sheet's headers


def workbook(data: bytes) -> Any:
    return openpyxl.load_workbook(BytesIO(data))


def pack_workbook(pack: EvidencePack) -> Any:
    with pack.xlsx.open("rb") as handle:
        return workbook(handle.read())


def sample_rows(sheet: Any) -> list[tuple[Any, ...]]:
    """The sample rows of a commitment sheet (below the header row)."""
    rows = list(sheet.iter_rows(min_row=SAMPLE_HEADER_ROW + 1, values_only=True))
    return [row for row in rows if row[0]]


def summary_values(sheet: Any) -> dict[str, Any]:
    """The head of the summary sheet: label -> value."""
    values = {}
    for label, value, *_ in sheet.iter_rows(values_only=True):
        if label is None:
            break
        values[label] = value
    return values


def summary_rows(sheet: Any) -> dict[str, tuple[Any, ...]]:
    """The summary table, by indicator code."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == "Commitment")
    return {row[1]: row for row in rows[start + 1 :] if row[1]}


def pdf_text(data: bytes) -> str:
    reader = PdfReader(BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def pack_pdf_text(pack: EvidencePack) -> str:
    with pack.pdf.open("rb") as handle:
        return pdf_text(handle.read())
