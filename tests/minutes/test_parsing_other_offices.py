"""Records from other Taiwanese offices, as other converters turn them into text.

The records themselves live in tests/records.py, shared with the import and PDF round-trip tests. The seed
itself goes through a simulated pdftotext layout and must come out unchanged.
"""

import dataclasses
import datetime as dt
import re

import pytest

from minutes.reader import ParsedConclusion, ParsedMeeting, ParseError, parse_minutes
from tests.records import CASE_ITEMS, COUNTY, DISTRICT, MINISTRY, PAREN_ITEMS, SEED, SHIFTED, UNIVERSITY


def texts(parsed: ParsedMeeting) -> dict:
    """Everything the parse says apart from line numbers, to compare records whose lines differ."""

    def drop_lines(value):
        if isinstance(value, dict):
            return {key: drop_lines(item) for key, item in value.items() if key != "line"}
        if isinstance(value, list):
            return [drop_lines(item) for item in value]
        return value

    return drop_lines(dataclasses.asdict(parsed))


def points(conclusion: ParsedConclusion | None) -> tuple[str, list[str]]:
    assert conclusion is not None
    return conclusion.label, conclusion.points


# -- a county bureau's 局務會議, through pdftotext -----------------------------------------------------------


@pytest.fixture(scope="module")
def county() -> ParsedMeeting:
    return parse_minutes(COUNTY)


def test_county_header_splits_chair_and_recorder_and_joins_the_wrapped_attendees(county) -> None:
    assert (county.organisation, county.number, county.kind) == ("苗栗縣政府文化觀光局", 52, "局務")
    assert county.starts_at == dt.datetime(2024, 4, 8, 9, 30)
    assert county.place == "本局 3 樓簡報室"
    assert county.chair == "林局長文彬"
    assert county.recorder == "陳怡君"
    assert county.attendees == (
        "秘書室張主任秀英、文化資產科黃科長志明、藝文推廣科吳科長佩玲、觀光行銷科劉科長建宏、"
        "圖書資訊科許科長美華、會計室周主任、人事室鄭主任"
    )
    assert county.absentees == "觀光發展科王科長（公假）"
    assert county.adjourned_at == dt.time(11, 20)


def test_county_sections(county) -> None:
    assert [(s.number, s.title) for s in county.sections] == [
        (1, "宣讀上次會議紀錄"),
        (2, "上次會議決定事項執行情形"),
        (3, "業務報告"),
        (4, "提案討論"),
        (5, "臨時動議：無。"),
    ]
    assert points(county.sections[0].conclusion) == ("決定", ["確定。"])
    assert county.sections[4].items == [] and county.sections[4].body == []


def test_county_wrapped_titles_and_conclusions_are_joined(county) -> None:
    (review,) = county.sections[1].items
    assert (
        review.title
        == "第 51 次局務會議列管案件共 4 件，擬解除列管 3 件，繼續列管 1 件（列管案號 5103），報請鑒察。"
    )
    assert points(review.conclusion) == (
        "決定",
        [
            "列管案號 5101、5102 及 5104 解除列管；列管案號 5103 繼續列管，請文化資產科於下次會議前提報辦理進度。"
        ],
    )
    heritage, tourism = county.sections[2].items
    assert heritage.title == (
        "文化資產科報告：苑裡山腳社區藺草文化館修復工程於 3 月 29 日完成驗收，預定 5 月 1 日重新開放。"
    )
    assert heritage.body == []
    assert points(heritage.conclusion) == (
        "決定",
        ["洽悉；請文化資產科於開放前完成消防安全檢查及無障礙設施改善，並邀請在地社區參與開館活動。"],
    )
    assert tourism.title == (
        "觀光行銷科報告：2024 苗栗客家桐花祭系列活動自 4 月 20 日起至 5 月 12 日止，共辦理 12 場次。"
    )


def test_county_conclusion_numbered_like_items_across_a_page_break(county) -> None:
    tourism = county.sections[2].items[1]
    # 一、二、 right after 決定： are its points; the page number and running title between are dropped.
    assert points(tourism.conclusion) == (
        "決定",
        [
            "洽悉。",
            "請觀光行銷科與各鄉鎮市公所加強交通疏導及接駁車宣導，並於活動結束後一個月內提出成果報告。",
        ],
    )


