"""What a record may carry after 散會: signature lines (dropped) and references to attachments (kept).

Real records end with the chair's and the recorder's lines (主席：陳志銘　紀錄：王小明), often with room to
sign, and list their attachments (附件：簽到表). Those are not part of the record's body; anything else after
散會 is refused with a message that says what to remove.
"""

import pytest

from minutes.reader import ParseError, parse_minutes
from tests.records import SEED, outline


def with_tail(tail: str) -> str:
    return SEED.rstrip("\n") + "\n\n" + tail


@pytest.mark.parametrize(
    "tail",
    [
        "主席：陳志銘",
        "紀錄：王小明",
        "主席：陳志銘　　紀錄：葉霆怡",
        "主席：\n\n紀錄：",
        "主席　　　　　　　　紀錄",
        "主席簽名：＿＿＿＿＿＿　　紀錄：＿＿＿＿＿＿",
        "記錄人：葉霆怡\n主席核閱：陳志銘",
        "主　　席：陳志銘\n紀　　錄：葉霆怡",
        "本紀錄已於 民國 111 年 1 月 27 日 15 時 30 分 簽核（簽核人：陳志銘）。",
        "本紀錄為草稿，尚未簽核。",
        "主席：陳志銘\n本紀錄已於 民國 111 年 1 月 27 日 15 時 30 分\n簽核（簽核人：陳\n志銘）。",
    ],
)
def test_signature_lines_after_the_adjournment_are_accepted_and_dropped(tail: str) -> None:
    parsed = parse_minutes(with_tail(tail))
    assert outline(parsed) == outline(parse_minutes(SEED))
    assert parsed.attachments == []


def test_the_header_fields_are_not_overwritten_by_the_signature_lines() -> None:
    parsed = parse_minutes(with_tail("主席：王大明　　紀錄：李小華"))
    assert (parsed.chair, parsed.recorder) == ("陳志銘", "葉霆怡")


@pytest.mark.parametrize(
    ("tail", "attachments"),
    [
        ("附件：簽到表", ["附件：簽到表"]),
        ("附件一：簽到表\n附件二：市政會議裁指示事項", ["附件一：簽到表", "附件二：市政會議裁指示事項"]),
        ("附件：\n一、簽到表\n二、簡報資料", ["附件：", "一、簽到表", "二、簡報資料"]),
        ("主席：陳志銘\n紀錄：葉霆怡\n附件：簽到表", ["附件：簽到表"]),
        ("附件：簽到表\n主席：陳志銘　　紀錄：葉霆怡", ["附件：簽到表"]),
        ("附件 1、會議簡報", ["附件 1、會議簡報"]),
        ("附錄：列管案件一覽表", ["附錄：列管案件一覽表"]),
    ],
)
def test_attachments_after_the_adjournment_are_kept_as_written(tail: str, attachments: list[str]) -> None:
    parsed = parse_minutes(with_tail(tail))
    assert parsed.attachments == attachments
    assert outline(parsed) == {**outline(parse_minutes(SEED)), "attachments": attachments}


def test_a_record_without_attachments_has_none() -> None:
    assert parse_minutes(SEED).attachments == []


@pytest.mark.parametrize(
    "tail",
    ["另請各組室於下週提報資料。", "六、臨時動議：無。", "會議結論：同意備查。", "主席裁示：請各組室配合。"],
)
def test_other_text_after_the_adjournment_says_what_to_remove(tail: str) -> None:
    text = with_tail(tail)
    with pytest.raises(ParseError) as caught:
        parse_minutes(text)
    lines = text.split("\n")
    assert caught.value.line == len(lines) - lines[::-1].index(tail)
    assert "簽名欄" in caught.value.reason and "附件" in caught.value.reason
    assert f"請刪除「{tail}」" in caught.value.reason


def test_text_after_the_signature_lines_is_still_refused() -> None:
    text = with_tail("主席：陳志銘\n請各組室配合辦理。")
    with pytest.raises(ParseError) as caught:
        parse_minutes(text)
    assert caught.value.line == text.split("\n").index("請各組室配合辦理。") + 1


