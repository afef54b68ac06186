"""Ways other offices write the header, the conclusions and the adjournment, read as the record means them."""

import datetime as dt

import pytest

from minutes.reader import ParseError, parse_minutes

TITLE = "某區公所第 5 次區務會議紀錄\n"
HEADER = "時間：113年10月7日上午9時30分\n地點：本所\n主席：王區長\n紀錄：李小明\n"
ITEM = "壹、業務報告\n一、民政課報告：本月受理戶籍登記。\n"


def record(header: str = HEADER, conclusion: str = "決定：洽悉。\n", end: str = "散會\n") -> str:
    return TITLE + header + ITEM + conclusion + end


@pytest.mark.parametrize(
    ("end", "adjourned_at"),
    [
        ("陸、散會：上午 11 時許。\n", dt.time(11, 0)),
        ("陸、散會\n  （下午２時３０分）\n", dt.time(14, 30)),
        ("陸、散會\n（散會時間：12時）\n主席：王區長\n", dt.time(12, 0)),
        ("會議於上午10時30分結束。\n", dt.time(10, 30)),
        ("本次會議於中午12時結束\n", dt.time(12, 0)),
    ],
)
def test_the_adjournment_as_other_offices_write_it(end: str, adjourned_at: dt.time) -> None:
    parsed = parse_minutes(record(end=end))
    assert parsed.adjourned_at == adjourned_at
    assert parsed.sections[-1].items[-1].conclusion.points == ["洽悉。"]


def test_a_start_time_with_about_is_read() -> None:
    parsed = parse_minutes(record(header=HEADER.replace("9時30分", "9時30分許")))
    assert parsed.starts_at == dt.datetime(2024, 10, 7, 9, 30)


@pytest.mark.parametrize(
    "label", ["主席裁（指）示", "主席裁(指)示", "主席裁示事項", "主席指示事項", "決議事項", "主席結語"]
)
def test_more_conclusion_labels(label: str) -> None:
    parsed = parse_minutes(record(conclusion=f"{label}：\n（一）洽悉。\n（二）請民政課持續辦理。\n"))
    item = parsed.sections[-1].items[-1]
    assert (item.conclusion.label, item.conclusion.points, item.body) == (label, ["洽悉。", "請民政課持續辦理。"], [])


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("列席單位及人員：主計室", "observers", "主計室"),
        ("缺席：李委員", "absentees", "李委員"),
        ("與會人員：各課室主管", "attendees", "各課室主管"),
    ],
)
def test_more_header_labels_are_their_own_fields(line: str, field: str, value: str) -> None:
    parsed = parse_minutes(record(header=HEADER + line + "\n"))
    assert (getattr(parsed, field), parsed.recorder) == (value, "李小明")


def test_header_fields_numbered_like_a_list() -> None:
    header = "一、開會時間：113年11月5日（星期二）上午9時\n二、開會地點：本所3樓第1會議室\n三、主席：林區長\n四、出席人員：各課室主管\n"
    parsed = parse_minutes(record(header=header))
    assert (parsed.starts_at, parsed.place, parsed.chair, parsed.attendees) == (
        dt.datetime(2024, 11, 5, 9, 0), "本所3樓第1會議室", "林區長", "各課室主管"
    )
    assert [section.title for section in parsed.sections] == ["業務報告"]


def test_an_unknown_field_after_the_recorder_is_refused_not_glued_to_the_name() -> None:
    with pytest.raises(ParseError, match="無法辨識的欄位「會議性質」") as caught:
        parse_minutes(record(header=HEADER + "會議性質：例行會議\n"))
    assert caught.value.line == 6


def test_head_counts_are_kept_with_the_attendance() -> None:
    header = HEADER + "出席：各課室主管\n應出席人數：86人\t實際出席人數：79人\t請假人數：7人\n"
    parsed = parse_minutes(record(header=header))
    assert (parsed.recorder, parsed.attendees) == ("李小明", "各課室主管；應出席人數：86人，實際出席人數：79人，請假人數：7人")


def test_a_labelled_attendee_list_still_goes_on_over_lines() -> None:
    parsed = parse_minutes(record(header=HEADER + "出席：\n文書組：高組長\n總務組：李組長\n"))
    assert "文書組：高組長" in parsed.attendees and "總務組：李組長" in parsed.attendees