def test_county_proposals_written_as_cases(county) -> None:
    first, second = county.sections[3].items
    assert (first.number, first.title) == (
        1,
        "修正「苗栗縣政府文化觀光局場地使用管理要點」部分條文案，提請討論。",
    )
    assert first.body == [
        "說明：",
        "一、為因應場地使用需求增加，擬修正收費基準及申請程序，以符使用者付費原則。",
        "二、修正條文對照表如附件。",
    ]
    assert points(first.conclusion) == ("決議", ["照案通過，並自 113 年 5 月 1 日起施行。"])
    assert (second.number, second.title) == (2, "本局 114 年度施政計畫草案，提請討論。")
    assert second.body == ["說明：請各科室於 4 月 30 日前檢視所屬計畫內容並回復秘書室彙整。"]
    assert points(second.conclusion) == ("決議", ["修正通過。"])


# -- a district office's 區務會議, Word "save as text" -------------------------------------------------------


@pytest.fixture(scope="module")
def district() -> ParsedMeeting:
    return parse_minutes(DISTRICT)


def test_district_header_with_full_width_digits_and_tabs(district) -> None:
    assert (district.organisation, district.number, district.kind) == ("臺中市北屯區公所", 123, "區務")
    assert district.starts_at == dt.datetime(2024, 5, 14, 9, 0)
    assert district.place == "本所４樓禮堂"
    assert (district.chair, district.recorder) == ("張區長國華", "林淑芬")
    assert district.attendees == "如簽到表"
    assert district.adjourned_at == dt.time(11, 30)
    assert [(s.number, s.title) for s in district.sections] == [
        (1, "主席報告"),
        (2, "業務報告"),
        (3, "臨時動議"),
    ]


def test_district_chair_report_items(district) -> None:
    remarks = district.sections[0]
    assert [(i.number, i.title, i.conclusion) for i in remarks.items] == [
        (1, "本所辦理「113年度母親節表揚活動」圓滿成功，感謝各課室同仁協助。", None),
        (2, "請各課室加強防汛整備，汛期期間落實輪值。", None),
    ]


def test_district_items_numbered_with_arabic_numerals(district) -> None:
    civil, social, works = district.sections[1].items
    assert (civil.number, civil.title) == (1, "民政課報告：本區５月份新增設籍人口 312 人。")
    assert points(civil.conclusion) == ("主席裁示", ["洽悉。"])
    assert (social.number, social.title) == (2, "社會課報告：中低收入戶年度總清查作業已於５月10日完成。")
    assert points(social.conclusion) == ("主席裁示", ["洽悉。", "請社會課將清查結果函送各里辦公處。"])
    # 1. 2. under 說明： stay in the body: they restart at 1, they are not items 2 and 3.
    assert (works.number, works.title) == (3, "經建課報告")
    assert works.body == [
        "說明：",
        "1. 轄內道路路面改善工程已完成80%。",
        "2. 側溝清淤作業預定6月15日前完成。",
    ]
    assert points(works.conclusion) == ("主席指示", ["請經建課於梅雨季前完成側溝清淤。"])


def test_district_motion_written_as_a_proposal(district) -> None:
    (motion,) = district.sections[2].items
    assert (motion.number, motion.title) == (1, "建請增設大坑地區里民活動中心停車格案。")
    assert motion.body == ["說明：大坑地區假日遊客眾多，停車需求殷切。"]
    assert points(motion.conclusion) == ("決議", ["請經建課會同交通局現場勘查後研議。"])


# -- a university's 行政會議, copied from its web page ----------------------------------------------------


@pytest.fixture(scope="module")
def university() -> ParsedMeeting:
    return parse_minutes(UNIVERSITY)


def test_university_header_from_a_web_page(university) -> None:
    assert (university.organisation, university.number, university.kind) == (
        "國立中興大學113學年度",
        3,
        "行政",
    )
    assert university.starts_at == dt.datetime(2024, 10, 9, 10, 0)
    assert university.place == "行政大樓第一會議室"
    assert (university.chair, university.recorder) == ("詹校長富智", "王專員心怡")
    assert university.attendees == "各一級單位主管（詳簽到單）"
    assert university.observers == "學生會會長"
    assert university.adjourned_at == dt.time(12, 0)


def test_university_sections(university) -> None:
    remarks, minutes, reports, proposals, motions = university.sections
    assert remarks.title == "主席報告"
    assert remarks.body == ["本校 113 學年度新生註冊率達 98.6%，感謝各單位辛勞。"]
    assert points(minutes.conclusion) == ("決定", ["確認。"])
    assert (motions.title, motions.body, motions.items) == ("臨時動議", ["無。"], [])
    assert [(s.number, s.number_given) for s in university.sections] == [(n, True) for n in range(1, 6)]
    assert [len(reports.items), len(proposals.items)] == [2, 2]


