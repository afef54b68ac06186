"""Long records break across pages cleanly: no heading or lead-in line is left alone at the bottom of a page,
and the signature block is never alone at the top of one."""

import pytest

from minutes import documents
from minutes.reader import parse_minutes
from minutes.reader.numerals import to_zh
from minutes.services import record_import
from tests.documents.conftest import classes, flow_per_page, rendered

pytestmark = pytest.mark.django_db


HEADER = (
    "臺北市政府秘書處第 150 次處務會議紀錄",
    "時間：民國 112 年 3 月 2 日 10 時 0 分",
    "地點：視訊會議",
    "主席：陳志銘",
    "紀錄：葉霆怡",
    "出席：如簽到表",
    "參、報告事項",
)


def long_record(items: int) -> str:
    lines = list(HEADER)
    for n in range(1, items + 1):
        lines += [
            f"{to_zh(n)}、文書組第 {n} 案：{'市政大樓公共空間使用規劃及相關經費執行情形' * (1 + n % 3)}報告。",
            "文書組高組長補充報告：",
            f"(一) 本案已召開協調會議，{'相關單位均已同意配合辦理，' * (n % 4)}後續持續追蹤。",
            "(二) 相關經費已納入年度預算。",
            "會議結論：",
            "(一) 同意備查。",
            f"(二) 請文書組於 6 月 30 日前提出執行成果{'，並於下次會議報告' * (n % 2)}。",
        ]
    lines.append("散會(12時0分)")
    return "\n\n".join(lines)


def test_no_page_ends_with_a_heading_or_a_lead_in_line(db):
    meeting = record_import(parse_minutes(long_record(30)))
    lasts = [boxes[-1] for boxes in flow_per_page(rendered(meeting))[:-1]]
    assert len(lasts) >= 8
    for box in lasts:
        assert box.element_tag not in {"h1", "h2", "h3"}, box.element.text
        assert "lead" not in classes(box), box.element.text


def growing_record(items: int, *, attachments: bool) -> str:
    """A record of `items` short items: each adds about 18 mm, so a run of 15 lengths moves 散會 and the
    signature block through every position on a page. With attachments, the last conclusion runs over
    several lines and 附件 follow 散會."""
    lines = list(HEADER)
    for n in range(1, items + 1):
        lines += [f"{to_zh(n)}、文書組第 {n} 案報告。", "會議結論：同意備查。"]
    if attachments:
        lines[-1] = "會議結論：" + "請文書組會同總務組於 6 月 30 日前完成市政大樓公共空間使用規劃，" * 3 + "並於下次會議報告。"
    lines.append("散會(12時0分)")
    if attachments:
        lines += ["附件：", "一、簽到表", "二、簡報資料"]
    return "\n\n".join(lines)


AFTER_THE_RECORD = {"adjourned", "attachment", "signatures"}
# The rule under test, taken out again: what the layout would do without it.
WITHOUT_THE_KEEP = ".adjourned, .attachment, .signatures { break-before: auto; page-break-before: auto; }"


def signature_page_holds_record_text(document) -> bool:
    [page] = [boxes for boxes in flow_per_page(document) if any("signatures" in classes(box) for box in boxes)]
    return any(not classes(box) & AFTER_THE_RECORD for box in page)


@pytest.mark.parametrize("attachments", [False, True], ids=["plain", "with-attachments"])
def test_the_signature_block_is_never_alone_on_a_page_whatever_the_length_of_the_record(db, attachments):
    kept, alone_without_the_keep = [], []
    for items in range(8, 23):
        meeting = record_import(parse_minutes(growing_record(items, attachments=attachments)))
        kept.append(signature_page_holds_record_text(rendered(meeting)))
        alone_without_the_keep.append(not signature_page_holds_record_text(rendered(meeting, WITHOUT_THE_KEEP)))
        meeting.delete()
    # These lengths reach the case: without the rule, some of them start a page with the signature block.
    assert any(alone_without_the_keep)
    assert all(kept), [items for items, ok in zip(range(8, 23), kept, strict=True) if not ok]


@pytest.mark.parametrize("items", [3, 40])
def test_rendering_takes_the_same_few_queries_whatever_the_size(db, items, django_assert_max_num_queries):
    meeting = record_import(parse_minutes(long_record(items)))
    # Two more than before tables were stored: the tables of sections and of items, one prefetch each.
    with django_assert_max_num_queries(12):
        documents.render_meeting_pdf(meeting)