def test_sub_cases_each_with_its_own_decision_are_refused_with_what_to_change() -> None:
    text = (
        TITLE + HEADER + "壹、前次會議決議事項辦理情形\n一、第 4 次區務會議列管事項辦理情形：\n"
        "（一）列管案號 401：請民政課完成經費核銷。\n辦理情形：已核銷完畢。\n決定：解除列管。\n"
        "（二）列管案號 402：請社會課規劃共餐據點。\n辦理情形：簽辦中。\n決定：繼續列管。\n散會\n"
    )
    with pytest.raises(ParseError, match="請把各案改為項目") as caught:
        parse_minutes(text)
    assert caught.value.line == 11  # the line of （二）


def test_the_proposer_before_the_subject_stays_in_the_body() -> None:
    text = TITLE + HEADER + "壹、提案討論\n提案一\n提案單位：教務處\n案由：教科書選用案，提請討論。\n說明：依規定辦理。\n決議：照案通過。\n散會\n"
    [item] = parse_minutes(text).sections[0].items
    assert (item.title, item.body) == ("案由：教科書選用案，提請討論。", ["提案單位：教務處", "說明：依規定辦理。"])


@pytest.mark.parametrize(
    ("title", "organisation"),
    [
        ("某區公所\n113年第5次區務會議紀錄\n", "某區公所113年"),
        ("臺北市大安區公所\n113 年度第 5 次區務會議紀錄\n", "臺北市大安區公所113年度"),
        ("臺北市立建國高級中學１１３學年度第 5 次區務會議紀錄\n", "臺北市立建國高級中學113學年度"),
        ("某區公所\n第5次區務會議紀錄\n", "某區公所"),
    ],
)
def test_a_title_with_the_office_on_the_line_above(title: str, organisation: str) -> None:
    parsed = parse_minutes(title + HEADER + ITEM + "決定：洽悉。\n散會\n")
    assert (parsed.organisation, parsed.number, parsed.kind) == (organisation, 5, "區務")


def test_table_rows_saved_as_text_stay_one_paragraph_each() -> None:
    # Word "save as text" writes a table row per line, cells separated by tabs; a row ending without 。
    # is not a sentence that goes on into the next row.
    rows = (
        "案號\t案由\t主辦單位\t辦理情形\t會議決定\n"
        "401\t請民政課完成核銷。\t民政課\t已全數核銷完畢\t解除列管\n"
        "402\t請經建課改善鋪面。\t經建課\t預計12月完工\t繼續列管\n"
    )
    text = TITLE + HEADER + "壹、業務報告\n一、第 4 次區務會議列管事項辦理情形報告。\n" + rows + "決定：洽悉。\n散會\n"
    [item] = parse_minutes(text).sections[0].items
    assert item.body == [
        "案號 案由 主辦單位 辦理情形 會議決定",
        "401 請民政課完成核銷。 民政課 已全數核銷完畢 解除列管",
        "402 請經建課改善鋪面。 經建課 預計12月完工 繼續列管",
    ]


def test_a_conclusion_on_all_the_items_belongs_to_the_section() -> None:
    items = "壹、業務報告\n一、教務處：課表已公告。\n二、學務處：始業式於 8 時舉行。\n主席裁示：以上報告洽悉。\n貳、臨時動議\n無。\n"
    parsed = parse_minutes(TITLE + HEADER + items + "散會\n")
    section = parsed.sections[0]
    assert (section.conclusion.label, section.conclusion.points) == ("主席裁示", ["以上報告洽悉。"])
    assert [item.conclusion for item in section.items] == [None, None]


def test_a_conclusion_of_the_last_item_that_does_not_sum_up_stays_with_it() -> None:
    items = "壹、業務報告\n一、教務處：課表已公告。\n二、學務處：始業式於 8 時舉行。\n主席裁示：洽悉。\n"
    section = parse_minutes(TITLE + HEADER + items + "散會\n").sections[0]
    assert section.conclusion is None and section.items[1].conclusion.points == ["洽悉。"]


@pytest.mark.parametrize("heading", ["民政課林課長（代理）", "人事室(書面)"])
def test_a_report_heading_with_a_note_in_parentheses_is_a_report_kept_as_written(heading: str) -> None:
    parsed = parse_minutes(record(conclusion=f"{heading}補充報告：請各課配合。\n決定：洽悉。\n"))
    [report] = parsed.sections[0].items[0].reports
    assert (report.heading, report.unit, report.points) == (heading, "", ["請各課配合。"])