def test_university_report_cases(university) -> None:
    teaching, general = university.sections[2].items
    assert (teaching.number, teaching.title) == (1, "教務處報告 113 學年度第 1 學期課程開設情形。")
    assert teaching.body == ["說明：本學期共開設 3,215 門課程，較上學期增加 2%。"]
    assert points(teaching.conclusion) == ("決定", ["洽悉。"])
    assert (general.number, general.title) == (2, "總務處報告校園節能措施執行成果。")
    assert points(general.conclusion) == ("結論", ["請各單位持續落實冷氣溫度設定 26 度以上。"])


def test_university_proposals_with_numbered_explanations_and_resolutions(university) -> None:
    fund, budget = university.sections[3].items
    assert (fund.number, fund.title) == (
        1,
        "「國立中興大學校務基金管理委員會設置辦法」第 4 條修正草案，提請討論。",
    )
    assert fund.body == [
        "提案單位：主計室",
        "說明：",
        "一、依教育部 113 年 8 月 1 日函辦理。",
        "二、修正條文對照表如附件 1。",
    ]
    assert points(fund.conclusion) == ("決議", ["照案通過。", "提請校務會議審議。"])
    assert (budget.number, budget.title) == (2, "本校 114 年度預算分配原則，提請討論。")
    assert budget.body == ["提案單位：主計室"]
    assert points(budget.conclusion) == ("決議", ["修正後通過，請主計室依討論意見修正後簽陳校長核定。"])


# -- a ministry's 部務會報, old Mac line ends --------------------------------------------------------------


@pytest.fixture(scope="module")
def ministry() -> ParsedMeeting:
    return parse_minutes(MINISTRY)


def test_ministry_header_with_date_and_time_on_separate_lines(ministry) -> None:
    assert (ministry.organisation, ministry.number, ministry.kind) == ("勞動部", 168, "部務會報")
    assert ministry.starts_at == dt.datetime(2024, 6, 3, 14, 30)
    assert ministry.recorder == "綜合規劃司陳科長"
    assert ministry.attendees == "陳政務次長、李政務次長、王常務次長、各司處署主管"
    assert ministry.adjourned_at is None
    assert [(s.number, s.title) for s in ministry.sections] == [
        (1, "確認上次會報紀錄"),
        (2, "報告事項"),
        (3, "討論事項"),
        (4, "臨時動議：無"),
    ]
    assert points(ministry.sections[0].conclusion) == ("決定", ["紀錄確定。"])


def test_ministry_numbered_conclusions_and_the_next_item(ministry) -> None:
    review, employment, wages = ministry.sections[1].items
    assert [review.number, employment.number, wages.number] == [1, 2, 3]
    assert review.title == "綜合規劃司報告：第 167 次部務會報主席指示事項辦理情形。"
    # 二、 after 一、 right under 決定： is its second point; the second 二、 continues the items.
    assert points(review.conclusion) == (
        "決定",
        ["列管案號 16701、16702 解除列管；16703 繼續列管。", "請各單位依限辦理。"],
    )
    assert employment.title == "勞動力發展署報告：113 年上半年就業服務成果。"
    assert points(employment.conclusion) == (
        "主席指示",
        ["肯定勞動力發展署推動青年就業的成果。", "請加強中高齡者及婦女再就業協助。"],
    )
    # 三、 would continue both the points and the items; the 主席指示： after it makes it an item.
    assert wages.title == "勞動條件及就業平等司報告：最低工資審議會籌備情形。"
    assert points(wages.conclusion) == ("主席指示", ["請於 8 月底前完成最低工資審議相關資料準備。"])


def test_ministry_cases_alone_on_their_line(ministry) -> None:
    first, second = ministry.sections[2].items
    assert (first.number, first.title) == (1, "案由：「勞動部處務規程」部分條文修正草案，提請討論。")
    assert first.body == ["說明：配合組織調整，修正第 5 條及第 12 條。"]
    assert points(first.conclusion) == ("決議", ["照案通過。"])
    assert (second.number, second.title) == (2, "案由：本部 114 年度概算編列原則，提請討論。")
    assert points(second.conclusion) == ("決議", ["照案通過。", "請會計處彙整後陳報行政院。"])


# -- a district office that numbers its agenda 一、二、 and its items (一)(二) ------------------------------


