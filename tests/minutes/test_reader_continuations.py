"""A body's lines are never joined into a title: 四、人文課 followed by its indented first line is a title and a
body, while a title the converter cut at the page width still goes on over a hanging indent."""

import pytest

from minutes.reader import parse_minutes

HEAD = "某區公所第 5 次區務會議紀錄\n時間：113年3月5日上午9時\n壹、業務報告\n"
ITEM = "三、經建課報告：本區道路養護工程已完成第一期。\n決定：洽悉。\n"


@pytest.mark.parametrize("indent", ["\u3000\u3000", "    ", "\t"])
def test_an_indented_line_under_a_short_title_starts_the_body(indent: str):
    text = HEAD + ITEM + f"四、人文課\n{indent}本課辦理113年度客家文化節系列活動，計有5,000人次參與。\n決定：洽悉。\n散會\n"
    four = parse_minutes(text).sections[0].items[1]
    assert (four.title, four.body) == ("人文課", ["本課辦理113年度客家文化節系列活動，計有5,000人次參與。"])


def test_the_indented_lines_of_a_report_laid_out_by_pdftotext_stay_its_body():
    # pdftotext -layout: the items' text set in under their numbers, the body lines with it.
    lines = [
        "某區公所第 5 次區務會議紀錄",
        "時間：113年3月5日上午9時",
        "壹、業務報告",
        "  三、經建課報告：本區道路養護工程第一期已於 2 月底完成，第二期預定 4 月",
        "      開工，屆時將於本所網站公告交通管制路段，請各里辦公處協助周知。",
        "      決定：洽悉。",
        "  四、人文課",
        "      本課辦理 113 年度客家文化節系列活動，計有 5,000 人次參與，活動成果將",
        "      彙整後上傳本所網站。",
        "      決定：洽悉。",
        "散會",
    ]
    three, four = parse_minutes("\n".join(lines) + "\n").sections[0].items
    assert three.title.endswith("第二期預定 4 月開工，屆時將於本所網站公告交通管制路段，請各里辦公處協助周知。")
    assert (four.title, len(four.body)) == ("人文課", 1)
    assert four.body[0].startswith("本課辦理") and four.body[0].endswith("上傳本所網站。")


def test_a_title_cut_without_an_indent_still_goes_on():
    text = HEAD + "四、各組室及公管中心本月份重要業務推動情形\n暨下月工作重點報告\n決定：洽悉。\n散會\n"
    [four] = parse_minutes(text).sections[0].items
    assert (four.title, four.body) == ("各組室及公管中心本月份重要業務推動情形暨下月工作重點報告", [])


def test_a_units_name_as_the_title_is_not_continued_by_the_line_below_it_even_unindented():
    text = HEAD + ITEM + "四、人文課\n本課辦理113年度客家文化節系列活動，計有5,000人次參與。\n決定：洽悉。\n散會\n"
    four = parse_minutes(text).sections[0].items[1]
    assert (four.title, four.body) == ("人文課", ["本課辦理113年度客家文化節系列活動，計有5,000人次參與。"])
