"""The PDF of a meeting reads like the record: text, numbering, header, page numbers, signature, appendix."""

import re

import pytest

from minutes import documents
from minutes.models import Unit
from minutes.reader import parse_minutes
from tests.documents.conftest import (
    PAGE_FURNITURE,
    large_words,
    pdf_pages,
    pdftotext,
    sign_directly,
    watermark_pixels,
)
from tracking import lifecycle

pytestmark = pytest.mark.django_db


def normalised(text: str) -> str:
    """Compare as a reader would: no white space, one parenthesis width, no list dashes, no page furniture."""
    text = PAGE_FURNITURE.sub("", text)
    text = text.replace("（", "(").replace("）", ")")
    text = re.sub(r"^\s*-\s+", "", text, flags=re.MULTILINE)
    return re.sub(r"\s+", "", text)


def record_part(pdf_text: str) -> str:
    """The record itself: everything up to the adjournment, without the signature block and appendix after it."""
    end = pdf_text.index("散會")
    end = pdf_text.index(")", end) + 1
    return pdf_text[:end]


def test_signed_seed_exports_back_to_the_seed_text(signed_seed, seed_text):
    text = pdftotext(documents.meeting_pdf_bytes(signed_seed))
    assert normalised(record_part(text)) == normalised(seed_text)


def test_draft_seed_exports_back_to_the_seed_text_watermark_and_all(seed_meeting, seed_text):
    # The watermark is a picture: no character of it comes into the text.
    text = pdftotext(documents.render_meeting_pdf(seed_meeting))
    assert normalised(record_part(text)) == normalised(seed_text)


def test_every_page_carries_its_number_and_the_page_count(signed_seed):
    pdf = documents.meeting_pdf_bytes(signed_seed)
    total = pdf_pages(pdf)
    assert total >= 3
    for page in range(1, total + 1):
        furniture = PAGE_FURNITURE.findall(pdftotext(pdf, first=page, last=page))
        assert [re.sub(r"\s+", "", f) for f in furniture] == [f"第{page}頁／共{total}頁"]


# The appendix's title: not 附件：…, which would read as one of the record's own attachments.
APPENDIX_TITLE = re.compile(r"第\s*\d+\s*次\s*處務會議列管案件辦理情形及決定一覽表")


def appendix(pdf_text: str) -> str:
    """The appendix from its title on, without white space."""
    return re.sub(r"\s+", "", pdf_text[APPENDIX_TITLE.search(pdf_text).start() :])


def signature_block(pdf_text: str) -> str:
    """What follows the adjournment up to the appendix, without white space or page furniture."""
    tail = APPENDIX_TITLE.split(pdf_text[pdf_text.index("散會") :])[0]
    return re.sub(r"\s+", "", PAGE_FURNITURE.sub("", tail))


def test_signed_minutes_show_the_signer_and_time_in_the_signature_block(signed_seed):
    block = signature_block(pdftotext(documents.meeting_pdf_bytes(signed_seed)))
    for text in ("主席", "陳志銘", "紀錄", "葉霆怡", "已於民國111年1月27日15時30分簽核", "（簽核人：陳志銘）"):
        assert text in block


def test_draft_signature_block_says_it_is_not_signed_yet(seed_meeting):
    block = signature_block(pdftotext(documents.render_meeting_pdf(seed_meeting)))
    assert "尚未簽核" in block
    assert "簽核人" not in block


def test_draft_carries_the_watermark_on_every_page(seed_meeting):
    pdf = documents.render_meeting_pdf(seed_meeting)
    for page in range(1, pdf_pages(pdf) + 1):
        assert watermark_pixels(pdf, page) > 1400