def test_agenda_numbered_like_items_opens_sections() -> None:
    parsed = parse_minutes(SHIFTED)
    assert (parsed.organisation, parsed.number, parsed.kind) == ("高雄市鳳山區公所", 45, "區務")
    assert (parsed.chair, parsed.recorder, parsed.adjourned_at) == ("陳區長志強", "黃淑華", dt.time(10, 30))
    assert [(s.number, s.title) for s in parsed.sections] == [
        (1, "主席致詞：（略）"),
        (2, "上次會議決議事項執行情形："),
        (3, "業務報告"),
        (4, "臨時動議：無。"),
    ]
    assert points(parsed.sections[1].conclusion) == ("決定", ["洽悉，列管案號 4401 解除列管。"])


def test_agenda_numbered_like_items_keeps_items_and_their_points_apart() -> None:
    civil, social, culture = parse_minutes(SHIFTED).sections[2].items
    assert (civil.number, civil.title) == (1, "民政課報告：本區 6 月份戶籍人口數為 358,102 人。")
    assert points(civil.conclusion) == ("決定", ["洽悉。"])
    assert (social.number, social.title) == (2, "社會課報告：")
    assert social.body == [
        "說明：",
        "1. 本區 113 年度重陽敬老禮金發放作業，預定 9 月辦理。",
        "2. 請各里幹事協助通知。",
    ]
    # (一)(二) right after 決定： are its points; the (三) after them opens item 三 (主席裁示： follows it).
    assert points(social.conclusion) == ("決定", ["洽悉。", "請社會課提早規劃發放動線。"])
    assert (culture.number, culture.title) == (3, "人文課報告：鳳山國際龍舟賽於 6 月 10 日圓滿落幕。")
    assert points(culture.conclusion) == ("主席裁示", ["請人文課辦理檢討會議。"])


# -- the seed through a simulated pdftotext layout ---------------------------------------------------------


def pdftotext_layout(text: str, width: int = 30, page_lines: int = 40) -> str:
    """Every line hard-wrapped at `width` characters, a form feed and a page number every `page_lines`."""
    lines = []
    for line in text.split("\n"):
        lines.extend([line[start : start + width] for start in range(0, len(line), width)] or [""])
    paged = []
    for index, line in enumerate(lines):
        if index and index % page_lines == 0:
            paged.append(f"- {index // page_lines} -")
            line = "\f" + line
        paged.append(line)
    return "\n".join(paged)


def test_simulated_layout_really_cuts_sentences_numbers_and_words() -> None:
    layout = pdftotext_layout(SEED)
    assert "\f" in layout and "\n- 2 -\n" in layout
    assert "群組由Line移轉至TA\nIPEION即時通" in layout
    assert "10702、107\n03 及 10704" in layout
    assert "於今年 8 月\n 30 日前" in layout


def test_seed_through_pdftotext_layout_parses_like_the_clean_seed() -> None:
    assert texts(parse_minutes(pdftotext_layout(SEED))) == texts(parse_minutes(SEED))


@pytest.mark.parametrize("width", [20, 24, 36, 45, 60])
def test_seed_through_other_page_widths_parses_like_the_clean_seed(width: int) -> None:
    assert texts(parse_minutes(pdftotext_layout(SEED, width, 47))) == texts(parse_minutes(SEED))


def typeset(text: str, width: int = 28) -> str:
    """Wraps like a typesetter: at a space (which the PDF does not keep) or between two CJK characters."""
    closing, opening = "。，、；：）」", "（「"
    lines = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = width
            while cut > width // 2:
                before, after = line[cut - 1], line[cut]
                if " " in (before, after):
                    break
                latin = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
                if not latin and after not in closing and before not in opening:
                    break
                cut -= 1
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("width", [18, 28, 40])
def test_seed_typeset_at_a_page_width_keeps_its_structure_and_words(width: int) -> None:
    # A space at the cut is gone from such a layout, so texts are compared without spaces.
    def without_spaces(value):
        if isinstance(value, dict):
            return {key: without_spaces(item) for key, item in value.items()}
        if isinstance(value, list):
            return [without_spaces(item) for item in value]
        return value.replace(" ", "") if isinstance(value, str) else value

    parsed = texts(parse_minutes(typeset(SEED, width)))
    assert without_spaces(parsed) == without_spaces(texts(parse_minutes(SEED)))


# -- the pieces one at a time, on the seed -----------------------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        "- 2 -",
        "2",
        "第 2 頁",
        "第 2 頁，共 5 頁",
        "第2頁/共5頁",
        "第 2 頁／共 5 頁",
        "Page 2 of 5",
        "－２－",
        "\f",
        "臺北市政府秘書處第 108 次處務會議紀錄",
        "臺北市政府秘書處第108次處務會議紀錄　第 2 頁",
    ],
)
def test_page_furniture_in_the_middle_of_a_point_is_dropped(furniture: str) -> None:
    text = SEED.replace("需經另取得同意才能使用者，", f"需經另取得同意才能使用者，\n{furniture}\n\f")
    assert texts(parse_minutes(text)) == texts(parse_minutes(SEED))


