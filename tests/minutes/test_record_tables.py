"""Tables of tracked cases stored with the record: headings as written and rows of cells, in place in their
item's body; shown as a table on the meeting page and as a ruled table in the PDF, read back the same, and
frozen with the rest of a signed record."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from minutes import documents
from minutes.errors import SignedRecordError
from minutes.models import RecordTable
from minutes.reader import parse_minutes
from minutes.services import record_import
from tests.documents.conftest import pdf_pages, pdftotext, sign_directly
from tests.documents.test_pdf_round_trip import flat
from tests.records import TABLE_RECORDS, TABLE_WEB, TABLE_WORD, outline
from tracking.models import Review

pytestmark = pytest.mark.django_db

HEADINGS = {
    "word": ["編號", "事由", "承辦單位", "執行情形", "建議", "主席裁示"],
    "layout": ["案號", "案由", "主辦單位", "辦理情形", "列管建議", "決定"],
    "web": ["列管編號", "案由", "主辦單位", "辦理情形", "列管建議", "決定"],
}


@pytest.mark.parametrize("name", list(TABLE_RECORDS))
def test_the_import_stores_the_table_with_its_headings_as_written_and_a_row_of_cells_per_case(name):
    meeting = record_import(parse_minutes(TABLE_RECORDS[name]))
    table = RecordTable.objects.get()
    assert table.headings == HEADINGS[name]
    assert [row[0] for row in table.rows] == ["10701", "10702", "10604"]
    assert table.rows[0][1] == "請民政課於4月底前完成轄內里鄰編組調整評估。"
    assert table.rows[1][2] == "社會課、衛生所"
    assert all(len(row) == len(table.headings) for row in table.rows)
    assert (table.item.title, table.section.meeting_id, table.position) == (
        "第 107 次區務會議列管事項辦理情形報告。", meeting.pk, 0
    )
    # The rows are the table's, not paragraphs of the body as well; each is still that case's review.
    assert "10701" not in table.item.body
    assert {r.item.case_number for r in Review.objects.filter(meeting=meeting)} == {"10701", "10702", "10604"}


def test_a_table_stands_after_the_paragraphs_that_precede_it_in_the_body(client, recorder):
    text = TABLE_WORD.replace("編號\t事由", "各單位辦理情形如下表：\n編號\t事由", 1)
    meeting = record_import(parse_minutes(text))
    table = RecordTable.objects.get()
    assert (table.item.body, table.position) == ("各單位辦理情形如下表：", 1)
    assert [kind for kind, _ in table.item.body_parts] == ["text", "table"]
    client.force_login(recorder)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert page.index('<div class="body"><p>各單位辦理情形如下表：</p></div>') < page.index("<caption")
    lines = [line.strip() for line in pdftotext(documents.render_meeting_pdf(meeting)).splitlines() if line.strip()]
    assert lines.index("各單位辦理情形如下表：") + 1 == lines.index("編號")


def test_the_meeting_page_shows_the_table_as_a_table_with_headers_and_a_caption(client, recorder):
    meeting = record_import(parse_minutes(TABLE_WORD))
    client.force_login(recorder)
    page = client.get(meeting.get_absolute_url()).content.decode()
    table = page[page.index('<div class="table-scroll record-table-box"') :]
    table = table[: table.index("</table>")]
    assert 'tabindex="0" role="region" aria-labelledby="record-table-' in table
    assert "<caption" in table and "列管案件表（3 件）" in table
    assert all(f'<th scope="col">{heading}</th>' in table for heading in HEADINGS["word"])
    assert '<th scope="row" class="nowrap">10702</th><td>請社會課研議擴大獨居長者關懷訪視範圍。</td>' in table
    assert page.count("請社會課研議擴大獨居長者關懷訪視範圍。") == 1  # not again as a paragraph
    # A short cell of a shape keeps its words whole (解除列管, never 解除列 / 管); free text wraps anywhere.
    assert '<td class="short">民政課</td>' in table and '<td class="short">解除列管</td>' in table


def test_the_tables_cost_the_meeting_page_no_query_per_table(client, recorder):
    second = "編號\t事由\t承辦單位\t執行情形\t建議\t主席裁示\n10501\t請民政課辦理。\t民政課\t已完成。\t建議解除列管\t解除列管\n"
    two_tables = TABLE_WORD.replace("臺北市大安區公所", "臺北市信義區公所").replace(
        "一、民政課報告：本月受理戶籍登記 1,204 件。\n", "一、民政課報告：本月受理戶籍登記 1,204 件。\n" + second
    )
    client.force_login(recorder)
    counts = []
    for text in (TABLE_WORD, two_tables):
        meeting = record_import(parse_minutes(text))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(meeting.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert RecordTable.objects.count() == 3
    assert counts[0] == counts[1] == 15


def test_a_cell_is_escaped_on_the_page(client, recorder):
    meeting = record_import(parse_minutes(TABLE_WORD))
    RecordTable.objects.filter(pk=RecordTable.objects.get().pk).update(
        rows=[["10701", "<b>粗體</b>", "民政課", "", "", "解除列管"]]
    )
    client.force_login(recorder)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "&lt;b&gt;粗體&lt;/b&gt;" in page and "<b>粗體</b>" not in page


@pytest.mark.parametrize("name", list(TABLE_RECORDS))
def test_the_pdf_prints_the_table_and_reads_back_with_the_same_table(name):
    parsed = parse_minutes(TABLE_RECORDS[name])
    meeting = record_import(parsed)
    text = pdftotext(documents.render_meeting_pdf(meeting))
    again = parse_minutes(text)
    before, after = parsed.sections[0].items[0].tables[0], again.sections[0].items[0].tables[0]
    assert after.headings == before.headings
    assert [row.case_number for row in after.rows] == [row.case_number for row in before.rows]
    assert [(row.unit, row.suggestion, row.decision) for row in after.rows] == [
        (row.unit, row.suggestion, row.decision) for row in before.rows
    ]


def test_a_signed_records_table_cannot_be_replaced(chair):
    meeting = record_import(parse_minutes(TABLE_WORD))
    sign_directly(meeting, chair)
    changed = TABLE_WORD.replace("民政課\t已完成評估報告", "社會課\t已完成評估報告")
    with pytest.raises(SignedRecordError):
        record_import(parse_minutes(changed), replace=True)
    assert RecordTable.objects.get().rows[0][2] == "民政課"


def test_replacing_a_draft_replaces_its_table_and_bumps_the_version():
    meeting = record_import(parse_minutes(TABLE_WORD))
    version = meeting.version
    changed = TABLE_WORD.replace("民政課\t已完成評估報告", "社會課\t已完成評估報告")
    record_import(parse_minutes(changed), replace=True)
    meeting.refresh_from_db()
    assert RecordTable.objects.get().rows[0][2] == "社會課"
    assert meeting.version == version + 1


def blocks(text: str) -> list[str]:
    """pdftotext's text as its blocks: runs of lines between empty ones, each joined (a cell wrapped in its
    column is one block), page numbers left out."""
    found = []
    for block in re.split(r"\n\s*\n", text):
        joined = "".join(line.strip() for line in block.strip("\f\n").splitlines())
        if joined and not re.fullmatch(r"第\d+頁／共\d+頁", joined.replace(" ", "")):
            found.append(joined)
    return found


def test_the_pdf_prints_a_ruled_table_that_reads_cell_by_cell_and_row_by_row():
    meeting = record_import(parse_minutes(TABLE_WORD))
    table = RecordTable.objects.get()
    html = documents.meeting_html(meeting)
    printed = html[html.index('<table class="record">') :]
    printed = printed[: printed.index("</table>")]
    assert printed.count("<th>") == len(table.headings)
    assert printed.count("<td>") == len(table.headings) * len(table.rows)
    # As pdftotext reads the document of record: every heading and every cell a block of its own, in order,
    # none wrapped where it would read as something else (a heading or a case number over two lines).
    found = blocks(pdftotext(documents.render_meeting_pdf(meeting)))
    # The first heading may close the block of the item's title above it.
    start = next(index for index, block in enumerate(found) if block.endswith(table.headings[0]))
    found[start] = table.headings[0]
    expected = [*table.headings, *(cell for row in table.rows for cell in row)]
    assert found[start : start + len(expected)] == [cell.replace("\n", "") for cell in expected]


def test_an_empty_cell_prints_as_a_dash_and_reads_back_empty():
    # The web table's second row has no suggestion: the PDF gives the cell a dash so that the row keeps all
    # its cells, and the dash reads back as no content.
    parsed = parse_minutes(TABLE_WEB)
    meeting = record_import(parsed)
    assert RecordTable.objects.get().rows[1][4] == ""
    text = pdftotext(documents.render_meeting_pdf(meeting))
    found = blocks(text)
    assert found[found.index("社會課、衛生所") + 2] == "—"
    [row] = [row for row in parse_minutes(text).sections[0].items[0].cases if row.case_number == "10702"]
    assert (row.suggestion, row.decision) == ("", "繼續列管")


def test_a_cell_of_several_points_keeps_them_and_no_point_is_taken_for_an_item():
    text = TABLE_WORD.replace(
        "已擬訂訪視計畫，預計5月起於3個里試辦。",
        "一、已擬訂訪視計畫，預計5月起於3個里試辦。二、試辦後檢討擴大至全區。",
    )
    parsed = parse_minutes(text)
    meeting = record_import(parsed)
    again = parse_minutes(pdftotext(documents.render_meeting_pdf(meeting)))
    assert flat(outline(again)) == flat(outline(parsed))
    assert again.sections[0].items[0].cases[1].progress.startswith("一、已擬訂訪視計畫")


def test_a_table_over_several_pages_reads_back_whole_with_no_row_split(chair):
    rows = "".join(
        f"107{n:02d}\t請第{n}課辦理第{n}項業務改善，並於下次會議提出檢討報告。\t第{n}課\t"
        f"已完成第一階段作業，第二階段預定{n % 12 + 1}月底前完成。\t建議繼續列管\t繼續列管\n"
        for n in range(1, 41)
    )
    text = re.sub(r"10701\t.*?(?=\n\S*決定：)", rows.rstrip("\n"), TABLE_WORD, count=1, flags=re.DOTALL)
    parsed = parse_minutes(text)
    assert len(parsed.sections[0].items[0].cases) == 40
    meeting = record_import(parsed)
    sign_directly(meeting, chair)
    pdf = documents.meeting_pdf_bytes(meeting)
    again = parse_minutes(pdftotext(pdf))
    assert [row.cells for row in again.sections[0].items[0].tables[0].rows] == [
        row.cells for row in parsed.sections[0].items[0].tables[0].rows
    ]
    # The header repeats on every page the table reaches, and each row stands on one page.
    pages = [pdftotext(pdf, first=page, last=page) for page in range(1, pdf_pages(pdf) + 1)]
    holding = [page for page in pages if "課辦理第" in page.replace("\n", "")]
    assert len(holding) >= 2
    assert all(sum(block.endswith("編號") for block in blocks(page)) == 1 for page in holding)
    for n in range(1, 41):
        [page] = [page for page in holding if f"\n107{n:02d}\n" in page]
        assert f"第{n}課辦理第{n}項" in page.replace("\n", "")
