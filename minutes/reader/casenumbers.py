"""Tracked-item case numbers (列管案號): the meeting number followed by a two-digit sequence."""

from __future__ import annotations

import re
import unicodedata

_DIGITS_RE = re.compile(r"[0-9]+")
# A meeting series will not reach a billion meetings; a longer digit run is garbage, not a case number.
_MAX_LENGTH = 11


def format_case_number(meeting_number: int, sequence: int) -> str:
    """(107, 1) → "10701", (99, 3) → "9903"."""
    for name, value in (("會議次數", meeting_number), ("案件序號", sequence)):
        # bool is an int subclass; True as a meeting number is always a caller bug.
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name}必須是整數，收到 {value!r}")
    if meeting_number < 1:
        raise ValueError(f"會議次數必須大於 0，收到 {meeting_number}")
    if not 1 <= sequence <= 99:
        raise ValueError(f"案件序號必須介於 1 到 99 之間，收到 {sequence}")
    return f"{meeting_number}{sequence:02d}"


def parse_case_number(value: int | str) -> tuple[int, int]:
    """ "10701" → (107, 1), 9903 → (99, 3); full-width digits are accepted.

    The leading digits are a meeting number, never an ROC year, even when they look like one (107).
    """
    if isinstance(value, bool):
        raise TypeError(f"列管案號必須是數字或字串，收到 {value!r}")
    if isinstance(value, int):
        text = str(value) if value >= 0 else ""
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
    else:
        raise TypeError(f"列管案號必須是數字或字串，收到 {value!r}")
    if not _DIGITS_RE.fullmatch(text) or len(text) > _MAX_LENGTH:
        raise ValueError(f"無法辨識的列管案號：「{value}」（應為會議次數加兩位序號，例如 10701）")
    if len(text) < 3:
        raise ValueError(f"列管案號「{value}」太短：應為會議次數加兩位序號，例如 10701")
    meeting_text, sequence = text[:-2], int(text[-2:])
    # A leading zero would make two spellings of one case ("0101" and "101"); only one is valid.
    if meeting_text.startswith("0"):
        raise ValueError(f"列管案號「{value}」的會議次數不可以 0 開頭")
    if sequence < 1:
        raise ValueError(f"列管案號「{value}」的序號不可為 00")
    return int(meeting_text), sequence


def normalise_case_number(value: int | str) -> str:
    """ "１０７０１" or 10701 → "10701"; raises ValueError for anything that is not a case number."""
    return format_case_number(*parse_case_number(value))