def test_running_header_with_the_organisation_on_its_own_line() -> None:
    head = "臺北市政府秘書處\n第 108 次處務會議紀錄"
    text = SEED.replace("臺北市政府秘書處第 108 次處務會議紀錄", head).replace(
        "三、各組室業務工作報告。", f"\f{head}\n三、各組室業務工作報告。"
    )
    assert texts(parse_minutes(text)) == texts(parse_minutes(SEED))


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("主席：陳志銘          紀錄：葉霆怡", ("陳志銘", "葉霆怡")),
        ("主席：陳志銘\t紀錄：葉霆怡", ("陳志銘", "葉霆怡")),
        ("主　　席：陳志銘　　　紀　　錄：葉霆怡", ("陳志銘", "葉霆怡")),
        ("主席：陳志銘\xa0\xa0記錄：葉霆怡\xa0", ("陳志銘", "葉霆怡")),
        ("主席:陳志銘 紀錄:葉霆怡", ("陳志銘", "葉霆怡")),
    ],
)
def test_chair_and_recorder_on_one_line(line: str, fields: tuple[str, str]) -> None:
    parsed = parse_minutes(SEED.replace("主席：陳志銘\n\n紀錄：葉霆怡", line))
    assert (parsed.chair, parsed.recorder) == fields


def test_three_fields_on_one_line_and_the_combined_attendance_label() -> None:
    text = SEED.replace(
        "地點：視訊會議\n\n主席：陳志銘\n\n紀錄：葉霆怡\n\n出席：如簽到表",
        "地點：視訊會議    主席：陳志銘    紀錄：葉霆怡\n出（列）席人員：如簽到表    請假：王組長",
    )
    parsed = parse_minutes(text)
    assert (parsed.place, parsed.chair, parsed.recorder) == ("視訊會議", "陳志銘", "葉霆怡")
    assert (parsed.attendees, parsed.absentees) == ("如簽到表", "王組長")


def test_time_wrapped_onto_the_next_line_is_joined_when_only_the_whole_is_a_date() -> None:
    text = SEED.replace("時間：民國 111 年 1 月 20 日 10 時 0 分", "時間：民國 111 年 1 月\n20 日 10 時 0 分")
    assert parse_minutes(text).starts_at == dt.datetime(2022, 1, 20, 10, 0)


def test_time_cut_by_the_page_width_is_joined() -> None:
    text = SEED.replace(
        "時間：民國 111 年 1 月 20 日 10 時 0 分", "時間：民國 111 年 1 月 20 日上午 10 時 30 分"
    )
    assert parse_minutes(pdftotext_layout(text, 29)).starts_at == dt.datetime(2022, 1, 20, 10, 30)


@pytest.mark.parametrize(
    ("heading", "number", "title"),
    [
        ("案由一：修正本處加班費支給要點案，提請討論。", 1, "修正本處加班費支給要點案，提請討論。"),
        ("第一案：修正本處加班費支給要點案，提請討論。", 1, "修正本處加班費支給要點案，提請討論。"),
        ("提案一：修正本處加班費支給要點案，提請討論。", 1, "修正本處加班費支給要點案，提請討論。"),
        ("討論案一：修正本處加班費支給要點案，提請討論。", 1, "修正本處加班費支給要點案，提請討論。"),
        ("報告案一：修正本處加班費支給要點案，提請討論。", 1, "修正本處加班費支給要點案，提請討論。"),
        ("提案第三案：修正本處加班費支給要點案，提請討論。", 3, "修正本處加班費支給要點案，提請討論。"),
        ("案由 2：修正本處加班費支給要點案，提請討論。", 2, "修正本處加班費支給要點案，提請討論。"),
    ],
)
def test_proposal_headings_open_items(heading: str, number: int, title: str) -> None:
    text = SEED.replace(
        "散會(10時45分)", f"肆、討論事項\n{heading}\n說明：詳如附件。\n決議：照案通過。\n散會"
    )
    section = parse_minutes(text).sections[-1]
    assert section.title == "討論事項" and section.body == []
    (item,) = section.items
    assert (item.number, item.title, item.body) == (number, title, ["說明：詳如附件。"])
    assert points(item.conclusion) == ("決議", ["照案通過。"])


