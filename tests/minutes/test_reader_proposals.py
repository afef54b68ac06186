"""討論事項 and 臨時動議 read as proposals: 提案一/第一案/案由一, their parts (提案單位, 案由, 說明, 辦法), the
points under 說明 and 辦法 kept as that part's, and the meeting's outcome."""

import pytest

from minutes.reader import parse_minutes
from tests.records import SCHOOL_PROPOSALS

HEAD = "某局第 9 次局務會議紀錄\n時間：113 年 1 月 2 日上午 9 時\n主席：王局長\n紀錄：李小姐\n"


def parts(item) -> list[tuple[str, str, list[str]]]:
    return [(part.label, part.text, list(part.points)) for part in item.parts]


def test_points_under_說明_and_辦法_are_the_parts_points_not_agenda_items():
    discussion = parse_minutes(SCHOOL_PROPOSALS).sections[1]
    assert [(item.number, item.wording.numbering) for item in discussion.items] == [
        (1, "提案一"), (2, "提案二"), (3, "提案三")
    ]
    first = discussion.items[0]
    assert first.title == "案由：修訂本校學生成績評量補充規定，提請討論。"
    assert parts(first) == [
        ("提案單位", "教務處", []),
        ("案由", "修訂本校學生成績評量補充規定，提請討論。", []),
        ("說明", "依據教育部國民中學學生成績評量準則辦理，修正重點如下", [
            "一、定期評量次數由每學期三次改為二次。", "二、平時成績比例調整為百分之六十。", "三、修正條文對照表如附件一。"
        ]),
        ("辦法", "", ["一、經本會議通過後，提送校務會議審議。", "二、自113學年度第2學期起實施。"]),
    ]


def test_a_part_whose_first_point_stands_on_its_label_line():
    second = parse_minutes(SCHOOL_PROPOSALS).sections[1].items[1]
    assert parts(second)[2:] == [
        ("說明", "", ["一、依本校校外教學實施要點辦理。", "二、預計於114年4月辦理三天兩夜行程。"]),
        ("辦法", "請各班導師於3月底前調查參加意願。", []),
    ]


def test_the_outcome_of_each_proposal_is_read_as_written():
    parsed = parse_minutes(SCHOOL_PROPOSALS)
    items = [item for section in parsed.sections for item in section.items]
    assert [item.conclusion.outcome for item in items] == ["照案通過", "修正通過", "保留", "另案處理"]
    assert items[1].conclusion.points == ["修正通過，行程改為兩天一夜。"]


def test_a_motion_from_the_floor_keeps_its_proposer_and_cosigners():
    [motion] = parse_minutes(SCHOOL_PROPOSALS).sections[2].items
    assert (motion.wording.numbering, motion.title) == ("案由一", "建請增設校門口機車停車格案。")
    assert parts(motion)[:2] == [("提案人", "張組長", []), ("連署人", "李組長、陳組長", [])]


def test_items_numbered_一_with_parts_go_on_after_a_list_under_辦法():
    # 三、 under 辦法 continues its list; 二、案由：… opens the next proposal.
    text = HEAD + (
        "壹、討論事項\n"
        "一、案由：修訂本局員工差勤管理要點，提請討論。\n"
        "說明：\n一、依行政院函辦理。\n二、修正對照表如附件。\n"
        "辦法：\n一、經本會議通過後實施。\n二、陳請局長核定。\n三、函送各單位。\n"
        "決議：照案通過。\n"
        "二、案由：本局 114 年度預算案，提請討論。\n"
        "說明：請各科室檢視。\n"
        "決議：不予通過。\n"
        "散會：上午 10 時\n"
    )
    first, second = parse_minutes(text).sections[0].items
    assert parts(first)[2] == ("辦法", "", ["一、經本會議通過後實施。", "二、陳請局長核定。", "三、函送各單位。"])
    assert (second.number, second.title, second.conclusion.outcome) == (2, "案由：本局 114 年度預算案，提請討論。", "不予通過")


@pytest.mark.parametrize(
    ("opening", "numbering"), [("第一案\n案由：", "第一案"), ("提案一：", "提案一"), ("案由一：", "案由一"), ("一、案由：", "一")]
)
def test_proposals_numbered_as_offices_number_them(opening: str, numbering: str):
    text = HEAD + f"壹、討論事項\n{opening}修正本局要點案。\n說明：\n一、依規定。\n二、如附件。\n決議：照案通過。\n散會\n"
    [item] = parse_minutes(text).sections[0].items
    assert (item.wording.numbering, item.conclusion.outcome) == (numbering, "照案通過")
    assert parts(item)[-1] == ("說明", "", ["一、依規定。", "二、如附件。"])


def test_no_motions_from_the_floor():
    text = HEAD + "壹、討論事項\n提案一：修正本局要點案。\n決議：照案通過。\n貳、臨時動議：無。\n散會\n"
    motions = parse_minutes(text).sections[1]
    assert (motions.title, motions.items, motions.body) == ("臨時動議：無。", [], [])


def test_a_report_item_with_a_paragraph_labelled_說明_is_still_followed_by_the_next_item():
    text = HEAD + "壹、業務報告\n一、人事室報告：\n說明：本月新進人員 3 人。\n二、會計室報告：預算執行率 48%。\n決定：洽悉。\n散會\n"
    items = parse_minutes(text).sections[0].items
    assert [(item.number, item.title) for item in items] == [(1, "人事室報告："), (2, "會計室報告：預算執行率 48%。")]


def test_a_point_under_說明_numbered_like_an_earlier_item_is_the_parts_point():
    # The PDF prints a proposal as 二、案由：…; under its 說明 a point 二、 cannot be the next item.
    text = HEAD + (
        "壹、討論事項\n一、案由：甲案。\n說明：依規定。\n決議：照案通過。\n"
        "二、案由：乙案。\n說明：理由如下：一、預算不足。\n二、期程緊迫。\n決議：保留。\n散會\n"
    )
    _first, second = parse_minutes(text).sections[0].items
    assert second.body == ["說明：理由如下：一、預算不足。", "二、期程緊迫。"]
    assert parts(second)[-1] == ("說明", "理由如下：一、預算不足。", ["二、期程緊迫。"])