@pytest.mark.parametrize("bullet", ["■ ", "◆ ", "➢ ", "※", "\uf06c"])
def test_bullets_of_web_pages_and_word_are_dropped(bullet: str) -> None:
    body = f"{bullet}壹、業務報告\n{bullet}一、民政課報告：本月受理戶籍登記。\n{bullet}決定：洽悉。\n"
    parsed = parse_minutes(TITLE + HEADER + body + "散會\n")
    item = parsed.sections[0].items[0]
    assert (parsed.sections[0].title, item.conclusion.points) == ("業務報告", ["洽悉。"])


@pytest.mark.parametrize(
    ("line", "label"),
    [("主持人裁示：洽悉。", "主持人裁示"), ("局長裁示：洽悉。", "局長裁示"), ("主席裁定：洽悉。", "主席裁定"),
     ("決議如下：洽悉。", "決議如下"), ("〔決議〕洽悉。", "決議"), ("（決議）洽悉。", "決議"), ("決議（定）：洽悉。", "決議（定）")],
)
def test_conclusion_labels_of_other_offices(line: str, label: str) -> None:
    item = parse_minutes(record(conclusion=line + "\n")).sections[0].items[0]
    assert (item.conclusion.label, item.conclusion.points, item.body) == (label, ["洽悉。"], [])


@pytest.mark.parametrize(
    "mark", ["(列管案號 501)。", "（列管案號：501）", "（列管案號 5-01）", "（列管案號501，民政課）", "【追蹤案號 501】", "（管制編號 5-01）"]
)
def test_case_marks_as_other_offices_write_them(mark: str) -> None:
    item = parse_minutes(record(conclusion=f"決定：\n（一）請民政課辦理。{mark}\n（二）洽悉。\n")).sections[0].items[0]
    assert (item.conclusion.points[0], item.conclusion.case_numbers) == ("請民政課辦理。", ["501", ""])


@pytest.mark.parametrize(
    ("end", "adjourned_at"),
    [
        ("散會。(下午3時10分)\n", dt.time(15, 10)),
        ("會議結束：下午3時10分\n", dt.time(15, 10)),
        ("散會：同日下午4時\n", dt.time(16, 0)),
        ("散會：下午3時10分　主席：王區長\n", dt.time(15, 10)),
        ("散會\n主任：　　　紀錄：\n", None),
    ],
)
def test_more_adjournments(end: str, adjourned_at: dt.time | None) -> None:
    parsed = parse_minutes(record(end=end))
    assert parsed.adjourned_at == adjourned_at
    assert parsed.sections[-1].items[-1].conclusion.points == ["洽悉。"]


@pytest.mark.parametrize(
    ("title", "organisation", "number", "kind"),
    [
        ("臺北市議會第14屆第3次定期大會民政委員會第5次會議紀錄", "臺北市議會第14屆第3次定期大會民政委員會", 5, ""),
        ("臺中市議會第4屆第6次定期會經濟委員會第2次審查會議紀錄", "臺中市議會第4屆第6次定期會經濟委員會", 2, "審查"),
    ],
)
def test_the_last_meeting_number_of_a_title_is_the_meetings(title: str, organisation: str, number: int, kind: str) -> None:
    parsed = parse_minutes(title + "\n" + HEADER + ITEM + "決定：洽悉。\n散會\n")
    assert (parsed.organisation, parsed.number, parsed.kind) == (organisation, number, kind)


def test_a_council_committee_record_prints_its_title_as_written(db) -> None:
    from minutes.models import Meeting
    from minutes.services import record_import

    title = "臺北市議會第14屆第3次定期大會民政委員會第5次會議紀錄"
    meeting = record_import(parse_minutes(title + "\n" + HEADER + ITEM + "決定：洽悉。\n散會\n"))
    assert Meeting.objects.get(pk=meeting.pk).title.replace(" ", "") == title


def test_a_record_copied_from_a_web_page_leaves_the_page_around_it() -> None:
    text = (
        "首頁 > 資訊公開 > 會議紀錄\n" + TITLE + HEADER + ITEM + "決定：洽悉。\n散會\n"
        "回上一頁\n瀏覽人次：1024\n更新日期：113-10-08\n"
    )
    parsed = parse_minutes(text)
    assert (parsed.organisation, parsed.number, parsed.attachments) == ("某區公所", 5, [])
