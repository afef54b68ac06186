"""Long records break across pages cleanly: no heading or lead-in line is left alone at the bottom of a page."""

import pytest
from weasyprint import HTML

from minutes import documents
from minutes.reader import parse_minutes
from minutes.reader.numerals import to_zh
from minutes.services import record_import

pytestmark = pytest.mark.django_db


def long_record(items: int) -> str:
    lines = [
        "臺北市政府秘書處第 150 次處務會議紀錄",
        "時間：民國 112 年 3 月 2 日 10 時 0 分",
        "地點：視訊會議",
        "主席：陳志銘",
        "紀錄：葉霆怡",
        "出席：如簽到表",
        "參、報告事項",
    ]
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


def last_boxes_per_page(meeting):
    document = HTML(string=documents.meeting_html(meeting)).render(stylesheets=[documents._stylesheet()])
    lasts = []
    for page in document.pages[:-1]:
        [html_box] = [box for box in page._page_box.children if getattr(box, "element_tag", None) == "html"]
        [body] = [box for box in html_box.children if box.element_tag == "body"]
        in_flow = [box for box in body.children if box.is_in_normal_flow()]
        lasts.append(in_flow[-1])
    return lasts


def test_no_page_ends_with_a_heading_or_a_lead_in_line(db):
    meeting = record_import(parse_minutes(long_record(30)))
    lasts = last_boxes_per_page(meeting)
    assert len(lasts) >= 8
    for box in lasts:
        classes = (box.element.get("class") or "").split()
        assert box.element_tag not in {"h1", "h2", "h3"}, box.element.text
        assert "lead" not in classes, box.element.text


@pytest.mark.parametrize("items", [3, 40])
def test_rendering_takes_the_same_few_queries_whatever_the_size(db, items, django_assert_max_num_queries):
    meeting = record_import(parse_minutes(long_record(items)))
    with django_assert_max_num_queries(10):
        documents.render_meeting_pdf(meeting)
