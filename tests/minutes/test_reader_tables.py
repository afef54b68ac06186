"""Tables of tracked cases in the three ways they reach text: tab-separated cells (Word), columns aligned with
spaces with cells wrapped and the header repeated after a page break (pdftotext -layout), one cell per line
(a web page). Each row becomes a case of its item, and the item keeps the table."""

import pytest

from minutes.reader import parse_minutes
from tests.records import TABLE_LAYOUT, TABLE_RECORDS, TABLE_WEB, TABLE_WORD

ROWS = [
    ("10701", "請民政課於4月底前完成轄內里鄰編組調整評估。", "民政課", "已完成評估報告，並於4月22日簽陳核定。", "建議解除列管", "解除列管"),
    ("10702", "請社會課研議擴大獨居長者關懷訪視範圍。", "社會課、衛生所", "已擬訂訪視計畫，預計5月起於3個里試辦。", "建議繼續列管", "繼續列管"),
    ("10604", "請經建課協調轄內騎樓整平工程。", "經建課", "第一階段12處已完工，第二階段刻正辦理發包作業。", "建議繼續列管", "同意結案"),
]


def rows(item) -> list[tuple]:
    return [(r.case_number, r.subject, r.unit, r.progress, r.suggestion, r.decision) for r in item.cases]


@pytest.mark.parametrize("name", ["word", "layout"])
def test_every_row_of_the_table_becomes_a_case_of_its_item(name: str):
    parsed = parse_minutes(TABLE_RECORDS[name])
    [item] = parsed.sections[0].items
    assert rows(item) == ROWS
    assert [r.key for r in item.cases] == ["10701", "10702", "10604"]
    assert item.conclusion.points == ["同意依上表決定辦理。"]
    # The rest of the record is read as usual after the table.
    assert [(s.title, len(s.items)) for s in parsed.sections] == [
        ("上次會議決議事項執行情形", 1), ("業務報告", 1), ("臨時動議：無。", 0)
    ]


def test_a_web_table_with_an_empty_cell_dropped_puts_each_cell_in_its_column():
    [item] = parse_minutes(TABLE_WEB).sections[0].items
    expected = [ROWS[0], (*ROWS[1][:4], "", "繼續列管"), ROWS[2]]
    assert rows(item) == expected


@pytest.mark.parametrize(
    ("name", "headings", "form"),
    [
        ("word", ["編號", "事由", "承辦單位", "執行情形", "建議", "主席裁示"], "tabs"),
        ("layout", ["案號", "案由", "主辦單位", "辦理情形", "列管建議", "決定"], "layout"),
        ("web", ["列管編號", "案由", "主辦單位", "辦理情形", "列管建議", "決定"], "cells"),
    ],
)
def test_the_item_keeps_the_table_with_its_headings_as_written(name: str, headings: list[str], form: str):
    [item] = parse_minutes(TABLE_RECORDS[name]).sections[0].items
    [table] = item.tables
    assert (table.headings, table.form) == (headings, form)
    assert table.columns == ["case_number", "subject", "unit", "progress", "suggestion", "decision"]
    assert [row.case_number for row in table.rows] == ["10701", "10702", "10604"]


def test_a_heading_決定_alone_on_its_line_is_never_a_conclusion_label():
    [item] = parse_minutes(TABLE_WEB).sections[0].items
    assert item.conclusion.label == "決定" and item.conclusion.points == ["同意依上表決定辦理。"]
    assert item.body[0] == "列管編號 案由 主辦單位 辦理情形 列管建議 決定"


def test_each_row_is_a_paragraph_of_the_items_text_and_knows_its_line():
    [item] = parse_minutes(TABLE_LAYOUT).sections[0].items
    assert item.body[1] == " ".join(ROWS[0])
    # The third row stands after the page break, the running title and the header repeated.
    assert [row.line for row in item.cases] == [9, 12, 18]
    assert item.body[3].line == 18


def test_a_row_whose_case_number_no_scheme_reads_keeps_it_as_written_without_a_key():
    text = TABLE_WORD.replace("10604\t", "十之四\t")
    [item] = parse_minutes(text).sections[0].items
    assert (item.cases[2].case_number, item.cases[2].key) == ("十之四", "")


# This app's PDF read back by pdftotext: a ruled table, each cell a block (wrapped inside its column), an empty
# cell a dash, the page number and the header again after a page break, a cell that starts like an item.
TABLE_BLOCKS = (
    "臺北市大安區公所第 108 次區務會議紀錄\n時間：113 年 4 月 8 日（星期一）上午 9 時 30 分\n地點：本所 10 樓會議室\n"
    "主席：林區長美玲\n紀錄：陳科員怡君\n壹、上次會議決議事項執行情形\n一、第 107 次區務會議列管事項辦理情形報告。\n"
    "案號\n\n案由\n\n主辦\n單位\n\n辦理情形\n\n列管建議\n\n決定\n\n"
    "10701\n\n請民政課於4月底前完\n成轄內里鄰編組調整\n評估。\n\n民政課\n\n一、已完成評估報告。\n二、並於4月22日簽陳\n核定。\n\n"
    "建議解除列管\n\n解除列\n管\n\n"
    "10702\n\n請社會課研議擴大獨\n居長者關懷訪視範圍。\n\n社會課、衛生所\n\n已擬訂訪視計畫。\n\n—\n\n繼續列管\n\n"
    "第 1 頁／共 2 頁\n\f案號\n\n案由\n\n主辦\n單位\n\n辦理情形\n\n列管建議\n\n決定\n\n"
    "10604\n\n請經建課協調轄內騎\n樓整平工程。\n\n經建課\n\n第一階段已完工。\n\n建議繼續列管\n\n同意結案\n\n"
    "決定：同意依上表決定辦理。\n貳、業務報告\n一、民政課報告：本月受理戶籍登記 1,204 件。\n決定：洽悉。\n"
    "參、臨時動議：無。\n肆、散會：上午 10 時 40 分\n"
)


