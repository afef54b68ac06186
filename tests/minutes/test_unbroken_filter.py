"""The PDF's text filter: escaped, and glued where a printed line must not start."""

import pytest

from minutes.templatetags.record import unbroken

WJ = "\u2060"


def test_the_text_is_unchanged_apart_from_word_joiners_and_escaping() -> None:
    text = "請各科室依 1. 及（二）辦理，決議：照案通過<b>。"
    assert unbroken(text).replace(WJ, "") == "請各科室依 1. 及（二）辦理，決議：照案通過&lt;b&gt;。"


def test_no_line_can_start_with_a_point_marker_inside_a_sentence() -> None:
    assert f"及{WJ}（二）" in unbroken("請依（一）及（二）所列事項辦理。")


def test_no_line_can_start_with_a_number_after_a_space() -> None:
    assert f"依 {WJ}1." in unbroken("請依 1. 及 2. 辦理並於月底前完成。")


def test_the_seven_characters_before_a_colon_stay_on_its_line() -> None:
    out = unbroken("甲乙丙丁戊己庚辛壬癸人事室報告：本月新進人員三人。")
    # 壬癸人事室報告 (seven characters) is the shortest start of a line before the colon.
    assert f"壬{WJ}癸" in out and f"辛{WJ}壬" not in out


def test_no_line_ends_right_after_a_colon_or_a_full_stop() -> None:
    out = unbroken("決議：照案通過。請秘書室辦理後續事宜並回報。")
    assert f"：{WJ}照" in out and f"。{WJ}請" in out


def test_the_last_line_of_a_paragraph_is_never_a_lone_short_word() -> None:
    assert unbroken("本案提請大會決議").endswith(f"會{WJ}決{WJ}議")


def test_line_breaks_of_the_text_are_kept_and_nothing_is_glued_across_them() -> None:
    out = unbroken("請關閉電源：\n1. 冷氣。")
    assert "\n1." in out and f"\n{WJ}" not in out and f"{WJ}\n" not in out


def test_the_start_of_a_paragraph_is_never_glued() -> None:
    assert not unbroken("（一）洽悉。").startswith(WJ)


def glued_before(out: str, index: int) -> bool:
    """Whether no line can break before character `index` of the text (counted without word joiners)."""
    seen = 0
    for position, char in enumerate(out):
        if char == WJ:
            continue
        if seen == index:
            return position > 0 and out[position - 1] == WJ
        seen += 1
    raise IndexError(index)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("請各科室於會前提出業務報告", "業務報告"),
        ("本案依主席裁示", "裁示"),
        ("另外請注意第 2 頁", "第 2 頁"),
        ("請秘書室於會後提報宣讀上次會議紀錄", "宣讀上次會議紀錄"),
        ("俟議程確定後宣布散會", "散會"),
    ],
)
def test_the_last_line_never_reads_as_a_part_of_its_own(text: str, part: str) -> None:
    assert glued_before(unbroken(text), len(text) - len(part))
