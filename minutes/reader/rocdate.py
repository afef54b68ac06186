"""Reads and writes dates and times in the ROC (民國) calendar the way meeting records write them."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from minutes.reader.numerals import parse_number

ROC_OFFSET = 1911  # 民國元年 = 1912

_NUM = r"(?:[0-9]+|[〇零一二三四五六七八九十百]+)"
_PERIODS = {
    "上午": "am",
    "早上": "am",
    "清晨": "am",
    "凌晨": "small_hours",
    "中午": "noon",
    "下午": "pm",
    "傍晚": "pm",
    "晚上": "pm",
    "晚間": "pm",
    "夜間": "pm",
}
_PERIOD = "|".join(_PERIODS)


def _time_pattern(prefix: str) -> str:
    # Built twice: with named groups for the start time, without for an end time that is only skipped.
    def g(name: str) -> str:
        return f"?P<{prefix}{name}>" if prefix else "?:"

    # 上午 11 時許 (about 11): the time as written, 許 or 左右 dropped.
    return (
        rf"(?:({g('period')}{_PERIOD})\s*)?({g('hour')}{_NUM})\s*"
        rf"(?:[時点點]\s*(?:({g('minute')}{_NUM})\s*分?|({g('half')}半)|整)?"
        rf"|:\s*({g('colon_minute')}[0-9]{{1,2}}))(?:\s*(?:許|左右))?"
    )


_DATE = (
    rf"(?:(?P<era>中華民國|民國|西元|公元)\s*)?(?P<year>{_NUM})\s*年\s*"
    rf"(?P<month>{_NUM})\s*月\s*(?P<day>{_NUM})\s*[日號]"
)
# Records often add the weekday after the date: （星期四）, (四), 星期四. It is redundant, so skipped.
_WEEKDAY = (
    r"(?:\s*\(\s*(?:星期|週|周|禮拜)?\s*[一二三四五六日天]\s*\)|\s*(?:星期|週|周|禮拜)\s*[一二三四五六日天])?"
)
# 上午 10 時至 12 時: the end of the meeting is not the start time, so it is read and dropped.
_RANGE_END = rf"(?:\s*(?:至|到|~|-|–|—|〜)\s*{_time_pattern('')})?"

_DATE_RE = re.compile(rf"\s*{_DATE}{_WEEKDAY}\s*")
_DATETIME_RE = re.compile(rf"\s*{_DATE}{_WEEKDAY}(?:\s*{_time_pattern('t_')}{_RANGE_END})?\s*")
_TIME_RE = re.compile(rf"\s*{_time_pattern('t_')}\s*")


# 113.10.07 and 113/10/07, as forms and spreadsheets write dates: read as 113年10月07日.
_NUMERIC_DATE_RE = re.compile(
    r"^(\s*(?:民國|中華民國|西元)?\s*)([0-9]{2,4})\s*[./-]\s*([0-9]{1,2})\s*[./-]\s*([0-9]{1,2})(?![0-9])"
)
# 同日下午 4 時 (the same day), and a note after the time: 上午 9 時 30 分（視訊）.
_SAME_DAY_RE = re.compile(r"^\s*(?:同日|當日|當天)\s*")
_TRAILING_NOTE_RE = re.compile(r"(?<=[時分半整0-9])\s*\([^()0-9]{1,12}\)\s*$")


def _normalise(s: str) -> str:
    # NFKC turns full-width digits, colons, parentheses and spaces into their ASCII forms.
    s = _NUMERIC_DATE_RE.sub(r"\1\2年\3月\4日", unicodedata.normalize("NFKC", s), count=1)
    return _TRAILING_NOTE_RE.sub("", _SAME_DAY_RE.sub("", s))


def _date_from_match(match: re.Match[str], original: str) -> dt.date:
    year = parse_number(match.group("year"))
    month = parse_number(match.group("month"))
    day = parse_number(match.group("day"))
    era = match.group("era")
    # 2024 年 without 西元 is not ROC year 2024 (AD 3935): companies and universities write the Western year.
    if era in ("西元", "公元") or (era is None and year > ROC_OFFSET):
        gregorian = year
    else:
        if year < 1:
            raise ValueError(f"民國年份必須大於 0：「{original}」")
        gregorian = year + ROC_OFFSET
    try:
        return dt.date(gregorian, month, day)
    except (ValueError, OverflowError):
        raise ValueError(f"日期不存在：「{original}」") from None


def _time_from_match(match: re.Match[str], original: str) -> dt.time:
    hour = parse_number(match.group("t_hour"))
    minute_text = match.group("t_minute") or match.group("t_colon_minute")
    if minute_text is not None:
        minute = parse_number(minute_text)
    else:
        minute = 30 if match.group("t_half") else 0
    period = _PERIODS.get(match.group("t_period") or "", "")
    if period == "am":
        if hour > 12:
            raise ValueError(f"「上午」的時數不能大於 12：「{original}」")
    elif period == "small_hours":
        if hour > 12:
            raise ValueError(f"「凌晨」的時數不能大於 12：「{original}」")
        hour = 0 if hour == 12 else hour
    elif period == "noon":
        # 中午 12 時 is noon; 中午 1 時 is 13:00.
        if hour in (1, 2):
            hour += 12
        elif hour not in (11, 12, 13, 14):
            raise ValueError(f"「中午」的時數不合理：「{original}」")
    elif period == "pm":
        # 下午 2 時 = 14:00; some writers keep 24-hour clock after 下午 (下午 14 時), which is kept.
        if 1 <= hour <= 11:
            hour += 12
        elif hour not in (12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23):
            raise ValueError(f"「下午」的時數不合理：「{original}」")
    if not 0 <= hour <= 23 or not 0 <= minute <= 59:
        raise ValueError(f"時間不存在：「{original}」")
    return dt.time(hour, minute)


def parse_roc_date(s: str) -> dt.date:
    """民國 111 年 1 月 20 日, 111年1月20日, 中華民國一百十一年一月二十日（星期四） → date(2022, 1, 20).

    西元 2022 年 1 月 20 日 is read as Gregorian, and so is a year without era past 1911 (2022 年); below it,
    a year without era is ROC.
    """
    match = _DATE_RE.fullmatch(_normalise(s))
    if match is None:
        raise ValueError(f"無法辨識的日期：「{s}」（應為「民國 111 年 1 月 20 日」等形式）")
    return _date_from_match(match, s)


def parse_roc_datetime(s: str) -> dt.datetime:
    """民國 111 年 1 月 20 日 10 時 0 分, 111年1月20日下午2時30分 → naive datetime.

    Without a time part the result is at 00:00. An end time (上午 10 時至 12 時) is accepted and dropped.
    """
    match = _DATETIME_RE.fullmatch(_normalise(s))
    if match is None:
        raise ValueError(f"無法辨識的日期時間：「{s}」（應為「民國 111 年 1 月 20 日 10 時 0 分」等形式）")
    day = _date_from_match(match, s)
    if match.group("t_hour") is None:
        return dt.datetime.combine(day, dt.time())
    return dt.datetime.combine(day, _time_from_match(match, s))


def parse_roc_time(s: str) -> dt.time:
    """10時45分, 10 時 45 分, 10:45, 下午2時, 上午十時三十分 → time."""
    match = _TIME_RE.fullmatch(_normalise(s))
    if match is None:
        raise ValueError(f"無法辨識的時間：「{s}」（應為「10時45分」等形式）")
    return _time_from_match(match, s)


def roc_year(year: int) -> int:
    """Gregorian 2022 → ROC 111."""
    if year <= ROC_OFFSET:
        raise ValueError(f"西元 {year} 年早於民國元年（1912 年），無法以民國紀年表示")
    return year - ROC_OFFSET


def format_roc_date(d: dt.date) -> str:
    """date(2022, 1, 20) → 111 年 1 月 20 日."""
    return f"{roc_year(d.year)} 年 {d.month} 月 {d.day} 日"


def format_roc_datetime(value: dt.datetime) -> str:
    """datetime(2022, 1, 20, 10, 0) → 民國 111 年 1 月 20 日 10 時 0 分.

    An aware datetime is written in its own time zone: converting to Asia/Taipei is the caller's job.
    """
    return f"民國 {format_roc_date(value)} {value.hour} 時 {value.minute} 分"


def format_roc_time(t: dt.time | dt.datetime) -> str:
    """time(10, 45) → 10時45分, as in 散會(10時45分)."""
    return f"{t.hour}時{t.minute}分"
