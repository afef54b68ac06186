"""A title that happens to fill a line as wide as the page is finished when it reads as finished.

A PDF sets 貳、…主席致詞 on exactly one full line as often as it cuts a longer title there; a title that ends
like a complete one (…致詞, …報告, …事項) is not continued by the paragraph or the item after it.
"""

from minutes.reader import parse_minutes

FILLER = "甲乙丙丁戊己庚辛壬癸" * 3
# Lines of 33 characters that stop mid-sentence: the parser takes 33 characters as the page width.
RECORD = (
    "某市政府某局第 1 次局務會議紀錄\n時間：113年1月2日上午9時\n壹、報告事項\n"
    f"一、{FILLER}乙\n丙丁報告。\n決定：{FILLER}\n洽悉。\n二、{FILLER}乙\n丙丁報告。\n決定：洽悉。\n"
    f"貳、{FILLER[:27]}主席致詞\n今年請各單位持續精進服務品質。\n"
    f"參、{FILLER[:27]}討論事項\n三、修正某要點案，提請討論。\n決議：照案通過。\n散會\n"
)


def test_the_wrapped_titles_around_them_are_still_joined() -> None:
    first = parse_minutes(RECORD).sections[0].items[0]
    assert first.title == f"{FILLER}乙丙丁報告。"


def test_a_complete_title_filling_the_line_is_not_continued_by_the_paragraph_after_it() -> None:
    remarks = parse_minutes(RECORD).sections[1]
    assert (remarks.title, remarks.body) == (f"{FILLER[:27]}主席致詞", ["今年請各單位持續精進服務品質。"])


def test_an_item_numbered_on_after_a_complete_title_filling_the_line_opens_the_item() -> None:
    proposals = parse_minutes(RECORD).sections[2]
    assert proposals.title == f"{FILLER[:27]}討論事項"
    assert [(item.number, item.title) for item in proposals.items] == [(3, "修正某要點案，提請討論。")]
