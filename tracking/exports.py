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
    """The cells of one item; expects meetings_open, responsible_units and progress_reports prefetched."""
    reports = list(item.progress_reports.all())  # newest first, from the prefetch
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
    """One row per item, in memory: for the exports a request builds (up to EXPORT_INLINE_MAX_ROWS)."""
    dataset = tablib.Dataset(headers=HEADERS, title=SHEET_TITLE)
    for item in items:
        dataset.append(item_row(item))
    return dataset


# Rows read from the database per round trip while streaming a CSV: memory stays that of one chunk.
CSV_CHUNK = 2000


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


# --- Exports too large for a request, written by the worker into a file with bounded memory ---------------------

# The worker cannot measure every cell before writing the first row, so large spreadsheets get fixed widths
# that fit the usual content: case number and meeting narrow, 案由 and 辦理情形 wide (wrapping inside).
STREAMED_WIDTHS = [12, 10, MAX_WIDTH, 20, 16, 10, 12, MAX_WIDTH, 14]
CHUNK = 500


def _rows(items):
    # Prefetches run per chunk of CHUNK items, so memory holds one chunk whatever the export's size.
    for item in items.iterator(chunk_size=CHUNK):
        yield item_row(item)


def export_items_to_file(items, fmt: str, out) -> int:
    """Write the export of the queryset `items` to the binary file `out`, CHUNK items in memory at a time; returns
    the number of rows. XLSX uses openpyxl's write-only workbook, which streams rows to a temporary file; ODS is
    written as its XML streams into the archive (odfpy would hold the whole document)."""
    if fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        text.write("\ufeff")
        writer = csv.writer(text)
        writer.writerow(HEADERS)
        count = 0
        for row in _rows(items):
            writer.writerow(row)
            count += 1
        text.flush()
        text.detach()
        return count
    if fmt == "xlsx":
        return _xlsx_streamed(_rows(items), out)
    return _ods_streamed(_rows(items), out)


def _xlsx_streamed(rows, out) -> int:
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for index, width in enumerate(STREAMED_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def cells(values, **style):
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            for name, what in style.items():
                setattr(cell, name, what)
            yield cell

    sheet.append(list(cells(HEADERS, font=bold)))
    count = 0
    for row in rows:
        sheet.append(list(cells(row, alignment=wrap)))
        count += 1
    workbook.save(out)
    return count


_ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2">'
    '<office:automatic-styles>'
    '<style:style style:name="header" style:family="table-cell">'
    '<style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>'
    '<style:style style:name="wrap" style:family="table-cell">'
    '<style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/></style:style>'
    '{columns}</office:automatic-styles><office:body><office:spreadsheet>'
    '<table:table table:name="{title}">{column_refs}'
)
_ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _ods_row(values, style: str) -> str:
    from xml.sax.saxutils import escape

    cells = []
    for value in values:
        if value is None or value == "":
            cells.append(f'<table:table-cell table:style-name="{style}"/>')
        elif isinstance(value, int | float) and not isinstance(value, bool):
            cells.append(f'<table:table-cell table:style-name="{style}" office:value-type="float" '
                         f'office:value="{value}"><text:p>{value}</text:p></table:table-cell>')
        else:
            paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
            cells.append(f'<table:table-cell table:style-name="{style}" office:value-type="string">'
                         f"{paragraphs}</table:table-cell>")
    return "<table:table-row>" + "".join(cells) + "</table:table-row>"


def _ods_streamed(rows, out) -> int:
    import zipfile

    columns = "".join(
        f'<style:style style:name="co{i}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{_ods_width(w)}"/></style:style>'
        for i, w in enumerate(STREAMED_WIDTHS, start=1)
    )
    refs = "".join(f'<table:table-column table:style-name="co{i}"/>' for i in range(1, len(STREAMED_WIDTHS) + 1))
    count = 0
    with zipfile.ZipFile(out, "w") as archive:
        # The mimetype comes first and uncompressed, so that a reader knows the file by its first bytes.
        archive.writestr("mimetype", FORMATS["ods"], compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("content.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as content:
            content.write(_ODS_HEAD.format(columns=columns, title=SHEET_TITLE, column_refs=refs).encode())
            content.write(_ods_row(HEADERS, "header").encode())
            for row in rows:
                content.write(_ods_row(row, "wrap").encode())
                count += 1
            content.write(_ODS_TAIL.encode())
    return count


def file_name(fmt: str, day: dt.date) -> str:
    return f"{SHEET_TITLE}-{day:%Y%m%d}.{fmt}"
