"""What carried the record and what the converter put on its pages is not the record: e-mail headers, greetings
and letters, web navigation and paths, running headers and footers, blank signature lines; and the title
however it reached text (wrapped over lines, letter-spaced by OCR)."""

import datetime as dt

import pytest

from minutes.reader import ParseError, parse_minutes
from tests.records import BUREAU_WEB, HOSPITAL_EMAIL, LIBRARY_OCR

HEADER = "時間：113年3月5日上午9時\n地點：本所會議室\n主席：王區長\n紀錄：李小美\n"
BODY = "壹、業務報告\n一、民政課報告：本月受理戶籍登記 1,204 件。\n決定：洽悉。\n二、社會課報告：敬老禮金發放。\n決定：請於9月完成。\n"
TITLE = "某區公所第 5 次區務會議紀錄\n"


def shape(parsed) -> tuple:
    return (
        parsed.organisation,
        parsed.number,
        [(s.title, [(i.title, i.conclusion.points if i.conclusion else None) for i in s.items]) for s in parsed.sections],
    )


def test_an_e_mailed_record_leaves_the_message_around_it():
    parsed = parse_minutes(HOSPITAL_EMAIL)
    assert (parsed.organisation, parsed.number, parsed.kind) == ("臺北市立聯合醫院113年", 3, "院務")
    assert (parsed.chair, parsed.recorder, parsed.starts_at) == ("黃院長", "王怡君", dt.datetime(2024, 3, 6, 8, 0))
    assert parsed.sections[0].body == ["請各院區加強流感疫苗接種宣導。"]
    assert (parsed.adjourned_at, parsed.attachments) == (dt.time(9, 30), [])


def test_a_record_quoted_in_a_reply_is_read_without_the_quote_marks():
    quoted = "".join(f"> {line}\n" for line in (TITLE + HEADER + BODY + "散會").splitlines())
    text = "寄件者: 王小明\n主旨: RE: 會議紀錄\n\n請參閱下方紀錄。\n\n" + quoted
    assert shape(parse_minutes(text)) == shape(parse_minutes(TITLE + HEADER + BODY + "散會\n"))


def test_a_record_copied_from_a_web_page_leaves_its_navigation_path_and_dates():
    parsed = parse_minutes(BUREAU_WEB)
    assert (parsed.organisation, parsed.number) == ("臺南市政府交通局", 27)
    assert [len(section.items) for section in parsed.sections] == [2, 0]
    assert (parsed.adjourned_at, parsed.attachments) == (dt.time(15, 20), [])


@pytest.mark.parametrize(
    "furniture",
    [
        "某區公所第 5 次區務會議紀錄 113.03.05\n",
        "某區公所第 5 次區務會議紀錄　113年3月5日(星期二)\n",
        "第 1 頁，共 2 頁\n\f某區公所第 5 次區務會議紀錄\n",
        "\f- 1 -\n",
        "主席：＿＿＿＿＿＿　　紀錄：＿＿＿＿＿＿\n",
        "主席：　　　　　　　　紀錄：\n",
    ],
)
def test_running_headers_footers_and_blank_signature_lines_between_the_pages_are_dropped(furniture: str):
    body = BODY.replace("決定：洽悉。\n", "決定：洽悉。\n" + furniture)
    assert shape(parse_minutes(TITLE + HEADER + body + "散會\n")) == shape(parse_minutes(TITLE + HEADER + BODY + "散會\n"))


def test_a_running_header_with_the_date_above_the_title_on_the_first_page():
    text = "某區公所第 5 次區務會議紀錄 113.03.05\n" + TITLE + HEADER + BODY + "散會\n"
    assert shape(parse_minutes(text)) == shape(parse_minutes(TITLE + HEADER + BODY + "散會\n"))


@pytest.mark.parametrize(
    ("title", "organisation"),
    [
        ("臺北市立圖書館\n第 12 次館務會議\n紀錄\n", "臺北市立圖書館"),
        ("國立臺灣大學113學年度第12次行政會議\n紀錄\n", "國立臺灣大學113學年度"),
        ("臺北市立圖書館\n113年第12次館務會議紀錄\n", "臺北市立圖書館113年"),
    ],
)
def test_a_title_over_two_or_three_lines(title: str, organisation: str):
    parsed = parse_minutes(title + HEADER + BODY + "散會\n")
    assert (parsed.organisation, parsed.number) == (organisation, 12)


def test_a_letter_spaced_title_and_labels_from_ocr():
    parsed = parse_minutes(LIBRARY_OCR)
    assert (parsed.organisation, parsed.number, parsed.kind) == ("臺中市立圖書館", 12, "館務")
    assert (parsed.chair, parsed.recorder, parsed.place) == ("李館長", "張專員", "本館5樓研討室")
    assert [section.title for section in parsed.sections] == ["報告事項", "臨時動議: 無。"]
    assert [item.conclusion.label for item in parsed.sections[0].items] == ["決定", "決定"]
    assert parsed.adjourned_at == dt.time(10, 40)


def test_text_before_the_title_that_carried_nothing_is_still_refused_and_says_what_may_stand_there():
    with pytest.raises(ParseError) as caught:
        parse_minutes("檔號：A1\n" + TITLE + HEADER + BODY + "散會\n")
    assert caught.value.line == 1
    assert "標題之前有無法歸類的文字「檔號：A1」" in caught.value.reason
    assert "郵件標頭" in caught.value.reason and "網頁路徑" in caught.value.reason


def test_what_an_e_mail_adds_after_the_record_is_dropped_but_other_text_there_is_refused():
    signed_off = parse_minutes(TITLE + HEADER + BODY + "散會\n謝謝！\n秘書室 敬上\n")
    assert signed_off.attachments == []
    with pytest.raises(ParseError, match="之後只能有簽名欄"):
        parse_minutes(TITLE + HEADER + BODY + "散會\n另請各課於月底前回報。\n")


def test_english_mail_headers_and_a_forwarded_message_marker():
    text = (
        "From: Wang <wang@example.gov.tw>\nSent: Tuesday, March 5, 2024 10:12 AM\nTo: all@example.gov.tw\n"
        "Cc: director@example.gov.tw\nSubject: Fwd: 第 5 次區務會議紀錄\n\n-----Original Message-----\n"
        + TITLE + HEADER + BODY + "散會\n"
    )
    assert shape(parse_minutes(text)) == shape(parse_minutes(TITLE + HEADER + BODY + "散會\n"))
