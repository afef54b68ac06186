"""ROC (民國) dates and times as the records write them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutes.reader.rocdate import (
    format_roc_date,
    format_roc_datetime,
    format_roc_time,
    parse_roc_date,
    parse_roc_datetime,
    parse_roc_time,
    roc_year,
)

SEED_START = dt.datetime(2022, 1, 20, 10, 0)


@pytest.mark.parametrize(
    "text",
    [
        "民國 111 年 1 月 20 日 10 時 0 分",
        "111年1月20日10時0分",
        "民國111年1月20日10時",
        "111 年 1 月 20 日 10:00",
        "１１１年１月２０日１０時０分",
        "中華民國 111 年 1 月 20 日（星期四）上午 10 時 0 分",
        "111年1月20日(四)上午10時",
        "111年1月20日 星期四 10時整",
        "中華民國一百十一年一月二十日上午十時",
        "111年1月20日上午10時至12時",
        "  民國 111 年 1 月 20 日 10 時 0 分  ",
        "西元 2022 年 1 月 20 日 10 時 0 分",
        # Forms and spreadsheets: the ROC year with dots or slashes; 許 (about) after the time.
        "111.01.20 上午10時",
        "111/1/20 10:00",
        "民國111.1.20 10時許",
        "111年1月20日上午10時左右",
        "111-01-20 10:00",
        "111年1月20日上午10時（視訊）",
        # A year past the founding of the ROC (1912) written without era is the Western year.
        "2022年1月20日（星期四）上午10時",
        "2022/1/20 10:00",
    ],
)
def test_parse_seed_start_in_many_spellings(text: str) -> None:
    assert parse_roc_datetime(text) == SEED_START


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("113年3月5日下午2時30分", dt.datetime(2024, 3, 5, 14, 30)),
        ("113年3月5日下午 2 時半", dt.datetime(2024, 3, 5, 14, 30)),
        ("113年3月5日下午十二時", dt.datetime(2024, 3, 5, 12, 0)),
        ("113年3月5日中午12時", dt.datetime(2024, 3, 5, 12, 0)),
        ("113年3月5日晚上7時", dt.datetime(2024, 3, 5, 19, 0)),
        ("113年3月5日下午14時", dt.datetime(2024, 3, 5, 14, 0)),
        ("113年3月5日凌晨12時", dt.datetime(2024, 3, 5, 0, 0)),
        ("113年3月5日", dt.datetime(2024, 3, 5, 0, 0)),
    ],
)
def test_parse_periods_and_missing_time(text: str, expected: dt.datetime) -> None:
    assert parse_roc_datetime(text) == expected


def test_parse_date_and_time_alone() -> None:
    assert parse_roc_date("110 年 12 月 16 日") == dt.date(2021, 12, 16)
    assert parse_roc_date("民國110年12月16日") == dt.date(2021, 12, 16)
    assert parse_roc_time("10時45分") == dt.time(10, 45)
    assert parse_roc_time("10 時 45 分") == dt.time(10, 45)
    assert parse_roc_time("１０:４５") == dt.time(10, 45)
    assert parse_roc_time("下午2時") == dt.time(14, 0)
    assert parse_roc_time("上午十時三十分") == dt.time(10, 30)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "明天早上",
        "111年2月30日",
        "0年1月1日",
        "111年13月1日",
        "111年1月20日25時",
        "111年1月20日10時60分",
        "111年1月20日上午13時",
        "111年1月20日下午0時",
        "111/1",
        "111年1月20日10時0分 之後",
        "9" * 40 + "年1月1日",
    ],
)
def test_unreadable_datetimes_raise_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_roc_datetime(text)


def test_date_parser_refuses_a_time() -> None:
    with pytest.raises(ValueError, match="無法辨識的日期"):
        parse_roc_date("111年1月20日10時0分")


def test_format_matches_the_seed() -> None:
    assert format_roc_datetime(SEED_START) == "民國 111 年 1 月 20 日 10 時 0 分"
    assert format_roc_date(dt.date(2021, 12, 16)) == "110 年 12 月 16 日"
    assert format_roc_time(dt.time(10, 45)) == "10時45分"
    assert format_roc_time(dt.datetime(2022, 1, 20, 9, 5)) == "9時5分"


def test_aware_datetimes_are_written_in_their_own_zone() -> None:
    taipei = dt.datetime(2022, 1, 20, 10, 0, tzinfo=ZoneInfo("Asia/Taipei"))
    assert format_roc_datetime(taipei) == "民國 111 年 1 月 20 日 10 時 0 分"
    utc = taipei.astimezone(dt.UTC)
    assert format_roc_datetime(utc) == "民國 111 年 1 月 20 日 2 時 0 分"


def test_years_before_the_republic_cannot_be_written() -> None:
    assert roc_year(1912) == 1
    with pytest.raises(ValueError, match="民國元年"):
        format_roc_date(dt.date(1911, 12, 31))


# Up to ROC year 1911 (AD 3822): a year past 1911 without era is read as the Western year.
_dates = st.dates(min_value=dt.date(1912, 1, 1), max_value=dt.date(3822, 12, 31))
_datetimes = st.datetimes(min_value=dt.datetime(1912, 1, 1), max_value=dt.datetime(3822, 12, 31, 23, 59))


@given(_dates)
def test_date_round_trip(day: dt.date) -> None:
    assert parse_roc_date(format_roc_date(day)) == day
    assert parse_roc_date("民國" + format_roc_date(day).replace(" ", "")) == day


@given(_datetimes)
def test_datetime_round_trip(moment: dt.datetime) -> None:
    moment = moment.replace(second=0, microsecond=0)
    assert parse_roc_datetime(format_roc_datetime(moment)) == moment
    assert parse_roc_time(format_roc_time(moment)) == moment.time()


@given(st.text(max_size=40))
def test_arbitrary_text_raises_only_value_error(text: str) -> None:
    for function in (parse_roc_date, parse_roc_datetime, parse_roc_time):
        try:
            function(text)
        except ValueError:
            pass


@given(
    st.text(
        alphabet="0123456789０１年月日號時分點:半整上下中午凌晨民國西元十百一二〇零 ()（）至~星期四",
        max_size=40,
    )
)
def test_date_like_text_raises_only_value_error(text: str) -> None:
    for function in (parse_roc_date, parse_roc_datetime, parse_roc_time):
        try:
            result = function(text)
        except ValueError:
            continue
        assert isinstance(result, dt.date | dt.time)
