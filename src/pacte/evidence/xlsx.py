"""The pack as an XLSX workbook: a summary sheet, then one sheet per commitment.

Dates are written in the workspace's time zone (settings.TIME_ZONE), as Excel dates,
shown day first in French. Figures and targets stay numbers (sortable, summable): an
Excel number format adds their unit (``0.00 %`` for a rate, a whole number for a count),
and the spreadsheet program shows the decimal separator of its reader's locale (a comma
in French), as number formats always do. Verdicts, reasons, channels and item kinds are
written as labels in the pack's language; the codes an auditor filters on stay in the
database and the API.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

import xlsxwriter
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pacte.commitments.models import TargetUnit
from pacte.commitments.units import NBSP, SUFFIXES, bound_text
from pacte.compliance.sealing import SEAL_FORMAT
from pacte.evidence.contents import PackContents, SummaryRow
from pacte.evidence.sampling import SampleItem


def _local(value: datetime | None) -> datetime | None:
    # Whole seconds: Excel would round 23:59:59.999999 up to the next day.
    return None if value is None else timezone.localtime(value).replace(microsecond=0)


def datetime_text(value: datetime | None) -> str:
    """``2 décembre 2026 14:05`` in the workspace's time zone and the active language."""
    local = _local(value)
    return "" if local is None else date_format(local, "j F Y H:i")


def month_text(label: str) -> str:
    """``mars 2026`` for the pack's ``2026-03``."""
    year, month = (int(part) for part in label.split("-"))
    return date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")


def seal_lines(contents: PackContents) -> list[tuple[str, str]]:
    """The closing's seal and previous seal, or "not closed"."""
    closing = contents.closing
    if closing is None:
        return [(_("Closing"), _("not closed: live figures as of the generation time"))]
    return [
        (
            _("Closing"),
            _("closed on %(at)s") % {"at": datetime_text(closing.closed_at)},
        ),
        (_("Seal (SHA-256)"), closing.seal),
        (_("Previous seal"), closing.previous_seal or _("none (first closing)")),
        *(
            [
                (
                    _("Frozen verdicts (SHA-256 of their lines)"),
                    f"{closing.verdicts_count} · {closing.verdicts_sha256}",
                ),
                (
                    _("Trail heads (SHA-256 of their lines)"),
                    f"{closing.trail_count} · {closing.trail_sha256}",
                ),
            ]
            if closing.seal_format >= SEAL_FORMAT
            else []
        ),
    ]


def met_text(met: bool | None) -> str:
    if met is None:
        return _("no case")
    return _("yes") if met else _("no")


def summary_headers() -> list[str]:
    return [
        _("Commitment"),
        _("Indicator"),
        _("Title"),
        _("Numerator"),
        _("Denominator"),
        _("Result"),
        _("Target"),
        _("Met"),
        _("No data"),
        _("Unit"),
    ]


def unit_label(unit: str) -> str:
    return str(TargetUnit(unit).label) if unit in TargetUnit.values else unit


def summary_cells(row: SummaryRow) -> list[Any]:
    """The row's cells; the result and the target are numbers (see ``Figure``)."""
    return [
        row.commitment_code,
        row.indicator_code,
        row.title,
        row.numerator,
        row.denominator,
        None if row.rate is None else Figure(Decimal(row.rate), row.unit, None),
        Figure(Decimal(row.target), row.unit, row.target_is_maximum),
        "" if row.no_data else met_text(row.met),
        row.no_data,
        unit_label(row.unit),
    ]


def sample_headers() -> list[str]:
    return [
        _("Indicator"),
        _("Item kind"),
        _("Item id"),
        _("Case id"),
        _("Case reference"),
        _("Channel"),
        _("Received at"),
        _("Deadline"),
        _("Verdict"),
        _("Reason"),
        _("Late-recorded"),
        _("Sample key (SHA-256)"),
    ]


