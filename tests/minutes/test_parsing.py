"""Reading meeting records: the 108th meeting exactly, its converter variants, other offices, and errors."""

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes.reader import (
    ParsedConclusion,
    ParsedMeeting,
    ParseError,
    parse_minutes,
    split_report_heading,
)

REPO = Path(__file__).resolve().parents[2]
SEED_PATH = REPO / "minutes" / "fixtures" / "minutes-108.txt"
SEED = SEED_PATH.read_text(encoding="utf-8")

POINT_LINE = re.compile(r"^(- )?[(（]([一二三四五六七八九十]+)[)）]", re.MULTILINE)


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing needle."""
    for number, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


@pytest.fixture(scope="module")
def seed() -> ParsedMeeting:
    return parse_minutes(SEED)


# -- the seed, item by item -------------------------------------------------------------------------------


def test_seed_header(seed: ParsedMeeting) -> None:
    assert seed.organisation == "臺北市政府秘書處"
    assert seed.number == 108
    assert seed.kind == "處務"
    assert seed.starts_at == dt.datetime(2022, 1, 20, 10, 0)
    assert seed.place == "視訊會議"
    assert seed.chair == "陳志銘"
    assert seed.recorder == "葉霆怡"
    assert seed.attendees == "如簽到表"
    assert seed.observers == ""
    assert seed.absentees == ""
    assert seed.adjourned_at == dt.time(10, 45)


def test_seed_sections_keep_the_gap(seed: ParsedMeeting) -> None:
    assert [(s.number, s.number_given) for s in seed.sections] == [(1, True), (3, True)]
    first, reports = seed.sections
    assert first.title == "宣讀 110 年 12 月 16 日第 107 次處務會議紀錄。"
    assert first.items == [] and first.body == []
    assert first.conclusion == ParsedConclusion(label="會議結論", points=["紀錄確定。"], line=17)
    assert first.line == line_of(SEED, "壹、")
    assert reports.title == "報告事項"
    assert reports.conclusion is None and reports.body == []
    assert [item.number for item in reports.items] == [1, 2, 3, 4, 5]


def test_seed_item_one(seed: ParsedMeeting) -> None:
    item = seed.sections[1].items[0]
    assert item.title == "宣達市政會議裁指示事項。"
    assert item.body == [] and item.reports == []
    assert item.conclusion is not None
    assert item.conclusion.label == "會議結論"
    assert item.conclusion.points == [
        "同意備查。",
        "重申同仁於業務執行上遇有窒礙難行之處，請隨時向本人反映尋求解決。",
    ]


def test_seed_item_two(seed: ParsedMeeting) -> None:
    item = seed.sections[1].items[1]
    assert item.title == "第 107 次處務會議結論事項辦理情形報告。"
    assert item.conclusion is not None
    assert len(item.conclusion.points) == 3
    assert item.conclusion.points[1] == (
        "列管案號 10606、10701、10702、10703 及 10704 同意解除列管；"
        "列管案號 9903、9904、10502 及 10705 賡續列管。"
    )
    assert item.conclusion.points[2].startswith("請總務組與公管中心每季於主秘會報")
    assert "（含駕駛）" in item.conclusion.points[2]


def test_seed_item_three_reports(seed: ParsedMeeting) -> None:
    item = seed.sections[1].items[2]
    assert item.title == "各組室業務工作報告。"
    assert [(r.unit, r.surname, r.title, len(r.points)) for r in item.reports] == [
        ("文書組", "高", "組長", 4),
        ("國際事務組", "陳", "組長", 2),
        ("機要組", "涂", "組長", 2),
        ("市民服務組", "張", "組長", 1),
        ("媒體事務組", "王", "組長", 2),
        ("政風室", "劉", "主任", 2),
        ("公管中心", "趙", "主任", 2),
    ]
    assert item.reports[0].heading == "文書組高組長"
    assert item.reports[0].line == line_of(SEED, "文書組高組長補充報告")
    wenshu = item.reports[0]
    # The sentence the PDF broke over a blank line is one point again, joined without a space.
    assert wenshu.points[0].endswith("俾利資訊人員刊載聲明內容。")
    assert "\n" not in wenshu.points[0]
    assert (
        wenshu.points[3] == "配合本府政策，本處Line群組將於農曆年後移轉至TAIPEION即時通，"
        "處長及副處長部分，再請秘書協助邀請加入群組。"
    )
    service = item.reports[3]
    assert service.points[0].startswith("有關民眾反映 1 樓哺（集）乳室空間配置不佳")
    assert service.points[0].endswith("再作通盤檢討規劃。")
    media = item.reports[4]
    assert media.points[0].startswith("110 年度統計發布新聞稿 435 則")


def test_seed_item_three_conclusion(seed: ParsedMeeting) -> None:
    conclusion = seed.sections[1].items[2].conclusion
    assert conclusion is not None
    assert conclusion.label == "會議結論"
    assert conclusion.line == line_of(SEED, "- (一) 同意備查。") - 2
    assert len(conclusion.points) == 12
    assert conclusion.points[0] == "同意備查。"
    assert conclusion.points[2] == "請文書組於一月底前將本處群組由Line移轉至TAIPEION即時通。"
    # Parenthesis width inside the text is kept as written.
    assert conclusion.points[6] == "待市民服務組搬遷至1樓北區時，再予研商本處哺(集)乳室業務權管分工。"
    assert (
        conclusion.points[11]
        == "請公管中心了解其他局處類似場館之開放指引作為市政大樓B1/B2樓層管理之參考，以因應疫情變化。"
    )


def test_seed_items_four_and_five(seed: ParsedMeeting) -> None:
    four, five = seed.sections[1].items[3:]
    assert four.title == (
        "為本府法務局函請本處定期檢視法規，及是否因應中央法規制(訂)定、修正或廢止，"
        "相應制(訂)定、修正或廢止本處相關權管法規(含SOP)一事。"
    )
    assert four.conclusion is not None and len(four.conclusion.points) == 2
    assert four.conclusion.points[1].startswith("請各組室配合中央法規")
    assert five.title == "本處 111 年加班費預算分配數額。"
    assert five.conclusion is not None
    assert five.conclusion.points == ["同意備查。"]
    assert five.conclusion.line == line_of(SEED, "會議結論：同意備查。")


# -- the same record as other converters write it ---------------------------------------------------------


def _strip_lines(parsed: ParsedMeeting) -> ParsedMeeting:
    """The parse with every line number zeroed, to compare records whose line count differs."""
    for section in parsed.sections:
        section.line = 0
        if section.conclusion:
            section.conclusion.line = 0
        for item in section.items:
            item.line = 0
            for report in item.reports:
                report.line = 0
            if item.conclusion:
                item.conclusion.line = 0
    return parsed


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r"), id="cr"),
        pytest.param(lambda t: "\ufeff" + t, id="bom"),
        pytest.param(lambda t: POINT_LINE.sub(r"\1(\2)", t), id="ascii-parentheses"),
        pytest.param(lambda t: POINT_LINE.sub(r"\1（\2）", t), id="full-width-parentheses"),
        pytest.param(lambda t: re.sub(r"^- ", "", t, flags=re.MULTILINE), id="no-list-markers"),
        pytest.param(lambda t: re.sub(r"^- ", "-", t, flags=re.MULTILINE), id="markers-without-space"),
        pytest.param(lambda t: re.sub(r"^- ", "• ", t, flags=re.MULTILINE), id="bullets"),
        pytest.param(lambda t: re.sub(r"^(.)", "\u3000\\1", t, flags=re.MULTILINE), id="full-width-indent"),
        pytest.param(lambda t: re.sub(r"\n", " \t\u3000\n", t), id="trailing-spaces"),
        pytest.param(lambda t: re.sub(r"(?m)^([^\n：]{2})：", r"\1:", t), id="ascii-colons"),
        pytest.param(lambda t: t.replace("(一) 同意備查。", "（ 一 ） 同意備查。"), id="spaces-in-marker"),
    ],
)
def test_variants_parse_exactly_like_the_seed(variant, seed: ParsedMeeting) -> None:
    assert parse_minutes(variant(SEED)) == seed


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: re.sub(r"\n\n+", "\n", t), id="no-blank-lines"),
        pytest.param(
            lambda t: t.replace(
                "會議結論：同意備查。\n\n散會(10時45分)", "會議結論：同意備查。散會(10時45分)"
            ),
            id="glued",
        ),
        pytest.param(lambda t: t.replace("散會(10時45分)", "散會（10時45分）"), id="adjourn-full-width"),
        pytest.param(lambda t: t.replace("散會(10時45分)", "散會：10時45分"), id="adjourn-colon"),
        pytest.param(lambda t: t.replace("散會(10時45分)", "- 散會 (10 時 45 分)。"), id="adjourn-spaced"),
        pytest.param(lambda t: t.replace("刊載聲明\n\n內容。", "刊載聲明內容。"), id="unbroken-sentence"),
    ],
)
def test_variants_parse_like_the_seed_apart_from_line_numbers(variant, seed: ParsedMeeting) -> None:
    expected = _strip_lines(parse_minutes(SEED))
    assert _strip_lines(parse_minutes(variant(SEED))) == expected


def test_adjournment_without_time() -> None:
    parsed = parse_minutes(SEED.replace("散會(10時45分)", "散會"))
    assert parsed.adjourned_at is None
    glued = parse_minutes(SEED.replace("會議結論：同意備查。\n\n散會(10時45分)", "會議結論：同意備查。散會"))
    assert glued.adjourned_at is None
    assert glued.sections[1].items[4].conclusion.points == ["同意備查。"]


def test_no_adjournment_at_all() -> None:
    parsed = parse_minutes(SEED.replace("散會(10時45分)", ""))
    assert parsed.adjourned_at is None


def test_missing_section_numeral_is_inferred() -> None:
    parsed = parse_minutes(SEED.replace("參、報告事項", "報告事項"))
    assert [(s.number, s.number_given, s.title) for s in parsed.sections] == [
        (1, True, "宣讀 110 年 12 月 16 日第 107 次處務會議紀錄。"),
        (2, False, "報告事項"),
    ]
    assert len(parsed.sections[1].items) == 5


def test_missing_first_section_numeral_starts_at_one() -> None:
    text = SEED.replace("壹、宣讀 110 年 12 月 16 日第 107 次處務會議紀錄。", "宣讀上次會議紀錄")
    parsed = parse_minutes(text)
    assert [(s.number, s.number_given) for s in parsed.sections] == [(1, False), (3, True)]


def test_conclusion_labels_are_kept() -> None:
    text = SEED.replace(
        "五、本處 111 年加班費預算分配數額。\n\n會議結論：", "五、本處 111 年加班費預算分配數額。\n\n決議："
    )
    text = text.replace(
        "一、宣達市政會議裁指示事項。\n\n會議結論：", "一、宣達市政會議裁指示事項。\n\n主席裁示:"
    )
    parsed = parse_minutes(text)
    items = parsed.sections[1].items
    assert items[4].conclusion.label == "決議"
    assert items[4].conclusion.points == ["同意備查。"]
    assert items[0].conclusion.label == "主席裁示"
    assert len(items[0].conclusion.points) == 2


def test_observers_and_absentees() -> None:
    text = SEED.replace("出席：如簽到表", "出席：如簽到表\n列席：會計室林主任\n請假：總務組吳組長（公假）")
    parsed = parse_minutes(text)
    assert parsed.attendees == "如簽到表"
    assert parsed.observers == "會計室林主任"
    assert parsed.absentees == "總務組吳組長（公假）"


def test_title_spellings() -> None:
    for title in (
        "臺北市政府秘書處第108次處務會議紀錄",
        "臺北市政府秘書處第 108 次處務會議記錄",
        "臺北市政府秘書處第一百零八次處務會議紀錄",
    ):
        parsed = parse_minutes(SEED.replace("臺北市政府秘書處第 108 次處務會議紀錄", title))
        assert (parsed.organisation, parsed.number, parsed.kind) == ("臺北市政府秘書處", 108, "處務")


def test_organisation_on_its_own_line_above_the_title() -> None:
    text = SEED.replace("臺北市政府秘書處第 108 次處務會議紀錄", "臺北市政府秘書處\n第 108 次處務會議紀錄")
    parsed = parse_minutes(text)
    assert (parsed.organisation, parsed.number, parsed.kind) == ("臺北市政府秘書處", 108, "處務")


def test_spread_out_header_labels_and_wrapped_attendees() -> None:
    text = SEED.replace("地點：視訊會議", "地　　點：視訊會議").replace(
        "出席：如簽到表", "出席人員：陳志銘、高大文、\n陳小明、涂明德"
    )
    parsed = parse_minutes(text)
    assert parsed.place == "視訊會議"
    assert parsed.attendees == "陳志銘、高大文、陳小明、涂明德"


def test_report_without_unit_and_with_text_on_its_heading_line() -> None:
    text = SEED.replace(
        "公管中心趙主任補充報告：",
        "林副秘書長補充報告：請各組室注意春節期間值班安排。\n\n公管中心趙主任補充報告：",
    )
    reports = parse_minutes(text).sections[1].items[2].reports
    assert len(reports) == 8
    extra = reports[6]
    assert (extra.heading, extra.unit, extra.surname, extra.title) == ("林副秘書長", "", "林", "副秘書長")
    assert extra.points == ["請各組室注意春節期間值班安排。"]


def test_sub_points_stay_inside_their_point() -> None:
    text = SEED.replace(
        "(一) 同意備查。\n\n(二) 請各組室配合中央法規",
        "(一) 同意備查，並請：\n1. 文書組彙整。\n2. 法務局協助。\n\n(二) 請各組室配合中央法規",
    )
    points = parse_minutes(text).sections[1].items[3].conclusion.points
    assert points[0] == "同意備查，並請：\n1. 文書組彙整。\n2. 法務局協助。"
    assert len(points) == 2


def test_latin_words_broken_over_lines_get_their_space_back() -> None:
    text = SEED.replace(
        "本處Line群組將於農曆年後移轉至TAIPEION即時通", "本處Line群組將於農曆年後移轉至 TAIPEION\nApp 即時通"
    )
    point = parse_minutes(text).sections[1].items[2].reports[0].points[3]
    assert "TAIPEION App 即時通" in point


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("文書組高組長", ("文書組", "高", "組長")),
        ("政風室劉主任", ("政風室", "劉", "主任")),
        ("公管中心趙主任", ("公管中心", "趙", "主任")),
        ("公管中心趙副主任", ("公管中心", "趙", "副主任")),
        ("林副秘書長", ("", "林", "副秘書長")),
        ("中教科陳科長", ("中教科", "陳", "科長")),
        ("秘書室歐陽主任秘書", ("秘書室", "歐陽", "主任秘書")),
        ("法制室 王 專門委員", ("法制室", "王", "專門委員")),
        ("文書組", ("", "", "")),
        ("某某某高組長", ("", "", "")),
        ("組長", ("", "", "")),
        ("", ("", "", "")),
    ],
)
def test_split_report_heading(heading: str, expected: tuple[str, str, str]) -> None:
    assert split_report_heading(heading) == expected


# -- a record from another office -------------------------------------------------------------------------

OTHER_OFFICE = """\
新北市政府教育局第 25 次局務會議紀錄

