"""The filtered list of tracked items as a spreadsheet: CSV (UTF-8 with BOM, for Excel), ODS and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from urllib.parse import quote

import tablib
from odf import opendocument
from odf import style as odf_style
from odf import table as odf_table
from odf import text as odf_text
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from minutes.reader import rocdate

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
HEADERS = ["列管案號", "列管會次", "案由", "主辦單位", "期限", "狀態", "列管會次數", "最新辦理情形", "列管建議"]
SHEET_TITLE = "列管案件"

# Column widths in spreadsheet character units (the width of a "0"): a Chinese character takes two.
# Long text (案由, 辦理情形) stops at MAX_WIDTH and wraps inside its cell instead.
MIN_WIDTH = 8
MAX_WIDTH = 60
PADDING = 2


# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def item_row(item) -> list:
    """An item's cells; expects meetings_open, responsible_units and progress_reports (newest first) prefetched."""
    reports = list(item.progress_reports.all())
    latest = reports[0] if reports else None
    row = (
        item.case_number,
        item.meeting_number,
        item.subject,
        "、".join(u.name for u in item.responsible_units.all()),
        rocdate.format_roc_date(item.due_date) if item.due_date else "",
        item.get_status_display(),
        item.meetings_open,
        f"{latest.unit.name}：{latest.text}" if latest else "",
        latest.get_suggestion_display() if latest else "",
    )
    return [_cell(value) for value in row]


def items_dataset(items) -> tablib.Dataset:
    """One row per item (the whole sheet in memory: for ODS and XLSX, which need every width before writing)."""
    dataset = tablib.Dataset(headers=HEADERS, title=SHEET_TITLE)
    for item in items:
        dataset.append(item_row(item))
    return dataset


# Rows read from the database per round trip while streaming a CSV: memory stays that of one chunk.
CSV_CHUNK = 2000
# ODS and XLSX are built whole in memory (widths first, then a zip): beyond this many rows the page says to use CSV.
SPREADSHEET_MAX_ROWS = 20000


class _Line:
    """A file for csv.writer that hands back what it was given, so each row is yielded as soon as it is written."""

    def write(self, value):
        return value


def csv_lines(rows):
    """Each row as one CSV line (formula-looking cells defused)."""
    writer = csv.writer(_Line())
    return (writer.writerow([_cell(value) for value in row]) for row in rows)


def csv_chunks(items):
    """The CSV (UTF-8 with BOM, for Excel) as a stream of bytes: the rows of `items` in chunks of CSV_CHUNK, so a
    whole city's 400,000 cases take the memory of 2,000."""
    writer = csv.writer(_Line())
    # The BOM tells Excel the file is UTF-8; without it Chinese opens as mojibake.
    yield ("\ufeff" + writer.writerow(HEADERS)).encode("utf-8")
    lines = []
    for item in items.iterator(chunk_size=CSV_CHUNK):
        lines.append(writer.writerow(item_row(item)))
        if len(lines) >= 200:
            yield "".join(lines).encode("utf-8")
            lines = []
    if lines:
        yield "".join(lines).encode("utf-8")


def display_width(value) -> int:
    """How many "0"-widths a value takes on screen: wide and full-width (CJK) characters count two.

    A value of several lines is as wide as its longest line.
    """
    if value is None:
        return 0
    lines = str(value).splitlines() or [""]
    return max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in lines)


def column_widths(dataset: tablib.Dataset) -> list[int]:
    """Each column as wide as its widest cell (header included) plus a margin, within MIN_WIDTH..MAX_WIDTH."""
    widths = []
    for index, header in enumerate(dataset.headers):
        widest = max([display_width(header), *(display_width(row[index]) for row in dataset)])
        widths.append(min(max(widest + PADDING, MIN_WIDTH), MAX_WIDTH))
    return widths


def _xlsx(dataset: tablib.Dataset) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = dataset.title
    sheet.append(dataset.headers)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in dataset:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
    for index, width in enumerate(column_widths(dataset), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _ods_width(width: int) -> str:
    # The same size as in Excel, where n characters of "0" are 7n + 5 pixels at 96 dpi.
    return f"{(width * 7 + 5) / 96 * 2.54:.3f}cm"


def _ods(dataset: tablib.Dataset) -> bytes:
    document = opendocument.OpenDocumentSpreadsheet()
    header_style = odf_style.Style(name="header", family="table-cell")
    header_style.addElement(odf_style.TextProperties(fontweight="bold", fontweightasian="bold"))
    cell_style = odf_style.Style(name="wrap", family="table-cell")
    cell_style.addElement(odf_style.TableCellProperties(wrapoption="wrap", verticalalign="top"))
    document.automaticstyles.addElement(header_style)
    document.automaticstyles.addElement(cell_style)
    sheet = odf_table.Table(name=dataset.title)
    for index, width in enumerate(column_widths(dataset), start=1):
        column_style = odf_style.Style(name=f"co{index}", family="table-column")
        column_style.addElement(odf_style.TableColumnProperties(columnwidth=_ods_width(width)))
        document.automaticstyles.addElement(column_style)
        sheet.addElement(odf_table.TableColumn(stylename=column_style))
    rows = [(header_style, dataset.headers), *((cell_style, row) for row in dataset)]
    for cell_style_of_row, values in rows:
        row = odf_table.TableRow()
        for value in values:
            if value is None:
                cell = odf_table.TableCell(valuetype="void", stylename=cell_style_of_row)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cell = odf_table.TableCell(valuetype="float", value=value, stylename=cell_style_of_row)
                cell.addElement(odf_text.P(text=str(value)))
            else:
                cell = odf_table.TableCell(valuetype="string", stylename=cell_style_of_row)
                for line in str(value).split("\n"):
                    cell.addElement(odf_text.P(text=line))
            row.addElement(cell)
        sheet.addElement(row)
    document.spreadsheet.addElement(sheet)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def export_items(items, fmt: str) -> tuple[bytes, str]:
    """ODS or XLSX of `items` (a CSV streams: csv_chunks)."""
    dataset = items_dataset(items)
    if fmt == "xlsx":
        return _xlsx(dataset), FORMATS[fmt]
    return _ods(dataset), FORMATS[fmt]


def content_disposition(fmt: str, day: dt.date, name: str = SHEET_TITLE, ascii_name: str = "tracked-items") -> str:
    """The download header: 列管案件-20261128.xlsx for browsers that read RFC 6266's filename*, and an
    ASCII name for those that do not."""
    fallback = f"{ascii_name}-{day:%Y%m%d}.{fmt}"
    name = f"{name}-{day:%Y%m%d}.{fmt}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