@pytest.mark.parametrize("mark", ["草", "稿", "草稿", "草 稿"])
def test_a_draft_watermark_line_is_page_furniture(mark: str) -> None:
    text = with_tail(f"附件：簽到表\n{mark}\n主席：陳志銘").replace(
        "需經另取得同意才能使用者，", f"需經另取得同意才能使用者，\n{mark}\n"
    )
    assert outline(parse_minutes(text)) == {**outline(parse_minutes(SEED)), "attachments": ["附件：簽到表"]}


FILLER = "甲乙丙丁戊己庚辛壬癸" * 3
# Lines as wide as the page (pdftotext's cut): the parser reads such a line as going on in the next one.
WRAPPED = (
    "某市政府某局第 1 次局務會議紀錄\n時間：113年1月2日上午9時\n壹、報告事項\n"
    f"一、{FILLER}乙\n丙丁報告。\n決定：{FILLER}\n洽悉。\n二、{FILLER}乙\n丙丁報告。\n決定：洽悉。\n散會\n"
)


def test_a_numbered_attachment_after_a_line_as_wide_as_the_page_is_a_new_entry() -> None:
    lines = [f"一、{FILLER}表", f"二、{FILLER}表"]
    parsed = parse_minutes(WRAPPED + "附件：\n" + "\n".join(lines))
    assert parsed.sections[0].items[0].title == f"{FILLER}乙丙丁報告。"
    assert parsed.attachments == ["附件：", *lines]


def test_an_attachment_cut_at_the_page_width_is_joined() -> None:
    parsed = parse_minutes(WRAPPED + f"附件：\n一、{FILLER}表\n及統計資料")
    assert parsed.attachments == ["附件：", f"一、{FILLER}表及統計資料"]


def test_a_complete_title_as_wide_as_the_page_is_not_continued_by_its_explanation() -> None:
    text = WRAPPED.replace("散會", f"三、{FILLER}報告\n說明：本月無新增事項。\n決定：洽悉。\n散會")
    third = parse_minutes(text).sections[0].items[2]
    assert (third.title, third.body) == (f"{FILLER}報告", ["說明：本月無新增事項。"])


def test_an_attachment_list_takes_only_numbered_entries() -> None:
    text = with_tail("附件：\n一、簽到表\n請各組室配合辦理。")
    with pytest.raises(ParseError) as caught:
        parse_minutes(text)
    assert caught.value.line == text.split("\n").index("請各組室配合辦理。") + 1


def test_a_long_attachment_cut_without_a_known_page_width_is_joined() -> None:
    entry = "一、本局辦理各項環境教育推廣活動成果統計及民眾滿意度調查報告113 年第"
    parsed = parse_minutes(with_tail(f"附件：\n{entry}\n1 季\n主席：陳志銘"))
    assert parsed.attachments == ["附件：", entry + "1 季"]


@pytest.mark.parametrize(
    "title",
    [
        "第 108 次處務會議列管案件辦理情形及決定一覽表",
        "附件：第 108 次處務會議列管案件辦理情形",  # files signed before the title changed
    ],
)
def test_this_apps_appendix_of_reviewed_items_is_not_read(title: str) -> None:
    appendix = f"{title}\n案號\n\n案由\n\n主辦單位\n\n9903\n\n（原紀錄未載）\n\n賡續列管"
    parsed = parse_minutes(with_tail(f"主席：陳志銘\n紀錄：葉霆怡\n{appendix}"))
    assert outline(parsed) == outline(parse_minutes(SEED))


def test_a_reference_to_a_list_of_tracked_items_is_kept_as_an_attachment() -> None:
    parsed = parse_minutes(with_tail("附件：第 107 次處務會議列管案件辦理情形表\n主席：陳志銘"))
    assert parsed.attachments == ["附件：第 107 次處務會議列管案件辦理情形表"]