@pytest.mark.parametrize("label", ["主席裁示", "主席指示", "裁示", "結論", "決定", "決議", "會議結論"])
@pytest.mark.parametrize(
    "layout", ["{label}：{text}", "{label}：\n{text}", "{label}:  {text}", "{label}\n{text}"]
)
def test_conclusion_labels_with_the_text_on_the_same_or_the_next_line(label: str, layout: str) -> None:
    text = SEED.replace("會議結論：同意備查。", layout.format(label=label, text="同意備查。"))
    assert points(parse_minutes(text).sections[1].items[4].conclusion) == (label, ["同意備查。"])


@pytest.mark.parametrize(
    ("adjournment", "time"),
    [
        ("散會：下午 4 時 10 分。", dt.time(16, 10)),
        ("散會：12時", dt.time(12, 0)),
        ("散會（上午11時30分）", dt.time(11, 30)),
        ("散會", None),
        ("散會。", None),
        ("陸、散會：下午 4 時 10 分", dt.time(16, 10)),
        ("下午4時10分散會。", dt.time(16, 10)),
        ("散會時間：上午１１時", dt.time(11, 0)),
    ],
)
def test_adjournment_forms(adjournment: str, time: dt.time | None) -> None:
    parsed = parse_minutes(SEED.replace("散會(10時45分)", adjournment))
    assert parsed.adjourned_at == time
    assert points(parsed.sections[1].items[4].conclusion) == ("會議結論", ["同意備查。"])


@pytest.mark.parametrize("numbering", ["{n}、", "{n}.", "{n}．", "{w}、"])
def test_items_numbered_with_arabic_numerals(numbering: str) -> None:
    text = SEED
    for n, numeral in enumerate("一二三四五", 1):
        marker = numbering.format(n=n, w=chr(ord("０") + n))
        text = re.sub(rf"(?m)^{numeral}、", marker, text)
    parsed = parse_minutes(text)
    assert texts(parsed) == texts(parse_minutes(SEED))


def test_full_width_meeting_number_and_windows_line_ends() -> None:
    text = "\ufeff" + SEED.replace("第 108 次", "第１０８次").replace("\n", "\r\n")
    assert texts(parse_minutes(text)) == texts(parse_minutes(SEED))


def test_points_numbered_like_items_inside_a_conclusion_and_the_next_item() -> None:
    text = SEED.replace(
        "(一) 同意備查。\n\n(二) 請各組室配合中央法規", "一、同意備查。\n\n二、請各組室配合中央法規"
    )
    four, five = parse_minutes(text).sections[1].items[3:]
    assert four.conclusion.points[0] == "同意備查。"
    assert four.conclusion.points[1].startswith("請各組室配合中央法規")
    assert (five.number, five.title) == (5, "本處 111 年加班費預算分配數額。")


def test_points_numbered_like_items_that_reach_the_next_item_number() -> None:
    # Item 一's conclusion runs 一、二、三; the 二、 after it is the next item because 決議： follows.
    text = (
        "某市政府某局第 1 次局務會議紀錄\n時間：113年1月2日上午9時\n壹、討論事項\n"
        "一、甲案，提請討論。\n決議：\n一、照案通過。\n二、請秘書室辦理。\n三、下次會議報告。\n"
        "二、乙案，提請討論。\n決議：照案通過。\n"
    )
    first, second = parse_minutes(text).sections[0].items
    assert points(first.conclusion) == ("決議", ["照案通過。", "請秘書室辦理。", "下次會議報告。"])
    assert (second.number, second.title) == (2, "乙案，提請討論。")
    assert points(second.conclusion) == ("決議", ["照案通過。"])


def test_wrapped_section_title_without_punctuation_is_joined() -> None:
    text = SEED.replace("參、報告事項", "參、各組室及公管中心本月份重要業務推動情形\n暨下月工作重點報告")
    assert parse_minutes(text).sections[1].title == "各組室及公管中心本月份重要業務推動情形暨下月工作重點報告"


def test_item_title_wrapped_over_three_lines_is_joined() -> None:
    text = SEED.replace(
        "四、為本府法務局函請本處定期檢視法規，及是否因應中央法規制(訂)定、修正或廢止，",
        "四、為本府法務局函請本處定期檢視法規，\n及是否因應中央法規制(訂)定、\n修正或廢止，",
    )
    assert texts(parse_minutes(text)) == texts(parse_minutes(SEED))


def test_a_sentence_cut_before_a_number_that_looks_like_an_item_stays_text() -> None:
    # 二、三 in 下週二、三 begins a wrapped line; 二 does not continue the items (三 is current).
    text = SEED.replace("加開臨時大會，下週二、三", "加開臨時大會，下週\n二、三")
    assert texts(parse_minutes(text)) == texts(parse_minutes(SEED))