def sample_cells(item: SampleItem) -> list[Any]:
    return [
        item.indicator_code,
        item.kind_label,
        item.item_id,
        item.case_id,
        item.case_reference,
        item.channel_label,
        _local(item.received_at),
        _local(item.deadline),
        item.verdict_label,
        item.reason,
        _("yes") if item.late_recorded else "",
        item.key,
    ]


class Figure:
    """A number to write with its unit's format (and a bound, for a target)."""

    __slots__ = ("maximum", "unit", "value")

    def __init__(self, value: Decimal, unit: str, maximum: bool | None) -> None:
        self.value, self.unit, self.maximum = value, unit, maximum


def number_format(unit: str, maximum: bool | None) -> str:
    """The Excel number format of a figure: ``0.00 %`` (quoted: a literal sign, not a
    multiplication by 100), ``0`` for a count, ``≥ 0.00 %`` for a target."""
    body = "0" if unit == TargetUnit.COUNT else "0.00"
    sign = SUFFIXES.get(unit, "")
    suffix = f'"{sign}"' if sign else ""
    prefix = "" if maximum is None else f'"{bound_text(maximum=maximum)}{NBSP}"'
    return f"{prefix}{body}{suffix}"


def date_number_format() -> str:
    """Day first in French, ISO in English."""
    language = translation.get_language() or "fr"
    return "yyyy-mm-dd hh:mm" if language.startswith("en") else "dd/mm/yyyy hh:mm"


class _Sheets:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self.bold = book.add_format({"bold": True})
        self.date = book.add_format({"num_format": date_number_format()})
        self.figures: dict[str, Any] = {}

    def figure(self, figure: Figure) -> Any:
        pattern = number_format(figure.unit, figure.maximum)
        if pattern not in self.figures:
            self.figures[pattern] = self.book.add_format({"num_format": pattern})
        return self.figures[pattern]

    def row(self, sheet: Any, index: int, cells: list[Any], *, bold: bool = False) -> None:
        for column, value in enumerate(cells):
            if isinstance(value, datetime):
                sheet.write_datetime(index, column, value, self.date)
            elif isinstance(value, Figure):
                sheet.write_number(index, column, float(value.value), self.figure(value))
            elif value is None:
                sheet.write_blank(index, column, None)
            else:
                sheet.write(index, column, value, self.bold if bold else None)


def _summary(book: xlsxwriter.Workbook, sheets: _Sheets, contents: PackContents) -> None:
    sheet = book.add_worksheet(_("Summary"))
    head: list[tuple[str, Any]] = [
        (_("Scheme"), contents.scheme_code),
        (_("Version"), contents.version_number),
        (_("Month"), month_text(contents.label)),
        (_("Seed"), str(contents.seed)),
        (_("Sample size (per indicator)"), contents.sample_size),
        (_("Generated at"), _local(contents.generated_at)),
        *seal_lines(contents),
    ]
    for index, (label, value) in enumerate(head):
        sheets.row(sheet, index, [label, value])
        sheet.write(index, 0, label, sheets.bold)
    start = len(head) + 1
    sheets.row(sheet, start, summary_headers(), bold=True)
    for offset, row in enumerate(contents.summary, start=1):
        sheets.row(sheet, start + offset, summary_cells(row))
    sheet.set_column(0, 1, 14)
    sheet.set_column(2, 2, 50)
    sheet.set_column(3, 9, 14)


def workbook_bytes(contents: PackContents) -> bytes:
    """The XLSX file's bytes."""
    buffer = BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "remove_timezone": True})
    sheets = _Sheets(book)
    _summary(book, sheets, contents)
    for block in contents.samples:
        sheet = book.add_worksheet(block.code)
        sheet.write(0, 0, f"{block.code} · {block.title}", sheets.bold)
        sheets.row(sheet, 2, sample_headers(), bold=True)
        for offset, item in enumerate(block.items, start=3):
            sheets.row(sheet, offset, sample_cells(item))
        sheet.set_column(0, 5, 14)
        sheet.set_column(6, 7, 18)
        sheet.set_column(8, 10, 24)
    book.close()
    return buffer.getvalue()
