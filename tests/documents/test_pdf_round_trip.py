"""The strongest check of the chain: text → database → PDF → pdftotext → parser gives back the same record.

Every record we hold (the seed and those of other offices) is imported, rendered as the document of record,
turned back into text by pdftotext and parsed again; the two parses must say the same, apart from white
space and parenthesis width. The parser itself drops the page numbers, the signature
block after 散會 and the appendix of reviewed tracked items (a table made again from the tracked items).
"""

import re

import pytest

from minutes import documents
from minutes.models import Conclusion, Unit
from minutes.reader import parse_minutes
from minutes.services import record_import
from tests.documents.conftest import pdftotext, sign_directly
from tests.records import RECORDS, crowded, outline, padded
from tracking import lifecycle

pytestmark = pytest.mark.django_db


def flat(value, path: str = "") -> dict:
    """An outline as {path: value}, strings without spaces and with one parenthesis width.

    Line breaks are kept: in a body they separate its paragraphs, in a point its 1. 2. lines. Flat, so
    that a failure names the exact field that came back different.
    """
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in flat(item, f"{path}.{key}").items()}
    if isinstance(value, list):
        found = {f"{path}#": len(value)}
        for index, item in enumerate(value):
            found.update(flat(item, f"{path}[{index}]"))
        return found
    if isinstance(value, str):
        value = re.sub(r"[^\S\n]+", "", value).replace("（", "(").replace("）", ")")
    return {path: value}


# Every record but one: a progress table saved as text keeps a paragraph per row on import (its cells are
# separated by tabs), but printed rows end without punctuation and pdftotext gives no tabs back, so the rows
# read back as one paragraph. The import round trip still covers that record.
PRINTABLE = [name for name in RECORDS if name != "zhongli-district-table"]


@pytest.mark.parametrize("name", PRINTABLE)
def test_record_exported_to_pdf_reads_back_as_the_same_record(name: str, chair) -> None:
    parsed = parse_minutes(RECORDS[name])
    meeting = record_import(parsed)
    sign_directly(meeting, chair)
    text = pdftotext(documents.meeting_pdf_bytes(meeting))
    assert flat(outline(parse_minutes(text))) == flat(outline(parsed))


@pytest.mark.parametrize("name", ["seed", "fire"])
def test_draft_exported_to_pdf_reads_back_as_the_same_record(name: str) -> None:
    parsed = parse_minutes(RECORDS[name])
    meeting = record_import(parsed)
    text = pdftotext(documents.render_meeting_pdf(meeting))
    assert "本紀錄為草稿" in text
    assert flat(outline(parse_minutes(text))) == flat(outline(parsed))


@pytest.mark.parametrize("pad", range(0, 36, 3))
def test_a_printed_line_never_starts_with_what_reads_as_a_heading(pad: int, chair) -> None:
    # (二), 1., 決議：, 說明：, …報告 inside sentences: wherever the page width cuts them, they stay text.
    parsed = parse_minutes(crowded(pad))
    meeting = record_import(parsed)
    sign_directly(meeting, chair)
    text = pdftotext(documents.meeting_pdf_bytes(meeting))
    assert flat(outline(parse_minutes(text))) == flat(outline(parsed))


@pytest.mark.parametrize("name", PRINTABLE)
def test_a_draft_read_with_pdftotext_layout_reads_back_as_the_same_record(name: str) -> None:
    # -layout keeps the page's columns (a ruled table's among them, a character to a column), and a long
    # chair's name wraps inside the narrow signature column.
    parsed = parse_minutes(RECORDS[name])
    meeting = record_import(parsed)
    text = pdftotext(documents.render_meeting_pdf(meeting), layout=True)
    assert flat(outline(parse_minutes(text))) == flat(outline(parsed))


@pytest.mark.parametrize("pad", [10, 25, 27])
@pytest.mark.parametrize("name", PRINTABLE)
def test_record_with_longer_paragraphs_reads_back_as_the_same_record(name: str, pad: int) -> None:
    # Titles that fill a printed line exactly, attachments that wrap, points cut elsewhere.
    parsed = parse_minutes(padded(RECORDS[name], pad))
    meeting = record_import(parsed)
    text = pdftotext(documents.render_meeting_pdf(meeting))
    assert flat(outline(parse_minutes(text))) == flat(outline(parsed))


def test_a_record_that_gives_only_its_date_is_printed_without_a_time() -> None:
    text = RECORDS["seed"].replace(
        "時間：民國 111 年 1 月 20 日 10 時 0 分", "時間：民國 111 年 1 月 20 日（星期四）"
    )
    parsed = parse_minutes(text)
    meeting = record_import(parsed)
    pdf_text = pdftotext(documents.render_meeting_pdf(meeting))
    # Printed as the record wrote it, weekday included (the record's own words), and without an invented time.
    assert "時間：民國 111 年 1 月 20 日（星期四）\n" in pdf_text and "0 時 0 分" not in pdf_text
    assert flat(outline(parse_minutes(pdf_text))) == flat(outline(parsed))


@pytest.mark.parametrize(("name", "pad"), [("fire", 0), ("fire", 25), ("seed", 21), ("university", 3)])
def test_tracked_conclusions_read_back_with_their_case_numbers_apart(name: str, pad: int, recorder) -> None:
    # Every conclusion tracked; at these paddings a mark falls at the end of a printed line.
    parsed = parse_minutes(padded(RECORDS[name], pad))
    meeting = record_import(parsed)
    unit = Unit.objects.create(name="測試組")
    conclusions = Conclusion.objects.filter(section__meeting=meeting).select_related("section", "item")
    ordered = sorted(conclusions, key=lambda c: (c.section.order, c.item.order if c.item_id else 0, c.order))
    opened = [lifecycle.case_open(conclusion=c, units=[unit], user=recorder).case_number for c in ordered]
    text = pdftotext(documents.render_meeting_pdf(meeting))
    again = parse_minutes(text)
    assert flat(outline(again)) == flat(outline(parsed))
    marks = [
        number
        for section in again.sections
        for holder in [section, *section.items]
        if holder.conclusion is not None
        for number in holder.conclusion.case_numbers
    ]
    assert sorted(marks) == sorted(opened)


def test_a_report_heading_with_a_note_in_parentheses_reads_back_as_written() -> None:
    text = RECORDS["seed"].replace("文書組高組長補充報告：", "文書組高組長（代理）補充報告：")
    parsed = parse_minutes(text)
    meeting = record_import(parsed)
    pdf_text = pdftotext(documents.render_meeting_pdf(meeting))
    assert "文書組高組長（代理）補充報告：" in pdf_text
    assert flat(outline(parse_minutes(pdf_text))) == flat(outline(parsed))