@pytest.mark.parametrize("layout", [False, True])
def test_the_watermark_is_drawn_so_no_converter_reads_it_into_the_text(seed_meeting, seed_text, layout):
    # Set as text, 草 and 稿 fell between the lines (and between a table's cells, where they kept pdftotext
    # from seeing the grid); drawn as outlines, they are in no converter's text: only the record's own and
    # the draft's sign-off line (本紀錄為草稿…) hold them.
    pdf = documents.render_meeting_pdf(seed_meeting)
    text = pdftotext(pdf, layout=layout)
    assert text.count("本紀錄為草稿") == 1
    assert (text.count("草"), text.count("稿")) == (seed_text.count("草") + 1, seed_text.count("稿") + 1)
    assert all(large_words(pdf, page) == [] for page in range(1, pdf_pages(pdf) + 1))


def test_signed_minutes_carry_no_watermark(signed_seed):
    pdf = documents.meeting_pdf_bytes(signed_seed)
    for page in range(1, pdf_pages(pdf) + 1):
        assert watermark_pixels(pdf, page) < 700
    assert "草稿" not in pdftotext(pdf)


def test_header_shows_observers_and_absentees_when_present(seed_meeting):
    seed_meeting.observers = "林副秘書長"
    seed_meeting.absentees = "政風室劉主任"
    seed_meeting.save()
    text = re.sub(r"\s+", "", pdftotext(documents.render_meeting_pdf(seed_meeting)))
    assert "列席：林副秘書長" in text
    assert "請假：政風室劉主任" in text


def test_header_leaves_out_observers_and_absentees_when_empty(seed_meeting):
    text = pdftotext(documents.render_meeting_pdf(seed_meeting))
    assert "列席" not in text
    assert "請假" not in text


def test_tracked_conclusion_shows_its_case_number(seed_meeting):
    conclusion = seed_meeting.sections.get(number=3).items.get(order=3).conclusions.get(order=3)
    unit = Unit.objects.get(name="文書組")
    item = lifecycle.case_open(conclusion=conclusion, units=[unit])
    text = re.sub(r"\s+", "", pdftotext(documents.render_meeting_pdf(seed_meeting)))
    assert f"請文書組於一月底前將本處群組由Line移轉至TAIPEION即時通。(列管案號{item.case_number})" in text.replace(
        "（", "("
    ).replace("）", ")")


def test_appendix_lists_the_reviews_decided_at_the_meeting(signed_seed):
    table = appendix(pdftotext(documents.meeting_pdf_bytes(signed_seed)))
    for heading in ("案號", "案由", "主辦單位", "辦理情形", "會議決定"):
        assert heading in table
    cases = re.findall(r"(?<!\d)(?:99|10[0-9])\d{2}(?!\d)", table)
    assert cases == ["9903", "9904", "10502", "10606", "10701", "10702", "10703", "10704", "10705"]
    assert table.count("解除列管") == 5
    assert table.count("賡續列管") == 4


def test_appendix_says_when_the_record_holds_no_subject_for_an_old_case(signed_seed):
    table = appendix(pdftotext(documents.meeting_pdf_bytes(signed_seed)))
    # 9903 and the other cases older than the data have no subject: the cell says so rather than stay blank.
    assert table.count("（原紀錄未載）") == 9


def test_the_appendix_is_titled_apart_from_the_records_own_attachments(seed_meeting, chair):
    seed_meeting.attachments = "附件：簽到表"
    seed_meeting.save()
    sign_directly(seed_meeting, chair)
    pdf = documents.meeting_pdf_bytes(seed_meeting)
    last_page = pdftotext(pdf, first=pdf_pages(pdf), last=pdf_pages(pdf))
    assert APPENDIX_TITLE.search(last_page) and "附件" not in last_page
    # Read back, the record has its one attachment; the appendix is not taken for another.
    assert parse_minutes(pdftotext(pdf)).attachments == ["附件：簽到表"]


def test_meeting_without_reviews_has_no_appendix(seed_meeting):
    seed_meeting.reviews.all().delete()
    text = pdftotext(documents.render_meeting_pdf(seed_meeting))
    assert not APPENDIX_TITLE.search(text)
