"""Tables of tracked cases stored with the record: headings as written and rows of cells, in place in their
item's body; shown as a table on the meeting page, printed a row to a line in the PDF, read back the same, and
frozen with the rest of a signed record."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from minutes import documents
from minutes.errors import SignedRecordError
from minutes.models import RecordTable
from minutes.reader import parse_minutes
from minutes.services import record_import
from tests.documents.conftest import pdftotext, sign_directly
from tests.records import TABLE_RECORDS, TABLE_WORD
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


def test_a_table_stands_after_the_paragraphs_that_precede_it_in_the_body():
    text = TABLE_WORD.replace("編號\t事由", "各單位辦理情形如下表：\n編號\t事由", 1)
    record_import(parse_minutes(text))
    table = RecordTable.objects.get()
    assert (table.item.body, table.position) == ("各單位辦理情形如下表：", 1)
    assert [kind for kind, _ in table.item.body_parts] == ["text", "table"]


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