@pytest.mark.parametrize(
    "text",
    [
        "\f\f- 1 -\f",
        "臺北市政府秘書處第 108 次處務會議紀錄\n\f- 1 -\n第 1 頁，共 1 頁",
        "臺北市政府秘書處第 108 次處務會議紀錄\n主席：\t\t紀錄：\n時間：111年1月20日\n壹、報告事項\n案由一",
        "某局第 1 次局務會議紀錄\n時間：113年1月2日\n壹、討論事項\n案由一：\n說明：\n一、\n決議：\n一、",
        "某局第 1 次局務會議紀錄\n時間：113年1月2日\n壹、報告事項\n1、甲\n決定：\n1.\n2、乙",
    ],
)
def test_odd_inputs_raise_only_parse_error(text: str) -> None:
    try:
        parse_minutes(text)
    except ParseError as error:
        assert error.line >= 1 and error.reason


def test_header_kept_as_a_table_without_colons() -> None:
    text = SEED.replace("時間：", "時　　間\t").replace("地點：", "地　　點\t")
    parsed = parse_minutes(text)
    assert (parsed.starts_at, parsed.place) == (dt.datetime(2022, 1, 20, 10, 0), "視訊會議")


def test_title_with_a_draft_mark() -> None:
    parsed = parse_minutes(SEED.replace("處務會議紀錄\n", "處務會議紀錄（草案）\n", 1))
    assert (parsed.organisation, parsed.number, parsed.kind) == ("臺北市政府秘書處", 108, "處務")


@pytest.mark.parametrize("marker", ["({n})", "（{n}）", "{n}.", "{n}、"])
def test_points_numbered_with_arabic_numerals_right_after_the_label(marker: str) -> None:
    text = SEED.replace(
        "(一) 同意備查。\n\n(二) 請各組室配合中央法規",
        f"{marker.format(n=1)} 同意備查。\n\n{marker.format(n=2)} 請各組室配合中央法規",
    )
    assert texts(parse_minutes(text)) == texts(parse_minutes(SEED))


def test_item_title_ending_in_a_colon_announces_a_list_in_its_body() -> None:
    text = (
        "某市政府某局第 1 次局務會議紀錄\n時間：113年1月2日\n壹、業務報告\n"
        "一、人事室報告：\n一、本月新進 2 人。\n二、請各科室配合。\n決定：洽悉。\n"
        "二、會計室報告：\n頁次：1/2\n一、預算執行率 45%。\n決定：洽悉。\n"
    )
    personnel, accounting = parse_minutes(text).sections[0].items
    assert (personnel.number, personnel.body) == (1, ["一、本月新進 2 人。", "二、請各科室配合。"])
    assert (accounting.number, accounting.body) == (2, ["一、預算執行率 45%。"])
    assert points(accounting.conclusion) == ("決定", ["洽悉。"])


def test_adjournment_time_cut_by_the_page_width() -> None:
    text = SEED.replace("散會(10時45分)", "陸、散會：上午 10 時 45 分。")
    for width, cut in ((17, "陸、散會：上午 10 時 45 分\n。"), (16, "陸、散會：上午 10 時 45 \n分。")):
        layout = pdftotext_layout(text, width)
        assert cut in layout
        assert parse_minutes(layout).adjourned_at == dt.time(10, 45)


def test_second_header_label_cut_by_the_page_width() -> None:
    text = SEED.replace("主席：陳志銘\n\n紀錄：葉霆怡", "主席：陳志銘" + "\u3000" * 9 + "紀錄：葉霆怡")
    layout = pdftotext_layout(text, 16)
    assert "\u3000紀\n錄：葉霆怡" in layout
    parsed = parse_minutes(layout)
    assert (parsed.chair, parsed.recorder) == ("陳志銘", "葉霆怡")


def test_line_ending_in_a_semicolon_goes_on_in_the_same_point() -> None:
    text = SEED.replace("同意解除列管；列管案號 9903", "同意解除列管；\n列管案號 9903")
    assert texts(parse_minutes(text)) == texts(parse_minutes(SEED))


def test_full_stop_alone_on_the_next_line_ends_the_title() -> None:
    text = SEED.replace("五、本處 111 年加班費預算分配數額。", "五、本處 111 年加班費預算分配數額\n。")
    assert texts(parse_minutes(text)) == texts(parse_minutes(SEED))


