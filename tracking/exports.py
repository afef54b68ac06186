"""The filtered list of tracked items as a spreadsheet: CSV (UTF-8 with BOM, for Excel), ODS and XLSX."""

from __future__ import annotations

import tablib

from minutes import rocdate

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
HEADERS = ["列管案號", "列管會次", "案由", "主辦單位", "期限", "狀態", "列管會次數", "最新辦理情形", "列管建議"]


# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def items_dataset(items) -> tablib.Dataset:
    """One row per item; expects items with meetings_open, responsible_units and progress_reports prefetched."""
    dataset = tablib.Dataset(headers=HEADERS, title="列管案件")
    for item in items:
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
        dataset.append([_cell(value) for value in row])
    return dataset


def export_items(items, fmt: str) -> tuple[bytes, str]:
    dataset = items_dataset(items)
    if fmt == "csv":
        # The BOM tells Excel the file is UTF-8; without it Chinese opens as mojibake.
        return ("\ufeff" + dataset.export("csv")).encode("utf-8"), FORMATS[fmt]
    return dataset.export(fmt), FORMATS[fmt]
