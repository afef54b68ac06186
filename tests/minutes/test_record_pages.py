"""The pages hold for every record we have: the meeting page shows all of it, the paste import takes it."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from minutes import documents
from minutes.models import Meeting
from minutes.reader import line_of, parse_minutes
from minutes.reader.numerals import to_paren, to_zh, to_zh_formal
from minutes.services import numbering_template, record_import
from tests.documents.conftest import pdftotext
from tests.minutes.test_import_round_trip import meeting_outline
from tests.records import RECORDS, outline

pytestmark = pytest.mark.django_db


def shown(text: str) -> list[str]:
    """How a stored text appears in the page: escaped, a line break per line."""
    return [escape(line) for line in text.split("\n")]


def numbered(points: list[str], gap: str) -> list[str]:
    """A single point as its text; several each after its marker (一)(二)…, as the page sets them."""
    if len(points) == 1:
        return shown(points[0])
    fragments = []
    for number, point in enumerate(points, 1):
        first, *rest = shown(point)
        fragments += [f'<span class="marker">{to_paren(number)}</span>{gap}{first}', *rest]
    return fragments


def body_fragments(holder) -> list[str]:
    """A body's paragraphs as the page shows them; a table's lines as its headings and cells (a table of its own)."""
    in_tables = {line_of(row.cells[0]) or row.line for table in holder.tables for row in table.rows}
    in_tables |= {table.line for table in holder.tables}
    fragments = [line for paragraph in holder.body if line_of(paragraph) not in in_tables for line in shown(paragraph)]
    for table in holder.tables:
        fragments += [f'<th scope="col">{escape(heading)}</th>' for heading in table.headings]
        for row in table.rows:
            fragments += [f'<th scope="row" class="nowrap">{escape(row.cells[0])}</th>']
            fragments += [f">{escape(cell)}</td>" for cell in row.cells[1:]]  # <td> or <td class="short">
    return fragments


def expected_fragments(parsed) -> list[str]:
    """Every numbered heading and every text of the record, as the page must contain them."""
    fragments = []
    for section in parsed.sections:
        fragments.append(f"{to_zh_formal(section.number)}、{escape(section.title)}")
        fragments += body_fragments(section)
        holders = [(section, section.conclusion)]
        for item in section.items:
            if numbering_template(item):  # 提案一, 第一案, 案由一: numbered as the record numbers it
                fragments += [escape(item.wording.numbering), escape(item.title)]
            else:
                fragments.append(f"{to_zh(item.number)}、{escape(item.title)}")
            fragments += body_fragments(item)
            for report in item.reports:
                fragments.append(f"{escape(report.heading)}{escape(report.label)}：")
                fragments += numbered(report.points, " ")
            holders.append((item, item.conclusion))
        for _holder, conclusion in holders:
            if conclusion is not None:
                fragments.append(f"{escape(conclusion.label)}：")
                fragments += numbered(conclusion.points, "")
    for attachment in parsed.attachments:
        fragments += shown(attachment)
    return fragments


@pytest.mark.parametrize("name", RECORDS)
def test_meeting_page_shows_every_heading_conclusion_and_point(name, client, recorder) -> None:
    parsed = parse_minutes(RECORDS[name])
    meeting = record_import(parsed)
    client.force_login(recorder)
    page = client.get(meeting.get_absolute_url()).content.decode()
    missing = [fragment for fragment in expected_fragments(parsed) if fragment not in page]
    assert missing == []


@pytest.mark.parametrize("name", RECORDS)
def test_paste_import_saves_each_record_as_a_draft(name, client, recorder) -> None:
    client.force_login(recorder)
    response = client.post(reverse("minutes:meeting-import"), {"text": RECORDS[name], "action": "save"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert meeting.status == Meeting.Status.DRAFT
    assert meeting_outline(meeting) == outline(parse_minutes(RECORDS[name]))


def test_paste_import_preview_lists_the_attachments_it_keeps(client, recorder) -> None:
    client.force_login(recorder)
    response = client.post(reverse("minutes:meeting-import"), {"text": RECORDS["fire"], "action": "preview"})
    body = response.content.decode()
    assert "二、113 年第 1 季救災救護統計表" in body and "本紀錄" not in body
    assert not Meeting.objects.exists()


def test_paste_import_says_what_to_remove_after_the_adjournment(client, recorder) -> None:
    client.force_login(recorder)
    text = RECORDS["fire"] + "另請各科室於下週提報資料。\n"
    response = client.post(reverse("minutes:meeting-import"), {"text": text, "action": "save"})
    assert response.status_code == 400
    assert "請刪除「另請各科室於下週提報資料。」" in response.content.decode()
    assert not Meeting.objects.exists()


def test_meeting_page_shows_only_the_date_when_the_record_gave_no_time(client, recorder) -> None:
    text = RECORDS["seed"].replace("時間：民國 111 年 1 月 20 日 10 時 0 分", "時間：111年1月20日")
    meeting = record_import(parse_minutes(text))
    client.force_login(recorder)
    page = client.get(meeting.get_absolute_url()).content.decode()
    # The date as the record wrote it (the record's own words), without an invented time.
    assert "<dd>111年1月20日</dd>" in page and "0 時 0 分" not in page


def test_paste_import_reads_the_text_of_this_apps_own_pdf(client, recorder) -> None:
    meeting = record_import(parse_minutes(RECORDS["fire"]))
    pdf = documents.render_meeting_pdf(meeting)
    text = pdftotext(pdf)
    client.force_login(recorder)
    response = client.post(reverse("minutes:meeting-import"), {"text": text, "action": "preview"})
    assert response.status_code == 200 and "error" not in response.context
    assert "二、113 年第 1 季救災救護統計表" in response.context["outline"]