def test_this_apps_ruled_table_read_back_by_pdftotext_keeps_every_cell_in_its_column():
    parsed = parse_minutes(TABLE_BLOCKS)
    [item] = parsed.sections[0].items
    [table] = item.tables
    assert (table.form, table.headings) == ("blocks", ["案號", "案由", "主辦單位", "辦理情形", "列管建議", "決定"])
    assert rows(item) == [
        ("10701", "請民政課於4月底前完成轄內里鄰編組調整評估。", "民政課", "一、已完成評估報告。\n二、並於4月22日簽陳核定。",
         "建議解除列管", "解除列管"),
        ("10702", "請社會課研議擴大獨居長者關懷訪視範圍。", "社會課、衛生所", "已擬訂訪視計畫。", "", "繼續列管"),
        ("10604", "請經建課協調轄內騎樓整平工程。", "經建課", "第一階段已完工。", "建議繼續列管", "同意結案"),
    ]  # fmt: skip
    assert item.conclusion.points == ["同意依上表決定辦理。"]
    assert [(s.title, len(s.items)) for s in parsed.sections] == [
        ("上次會議決議事項執行情形", 1), ("業務報告", 1), ("臨時動議：無。", 0)
    ]


# pdftotext -layout of a ruled table counts a CJK character as one column, as it does a digit: the cells stand
# under their headings by character count, not by how wide a screen shows them.
TABLE_LAYOUT_NARROW = TABLE_BLOCKS[: TABLE_BLOCKS.index("案號")] + (
    "   編號      事由          承辦單位     執行情形        建議     主席裁示\n"
    "\n"
    "   10701   請民政課於4月底前   民政課      已完成評估報告，並   建議     解除列管\n"
    "           完成轄內里鄰編組             於4月22日簽     解除列管\n"
    "           調整評估。                陳核定。\n"
    "\n"
    "   10702   請社會課研議擴大    社會       已擬訂訪視計畫，預   建議     繼續列管\n"
    "           獨居長者關懷訪     課、衛生所    計5月起於3個     繼續列管\n"
    "           視範圍。                 里試辦。\n"
) + TABLE_BLOCKS[TABLE_BLOCKS.index("決定：同意") :]


def test_columns_counted_a_character_each_are_read_as_pdftotext_layout_counts_them():
    [item] = parse_minutes(TABLE_LAYOUT_NARROW).sections[0].items
    assert item.tables[0].form == "layout"
    assert rows(item) == [
        ("10701", "請民政課於4月底前完成轄內里鄰編組調整評估。", "民政課", "已完成評估報告，並於4月22日簽陳核定。",
         "建議解除列管", "解除列管"),
        ("10702", "請社會課研議擴大獨居長者關懷訪視範圍。", "社會課、衛生所", "已擬訂訪視計畫，預計5月起於3個里試辦。",
         "建議繼續列管", "繼續列管"),
    ]  # fmt: skip


def test_excels_quotes_around_a_cell_with_a_line_break_are_not_the_cells_text():
    # Excel copies a cell holding a line break (Alt+Enter) quoted, its own quotes doubled.
    text = TABLE_WORD.replace(
        "已完成評估報告，\n並於4月22日簽陳核定。", '"1.已完成評估報告。\n2.並於4月22日簽陳""核定""。"'
    ).replace("請經建課協調轄內騎樓整平工程。", '"請經建課協調轄內騎樓整平工程。"')
    [item] = parse_minutes(text).sections[0].items
    assert item.cases[0].progress == '1.已完成評估報告。\n2.並於4月22日簽陳"核定"。'
    assert item.cases[2].subject == "請經建課協調轄內騎樓整平工程。"


def test_a_table_that_numbers_its_rows_keeps_the_numbers_when_read_back_from_the_pdf():
    # 序號 1, 2, 3 alone on their lines are page numbers anywhere else; after a header with 序號, they open rows.
    text = (
        TABLE_BLOCKS.replace("案號\n\n案由\n\n主辦\n單位", "序號\n\n案號\n\n案由\n\n主辦\n單位")
        .replace("10701\n\n", "1\n\n10701\n\n")
        .replace("10702\n\n", "2\n\n10702\n\n")
        .replace("10604\n\n", "3\n\n10604\n\n")
    )
    [item] = parse_minutes(text).sections[0].items
    [table] = item.tables
    assert (table.form, table.columns[:2]) == ("blocks", ["index", "case_number"])
    assert [row.cells[:2] for row in table.rows] == [["1", "10701"], ["2", "10702"], ["3", "10604"]]
    assert [row.decision for row in item.cases] == ["解除列管", "繼續列管", "同意結案"]


def test_a_four_digit_case_number_after_a_decision_wrapped_in_its_column_is_no_page_number():
    # 解除列 / 管 closes the row above; 7602 alone on its line would otherwise be taken for a page number.
    [item] = parse_minutes(TABLE_BLOCKS.replace("10702", "7602")).sections[0].items
    assert [row.case_number for row in item.cases] == ["10701", "7602", "10604"]
