"""The record's own words are kept beside what they mean, so that the app can print the record back as it was
written: header labels, the date and time, numbering, the adjournment."""

import datetime as dt

import pytest

from minutes.reader import parse_minutes
from tests.records import COUNTY, LIBRARY_OCR, MINISTRY, SCHOOL_PROPOSALS, SEED

RECORD = (
    "某區公所第 5 次區務會議紀錄\n開會時間：{time}\n開會地點：本所會議室\n主持人：王區長\n記錄：李小美\n出席人員：各課室主管\n"
    "列席人員：里長\n請假人員：無\n壹、業務報告\n一、民政課報告：本月受理戶籍登記。\n決定：洽悉。\n{end}\n"
)


def test_each_header_label_as_the_record_wrote_it():
    parsed = parse_minutes(RECORD.format(time="113年3月5日上午9時", end="散會"))
    assert parsed.wording.labels == {
        "time": "開會時間", "place": "開會地點", "chair": "主持人", "recorder": "記錄",
        "attendees": "出席人員", "observers": "列席人員", "absentees": "請假人員",
    }
    assert parse_minutes(SEED).wording.labels == {
        "time": "時間", "place": "地點", "chair": "主席", "recorder": "紀錄", "attendees": "出席"
    }
    assert parse_minutes(LIBRARY_OCR).wording.labels["chair"] == "主持人"


@pytest.mark.parametrize(
    ("written", "starts_at"),
    [
        ("113年3月5日（星期二）上午九時", dt.datetime(2024, 3, 5, 9, 0)),
        ("中華民國一一三年三月五日（星期二）下午2時30分", dt.datetime(2024, 3, 5, 14, 30)),
        ("113.03.05(二)上午9時30分", dt.datetime(2024, 3, 5, 9, 30)),
    ],
)
def test_the_date_and_time_as_written_beside_the_real_time(written: str, starts_at: dt.datetime):
    parsed = parse_minutes(RECORD.format(time=written, end="散會"))
    assert (parsed.wording.time, parsed.starts_at) == (written, starts_at)


def test_a_date_and_a_time_given_apart_are_both_kept_as_written():
    parsed = parse_minutes(MINISTRY)
    assert (parsed.wording.date, parsed.wording.time) == ("113 年 6 月 3 日（星期一）", "下午 2 時 30 分")


@pytest.mark.parametrize(
    ("end", "adjourned_at"),
    [
        ("散會(10時45分)", dt.time(10, 45)),
        ("散會：上午 11 時 20 分。", dt.time(11, 20)),
        ("會議於上午10時30分結束。", dt.time(10, 30)),
        ("陸、散會：上午 11 時 20 分。", dt.time(11, 20)),
    ],
)
def test_the_adjournment_as_written(end: str, adjourned_at: dt.time):
    parsed = parse_minutes(RECORD.format(time="113年3月5日上午9時", end=end))
    assert (parsed.wording.adjournment, parsed.adjourned_at) == (end, adjourned_at)


def test_the_numbering_of_sections_and_items_as_written():
    parsed = parse_minutes(SCHOOL_PROPOSALS)
    assert [section.wording.numbering for section in parsed.sections] == ["壹", "貳", "參"]
    assert [item.wording.numbering for item in parsed.sections[1].items] == ["提案一", "提案二", "提案三"]
    county = parse_minutes(COUNTY)
    assert [item.wording.numbering for item in county.sections[3].items] == ["案由一", "案由二"]
    assert parse_minutes(MINISTRY).sections[2].items[0].wording.numbering == "第一案"


def test_the_title_as_written_and_reads_of_one_record_in_other_words_still_compare_equal():
    seed = parse_minutes(SEED)
    assert seed.wording.title == "臺北市政府秘書處第 108 次處務會議紀錄"
    full_width = parse_minutes(SEED.replace("第 108 次", "第１０８次"))
    assert full_width.wording.title == "臺北市政府秘書處第１０８次處務會議紀錄"
    assert full_width == seed