@pytest.mark.parametrize("space", ["\u3000", "\xa0", "\t", "  ", " \u3000\t"])
def test_any_white_space_inside_lines_reads_as_one_space(space: str) -> None:
    assert texts(parse_minutes(SEED.replace(" ", space))) == texts(parse_minutes(SEED))


def test_paragraphs_of_equal_length_are_not_taken_for_wrapped_lines() -> None:
    remarks = "\n".join(f"第{n}段致詞內容說明本局推動各項業務的重點與方向之一。" for n in "一二三四")
    text = SEED.replace("參、報告事項", f"貳、主席致詞\n{remarks}\n\n參、報告事項")
    body = parse_minutes(text).sections[1].body
    assert len(body) == 4 and body[0].startswith("第一段")


def test_a_complete_short_title_does_not_swallow_the_paragraph_after_it() -> None:
    text = SEED.replace("參、報告事項", "貳、主席致詞\n今年請各組室持續精進服務品質。\n\n參、報告事項")
    remarks = parse_minutes(text).sections[1]
    assert (remarks.title, remarks.body) == ("主席致詞", ["今年請各組室持續精進服務品質。"])


def test_wrapped_section_title_and_header_value() -> None:
    text = SEED.replace(
        "壹、宣讀 110 年 12 月 16 日第 107 次處務會議紀錄。",
        "壹、宣讀 110 年 12 月 16 日第 107 次處務會議\n紀錄。",
    ).replace("地點：視訊會議", "地點：市政大樓 11 樓第一\n會議室")
    parsed = parse_minutes(text)
    assert parsed.place == "市政大樓 11 樓第一會議室"
    assert parsed.sections[0].title == "宣讀 110 年 12 月 16 日第 107 次處務會議紀錄。"


# -- a city bureau that numbers the items under 壹、 with (一)(二) ----------------------------------------


def test_items_numbered_in_parentheses_straight_under_a_section() -> None:
    parsed = parse_minutes(PAREN_ITEMS)
    reports, motions = parsed.sections
    assert (reports.title, reports.body, motions.title) == ("業務報告", [], "臨時動議：無。")
    roads, building, lights = reports.items
    assert (roads.number, roads.title) == (1, "養護工程科報告：本市道路平坦度改善計畫執行進度 62%。")
    assert points(roads.conclusion) == ("決定", ["洽悉。"])
    assert (building.number, building.title, building.body) == (
        2,
        "建築管理科報告：",
        ["說明：本月核發建造執照 45 件。"],
    )
    assert points(building.conclusion) == ("決定", ["洽悉。", "請加速審查流程。"])
    # (三) after the points (一)(二) opens item 三: 主席裁示： follows it.
    assert (lights.number, lights.title) == (3, "公園路燈科報告：中秋節前完成路燈檢修。")
    assert points(lights.conclusion) == (
        "主席裁示",
        ["洽悉。", "請公園路燈科注意施工安全。", "請於 9 月 15 日前提報成果。"],
    )
    assert parsed.adjourned_at == dt.time(10, 0)


@pytest.mark.parametrize("cut", ["進度 \n62%", "進度\n 62%"])
def test_space_at_a_cut_next_to_a_number_is_kept(cut: str) -> None:
    text = PAREN_ITEMS.replace("進度 62%", cut)
    roads = parse_minutes(text).sections[0].items[0]
    assert roads.title == "養護工程科報告：本市道路平坦度改善計畫執行進度 62%。"


def test_an_item_per_tracked_case_keeps_its_progress_out_of_its_title() -> None:
    # The first title is the record's longest line: it ends a sentence and names its unit, so it is complete
    # and 辦理情形： starts the item's body rather than continuing a title cut at the page width.
    [_, review, *_] = parse_minutes(CASE_ITEMS).sections
    assert [(item.title, item.body, points(item.conclusion)) for item in review.items] == [
        ("列管案號 5101：請民政課於 4 月底前完成里鄰編組調整評估。（民政課）", ["辦理情形：已完成評估報告，簽陳核定中。"],
         ("決定", ["本案解除列管。"])),
        ("列管案號 5102：請社會課研議擴大獨居長者關懷訪視。（社會課）", ["辦理情形：已擬訂訪視計畫，預計 5 月起試辦。"],
         ("決定", ["繼續追蹤。"])),
        ("列管案號 4907：請經建課協調騎樓整平工程。（經建課）", ["辦理情形：已完成第一階段 12 處騎樓整平。"],
         ("決定", ["同意備查，有關列管案號 4907 之後續工程，請經建課於下次會議補充報告。"])),
    ]