時　　間：中華民國 113 年 3 月 5 日（星期二）下午 2 時 30 分
地　　點：本局 5 樓大會議室
主　　席：張明文局長
記　　錄：林佳蓉
出席人員：如簽到表
列席人員：秘書室李主任
請假人員：體育處王處長（公假）

壹、宣讀上次會議紀錄
決定：紀錄確定。

貳、主席致詞
（一）本學期各校開學作業順利，感謝各科室同仁辛勞。
（二）請各科室持續注意校園防疫及安全事項。

參、報告事項
一、第 24 次局務會議決議事項辦理情形。
決定：列管案號 2401 及 2402 解除列管；列管案號 2303 繼續列管。

二、中等教育科業務報告。
中教科陳科長補充報告：
(一) 113 學年度高級中等學校免試入學簡章已公告。
(二) 本市國中教育會考考場規劃，將於 4 月底前完成。
決定：洽悉。

討論事項
一、案由：修正本局辦理校長遴選作業要點草案，提請討論。
說明：
(一) 依教育部 112 年 12 月修正之規定辦理。
(二) 修正草案對照表如附件。
決議：照案通過。

臨時動議
一、請各科室於 3 月底前提報年度預算執行情形。
決議：請主計室彙整後簽陳局長核閱。

陸、散會：下午 4 時 10 分
"""


def test_record_from_another_office() -> None:
    parsed = parse_minutes(OTHER_OFFICE)
    assert (parsed.organisation, parsed.number, parsed.kind) == ("新北市政府教育局", 25, "局務")
    assert parsed.starts_at == dt.datetime(2024, 3, 5, 14, 30)
    assert parsed.place == "本局 5 樓大會議室"
    assert parsed.chair == "張明文局長"
    assert parsed.recorder == "林佳蓉"
    assert parsed.observers == "秘書室李主任"
    assert parsed.absentees == "體育處王處長（公假）"
    assert parsed.adjourned_at == dt.time(16, 10)
    assert [(s.number, s.title, s.number_given) for s in parsed.sections] == [
        (1, "宣讀上次會議紀錄", True),
        (2, "主席致詞", True),
        (3, "報告事項", True),
        (4, "討論事項", False),
        (5, "臨時動議", False),
    ]
    reading, remarks, reports, proposals, motions = parsed.sections
    assert reading.conclusion.label == "決定"
    assert reading.conclusion.points == ["紀錄確定。"]
    assert remarks.body == [
        "（一）本學期各校開學作業順利，感謝各科室同仁辛勞。",
        "（二）請各科室持續注意校園防疫及安全事項。",
    ]
    assert remarks.conclusion is None
    review, division = reports.items
    assert review.conclusion.points == ["列管案號 2401 及 2402 解除列管；列管案號 2303 繼續列管。"]
    report = division.reports[0]
    assert (report.unit, report.surname, report.title, len(report.points)) == ("中教科", "陳", "科長", 2)
    assert division.conclusion.points == ["洽悉。"]
    proposal = proposals.items[0]
    assert proposal.title == "案由：修正本局辦理校長遴選作業要點草案，提請討論。"
    assert proposal.body == [
        "說明：",
        "(一) 依教育部 112 年 12 月修正之規定辦理。",
        "(二) 修正草案對照表如附件。",
    ]
    assert (proposal.conclusion.label, proposal.conclusion.points) == ("決議", ["照案通過。"])
    assert motions.items[0].conclusion.points == ["請主計室彙整後簽陳局長核閱。"]


def test_proposal_numbered_as_cases_takes_its_title_from_the_next_line() -> None:
    text = OTHER_OFFICE.replace("一、案由：修正本局", "第一案\n案由：修正本局")
    proposal = parse_minutes(text).sections[3].items[0]
    assert proposal.number == 1
    assert proposal.title == "案由：修正本局辦理校長遴選作業要點草案，提請討論。"
    assert proposal.body[0] == "說明："


def test_wrapped_long_item_title_is_joined() -> None:
    text = SEED.replace("相應制(訂)定、修正或廢止本處", "相應制(訂)定、\n修正或廢止本處")
    four = parse_minutes(text).sections[1].items[3]
    assert four.title.endswith("相應制(訂)定、修正或廢止本處相關權管法規(含SOP)一事。")
    assert four.body == []


# -- errors, each with its line ---------------------------------------------------------------------------


def _error(text: str) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_minutes(text)
    return caught.value


def test_error_carries_line_and_chinese_reason() -> None:
    error = _error("")
    assert (error.line, error.reason) == (1, "內容空白，沒有可以匯入的會議紀錄")
    assert str(error) == "第 1 行：內容空白，沒有可以匯入的會議紀錄"
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        pytest.param("   \n\u3000\n", 1, "內容空白", id="blank"),
        pytest.param("\n\n會議開始\n時間：111年1月20日", 3, "找不到會議紀錄標題", id="no-title"),
        pytest.param(
            SEED.replace("第 108 次處務會議紀錄", "處務會議紀錄"),
            3,
            "缺少會議次數",
            id="title-without-number",
        ),
        pytest.param(
            "\n第 108 次處務會議紀錄\n時間：111年1月20日\n壹、報告事項",
            2,
            "缺少機關名稱",
            id="no-organisation",
        ),
        pytest.param(
            SEED.replace("臺北市政府秘書處第", "檔號：A1\n\n臺北市政府秘書處第"),
            3,
            "標題之前",
            id="before-title",
        ),
        pytest.param(
            SEED.replace("民國 111 年 1 月 20 日 10 時 0 分", "一月下旬"), 5, "無法辨識會議時間", id="time"
        ),
        pytest.param(
            SEED.replace("民國 111 年 1 月 20 日 10 時 0 分", "111 年 2 月 30 日"), 5, "日期不存在", id="date"
        ),
        pytest.param(
            SEED.replace("時間：民國 111 年 1 月 20 日 10 時 0 分", ""), 3, "缺少「時間：」", id="no-time"
        ),
        pytest.param(SEED.replace("地點：", "時間："), 7, "欄位重複", id="duplicate-header"),
        pytest.param(SEED.replace("地點：視訊會議", "視訊會議"), 7, "無法歸類", id="stray-header-text"),
        pytest.param(SEED.split("壹、")[0], 3, "找不到任何段落", id="no-sections"),
        pytest.param(SEED.replace("壹、宣讀", "一、宣讀"), 15, "出現在任何段落", id="item-before-section"),
        pytest.param(
            SEED.replace("會議結論：紀錄確定。", "").replace("壹、宣讀", "會議結論：紀錄確定。\n壹、宣讀"),
            15,
            "出現在任何段落",
            id="conclusion-before-section",
        ),
    ],
)
def test_errors_with_line(text: str, line: int, reason: str) -> None:
    error = _error(text)
    assert error.line == line
    assert reason in error.reason


def test_point_numbers_must_not_skip() -> None:
    text = SEED.replace("(二) 重申同仁", "(三) 重申同仁")
    error = _error(text)
    assert error.line == line_of(text, "(三) 重申同仁")
    assert "不連續" in error.reason and "(二)" in error.reason


def test_point_numbers_must_start_at_one() -> None:
    text = SEED.replace("(一) 同意備查。\n\n(二) 重申同仁", "(二) 同意備查。\n\n(三) 重申同仁")
    error = _error(text)
    assert error.line == line_of(text, "(二) 同意備查。")


def test_report_heading_with_nothing_after_it() -> None:
    # Without its paragraph, the 市民服務組 heading is followed directly by the next report heading.
    paragraph = SEED.split("市民服務組張組長補充報告：\n\n")[1].split("\n")[0]
    text = SEED.replace(paragraph, "")
    error = _error(text)
    assert error.line == line_of(text, "市民服務組張組長補充報告")
    assert "沒有內容" in error.reason


def test_conclusion_heading_with_nothing_after_it() -> None:
    text = SEED.replace("會議結論：同意備查。", "會議結論：")
    error = _error(text)
    assert error.line == line_of(SEED, "會議結論：同意備查。")
    assert "沒有內容" in error.reason


def test_empty_point() -> None:
    text = SEED.replace("(一) 同意備查。\n\n(二) 重申同仁", "(一)\n\n(二) 重申同仁")
    error = _error(text)
    assert error.line == line_of(text, "(一)")
    assert "空白" in error.reason


def test_text_after_adjournment() -> None:
    # Signature lines and 附件 are accepted after 散會 (test_parsing_after_adjournment.py); other text is not.
    text = SEED + "\n\n另請各組室於下週提報資料。\n"
    error = _error(text)
    assert error.line == line_of(text, "另請各組室於下週提報資料。")
    assert "散會" in error.reason


def test_unreadable_adjournment_time() -> None:
    text = SEED.replace("散會(10時45分)", "散會(稍晚)")
    error = _error(text)
    assert error.line == line_of(text, "散會(稍晚)")


def test_sections_out_of_order() -> None:
    text = SEED.replace("參、報告事項", "壹、報告事項")
    error = _error(text)
    assert error.line == line_of(text, "壹、報告事項")
    assert "未依序" in error.reason


def test_items_out_of_order() -> None:
    text = SEED.replace("四、為本府法務局", "二、為本府法務局")
    error = _error(text)
    assert error.line == line_of(text, "二、為本府法務局")
    assert "未依序" in error.reason


def test_report_outside_an_item() -> None:
    text = SEED.replace(
        "壹、宣讀 110 年 12 月 16 日第 107 次處務會議紀錄。\n\n會議結論：紀錄確定。",
        "壹、業務報告\n\n文書組高組長補充報告：本組無補充。",
    )
    error = _error(text)
    assert error.line == line_of(text, "文書組高組長補充報告")
    assert "項目" in error.reason


def test_second_conclusion_for_one_item() -> None:
    text = SEED.replace("會議結論：同意備查。", "會議結論：同意備查。\n主席裁示：照辦。")
    error = _error(text)
    assert error.line == line_of(text, "主席裁示：照辦。")


def test_item_without_title() -> None:
    text = SEED.replace("五、本處 111 年加班費預算分配數額。", "五、")
    error = _error(text)
    assert error.line == line_of(text, "五、")


def test_unplaceable_text_is_an_error_not_dropped() -> None:
    # Plain text between the title and the first header field belongs nowhere.
    text = SEED.replace("時間：", "一些雜訊\n\n時間：")
    error = _error(text)
    assert error.line == line_of(text, "一些雜訊")


# -- never anything but ParseError ------------------------------------------------------------------------

_SEED_LINES = [line for line in SEED.split("\n") if line] + [
    "報告事項",
    "臨時動議",
    "決議：",
    "(一)",
    "（十二）尾",
    "散會",
    "散會：下午",
    "第一案",
    "壹、",
    "一、",
    "林副秘書長補充報告：",
    "時間：111年2月30日",
    "第 0 次處務會議紀錄",
    "第99999999999999999999999999次處務會議紀錄",
    "\ufeff",
    "\u3000",
    "- ",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_raises_only_parse_error(text: str) -> None:
    try:
        parse_minutes(text)
    except ParseError as error:
        assert error.line >= 1 and error.reason


_RECORD_START = "臺北市政府秘書處第 108 次處務會議紀錄\n時間：111年1月20日10時0分\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_SEED_LINES),
            st.text(alphabet="壹參一二十()（）、：:會議結論散補充報告-\n 第次紀錄", max_size=12),
        ),
        max_size=40,
    ),
    st.sampled_from(["\n", "\r\n", "\n\n"]),
    st.booleans(),
)
def test_shuffled_record_lines_raise_only_parse_error(lines: list[str], separator: str, headed: bool) -> None:
    # With a title and a time in front, the shuffled lines reach the section, item and point rules.
    text = (_RECORD_START if headed else "") + separator.join(lines)
    try:
        parsed = parse_minutes(text)
    except ParseError as error:
        assert 1 <= error.line <= text.replace("\r\n", "\n").count("\n") + 1
        return
    assert parsed.number >= 1 and parsed.sections


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(SEED) - 1), st.integers(min_value=1, max_value=200))
def test_seed_with_a_piece_cut_out_raises_only_parse_error(start: int, length: int) -> None:
    try:
        parse_minutes(SEED[:start] + SEED[start + length :])
    except ParseError:
        pass


def test_date_and_time_on_separate_lines() -> None:
    text = SEED.replace(
        "時間：民國 111 年 1 月 20 日 10 時 0 分", "日期：111年1月20日（星期四）\n時間：上午10時"
    )
    assert parse_minutes(text).starts_at == dt.datetime(2022, 1, 20, 10, 0)
    date_only = SEED.replace("時間：民國 111 年 1 月 20 日 10 時 0 分", "日期：111年1月20日")
    assert parse_minutes(date_only).starts_at == dt.datetime(2022, 1, 20, 0, 0)


def test_time_without_date_is_an_error() -> None:
    text = SEED.replace("時間：民國 111 年 1 月 20 日 10 時 0 分", "時間：上午10時")
    error = _error(text)
    assert error.line == 5
    assert "無法辨識會議時間" in error.reason


@pytest.mark.parametrize("numbering", ["〇〇、", "第100案："])
def test_item_numbers_out_of_range(numbering: str) -> None:
    text = SEED.replace("五、本處", f"{numbering}本處")
    error = _error(text)
    assert error.line == line_of(text, f"{numbering}本處")
    assert "超出範圍" in error.reason
