"""Suggests a due date from a conclusion's wording (於一月底前, 8 月 31 日前, 每季), relative to its meeting."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from minutes.reader.numerals import parse_number

_NUM = r"[0-9]+|[一二三四五六七八九十〇零]+"
# 111 年 8 月 31 日前 / 民國 111 年 8 月 31 日以前: a full ROC date.
_ROC_DATE_RE = re.compile(rf"(?:民國)?\s*(?P<year>{_NUM})\s*年\s*(?P<month>{_NUM})\s*月\s*(?P<day>{_NUM})\s*日\s*(?:以)?前")
# (今年) 8 月 31 日前 / 3月15日以前: a month and day in the meeting's year.
_MONTH_DAY_RE = re.compile(
    rf"(?P<this_year>今年|本年)?\s*(?P<month>{_NUM})\s*月\s*(?P<day>{_NUM})\s*日\s*(?:以)?前"
)
# (於)(今年) 一月底前 / 1 月底前 / 六月底以前: the last day of a month.
_MONTH_END_RE = re.compile(rf"(?P<this_year>今年|本年)?\s*(?P<month>{_NUM})\s*月\s*(?:底|份?月底)\s*(?:以)?前")
_YEAR_END_RE = re.compile(r"(?:今年|本年)(?:底|年底)\s*(?:以)?前")
_QUARTERLY_RE = re.compile(r"每季")


def _number(text: str) -> int | None:
    try:
        return parse_number(text)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def quarter_end(day: dt.date) -> dt.date:
    """The last day of the quarter that contains the day."""
    last_month = ((day.month - 1) // 3 + 1) * 3
    return _month_end(day.year, last_month)


def suggest_due_date(text: str, meeting_date: dt.date) -> dt.date | None:
    """The due date the text asks for, or None when it names none.

    A month without a year is in the meeting's year, or the next one when that date has already passed
    at the meeting (a December meeting saying 於一月底前 means next January), unless the text says 今年.
    """
    normalised = unicodedata.normalize("NFKC", text)

    if match := _ROC_DATE_RE.search(normalised):
        year, month, day = (_number(match.group(k)) for k in ("year", "month", "day"))
        if year and month and day and year < 1000 and (found := _safe_date(year + 1911, month, day)):
            return found

    if match := _MONTH_DAY_RE.search(normalised):
        month, day = _number(match.group("month")), _number(match.group("day"))
        if month and day and (found := _safe_date(meeting_date.year, month, day)) is not None:
            if found < meeting_date and not match.group("this_year"):
                found = _safe_date(meeting_date.year + 1, month, day) or found
            return found

    if match := _MONTH_END_RE.search(normalised):
        month = _number(match.group("month"))
        if month and 1 <= month <= 12:
            found = _month_end(meeting_date.year, month)
            if found < meeting_date and not match.group("this_year"):
                found = _month_end(meeting_date.year + 1, month)
            return found

    if _YEAR_END_RE.search(normalised):
        return dt.date(meeting_date.year, 12, 31)

    if _QUARTERLY_RE.search(normalised):
        return quarter_end(meeting_date)

    return None


def suggest_unit_names(text: str, unit_names: list[str]) -> list[str]:
    """The unit names that appear in the text, in the order the text names them (請總務組與公管中心 → both)."""
    found = []
    for name in unit_names:
        if name and (position := text.find(name)) >= 0:
            found.append((position, name))
    # A longer name that contains a shorter one (議會議事組 / 議事組) wins at the same place.
    found.sort(key=lambda pair: (pair[0], -len(pair[1])))
    result: list[str] = []
    covered: list[tuple[int, int]] = []
    for position, name in found:
        if any(start <= position < end for start, end in covered):
            continue
        covered.append((position, position + len(name)))
        result.append(name)
    return result
