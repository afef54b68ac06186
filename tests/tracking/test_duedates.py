"""Due dates and units suggested from a conclusion's wording, relative to its meeting."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracking.duedates import quarter_end, suggest_due_date, suggest_unit_names

MEETING = dt.date(2022, 1, 20)


def test_end_of_a_month_in_chinese_numerals_is_that_month_of_the_meeting_year():
    assert suggest_due_date("請文書組於一月底前將本處群組由Line移轉至TAIPEION即時通。", MEETING) == dt.date(2022, 1, 31)


def test_end_of_a_month_already_past_at_the_meeting_is_next_year():
    assert suggest_due_date("請文書組於一月底前完成。", dt.date(2021, 12, 16)) == dt.date(2022, 1, 31)


def test_end_of_february_in_a_leap_year_is_the_29th():
    assert suggest_due_date("於 2 月底前完成", dt.date(2024, 1, 5)) == dt.date(2024, 2, 29)


def test_month_and_day_with_spaces_is_that_date():
    text = "請各組室主管要求同仁務必於 8 月 31 日前至臺北 e 大完成機密文書處理與實務之線上課程。"
    assert suggest_due_date(text, MEETING) == dt.date(2022, 8, 31)


def test_this_year_month_and_day_is_that_date():
    assert suggest_due_date("請各主管轉知同仁於今年 8 月 30 日前完成點讀", MEETING) == dt.date(2022, 8, 30)


def test_month_and_day_already_past_without_this_year_is_next_year():
    assert suggest_due_date("於1月10日前完成", MEETING) == dt.date(2023, 1, 10)


def test_full_width_digits_are_read():
    assert suggest_due_date("於８月３１日前完成", MEETING) == dt.date(2022, 8, 31)


def test_a_full_roc_date_is_read_as_a_gregorian_date():
    assert suggest_due_date("請於 111 年 6 月 30 日前函報", MEETING) == dt.date(2022, 6, 30)


def test_every_quarter_gives_the_end_of_the_current_quarter():
    text = "請總務組與公管中心每季於主秘會報提報市政大樓公務車輛統計資料"
    assert suggest_due_date(text, MEETING) == dt.date(2022, 3, 31)


@pytest.mark.parametrize(
    ("day", "end"),
    [
        (dt.date(2022, 1, 1), dt.date(2022, 3, 31)),
        (dt.date(2022, 4, 1), dt.date(2022, 6, 30)),
        (dt.date(2022, 9, 30), dt.date(2022, 9, 30)),
        (dt.date(2022, 12, 31), dt.date(2022, 12, 31)),
    ],
)
def test_quarter_end_is_the_last_day_of_the_quarter(day, end):
    assert quarter_end(day) == end


def test_a_text_without_a_date_suggests_none():
    assert suggest_due_date("請國際事務組規劃擴大城市交流的範疇。", MEETING) is None


def test_an_impossible_date_suggests_none():
    assert suggest_due_date("於 2 月 30 日前完成", MEETING) is None


def test_a_date_that_is_not_a_deadline_is_ignored():
    assert suggest_due_date("原訂於1月22日舉辦之使節盃網球賽暫緩辦理", MEETING) is None


def test_one_unit_named_in_the_text_is_suggested():
    assert suggest_unit_names("請文書組於一月底前將本處群組移轉", ["總務組", "文書組"]) == ["文書組"]


def test_two_units_joined_by_and_are_both_suggested_in_text_order():
    units = ["文書組", "總務組", "公管中心"]
    assert suggest_unit_names("請總務組與公管中心每季於主秘會報提報", units) == ["總務組", "公管中心"]


def test_a_longer_unit_name_wins_over_the_shorter_one_inside_it():
    assert suggest_unit_names("請議會議事組協助", ["議事組", "議會議事組"]) == ["議會議事組"]


def test_no_unit_named_suggests_nothing():
    assert suggest_unit_names("請各組室確實掌握權管採購招標期程", ["文書組", "總務組"]) == []


@given(text=st.text(max_size=200), day=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_any_text_gives_a_date_or_none_and_never_raises(text, day):
    result = suggest_due_date(text, day)
    assert result is None or isinstance(result, dt.date)


@given(month=st.integers(1, 12), day=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_month_end_is_never_before_the_meeting_unless_this_year_is_said(month, day):
    result = suggest_due_date(f"請於{month}月底前完成", day)
    assert result >= day
    assert result.month == month
