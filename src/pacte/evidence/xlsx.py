"""The pack as an XLSX workbook: a summary sheet, then one sheet per commitment.

Dates are written in the workspace's time zone (settings.TIME_ZONE), as Excel dates.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from typing import Any

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

from pacte.compliance.sealing import SEAL_FORMAT
from pacte.evidence.contents import PackContents, SummaryRow
from pacte.evidence.sampling import SampleItem


def _local(value: datetime | None) -> datetime | None:
    # Whole seconds: Excel would round 23:59:59.999999 up to the next day.
    return None if value is None else timezone.localtime(value).replace(microsecond=0)


def seal_lines(contents: PackContents) -> list[tuple[str, str]]:
    """The closing's seal and previous seal, or "not closed"."""
    closing = contents.closing
    if closing is None:
        return [(_("Closing"), _("not closed: live figures as of the generation time"))]
    return [
        (
            _("Closing"),
            _("closed on %(at)s") % {"at": f"{_local(closing.closed_at):%Y-%m-%d %H:%M}"},
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
        _("Rate (%)"),
        _("Target (%)"),
        _("Met"),
        _("No data"),
    ]


def summary_cells(row: SummaryRow) -> list[Any]:
    target = f"{'≤' if row.target_is_maximum else '≥'} {row.target}"
    return [
        row.commitment_code,
        row.indicator_code,
        row.title,
        row.numerator,
        row.denominator,
        None if row.rate is None else float(row.rate),
        target,
        "" if row.no_data else met_text(row.met),
        row.no_data,
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
        item.item_kind,
        item.item_id,
        item.case_id,
        item.case_reference,
        item.channel,
        _local(item.received_at),
        _local(item.deadline),
        item.verdict,
        item.reason,
        _("yes") if item.late_recorded else "",
        item.key,
    ]


class _Sheets:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.bold = book.add_format({"bold": True})
        self.date = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})

    def row(self, sheet: Any, index: int, cells: list[Any], *, bold: bool = False) -> None:
        for column, value in enumerate(cells):
            if isinstance(value, datetime):
                sheet.write_datetime(index, column, value, self.date)
            elif value is None:
                sheet.write_blank(index, column, None)
            else:
                sheet.write(index, column, value, self.bold if bold else None)


def _summary(book: xlsxwriter.Workbook, sheets: _Sheets, contents: PackContents) -> None:
    sheet = book.add_worksheet(_("Summary"))
    head: list[tuple[str, Any]] = [
        (_("Scheme"), contents.scheme_code),
        (_("Version"), contents.version_number),
        (_("Month"), contents.label),
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
    sheet.set_column(3, 8, 14)


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
