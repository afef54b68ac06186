"""The signature block: room to sign or seal beside each printed name, and a sign-off line that never wraps
inside a word, whatever the time of day it was signed."""

import datetime as dt

import pytest
from django.utils import timezone
from weasyprint.formatting_structure.boxes import TableCellBox

from minutes import documents
from tests.documents.conftest import classes, pdftotext, rendered, sign_directly

pytestmark = pytest.mark.django_db

MM = 96 / 25.4  # CSS pixels per millimetre, WeasyPrint's unit


def at(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def lines(pdf: bytes) -> list[str]:
    return [line.strip() for line in pdftotext(pdf).splitlines()]


def all_boxes(document):
    for page in document.pages:
        yield from page._page_box.descendants()


# The time of day changes the width of the line, and so where a page width would cut it.
@pytest.mark.parametrize(
    ("when", "line"),
    [
        (at(2026, 12, 2, 5, 6), "本紀錄已於民國 115 年 12 月 2 日 5 時 6 分簽核（簽核人：陳志銘）。"),
        (at(2026, 12, 22, 15, 36), "本紀錄已於民國 115 年 12 月 22 日 15 時 36 分簽核（簽核人：陳志銘）。"),
        (at(2022, 1, 27, 15, 30), "本紀錄已於民國 111 年 1 月 27 日 15 時 30 分簽核（簽核人：陳志銘）。"),
    ],
    ids=["short-time", "long-time", "seed-time"],
)
def test_the_sign_off_line_is_one_line_without_stray_spaces(seed_meeting, chair, when, line):
    sign_directly(seed_meeting, chair, when)
    assert line in lines(documents.meeting_pdf_bytes(seed_meeting))


@pytest.mark.parametrize("when", [at(2026, 12, 2, 5, 6), at(2026, 12, 22, 15, 36)], ids=["short-time", "long-time"])
def test_a_sign_off_line_wider_than_the_page_wraps_only_between_its_two_phrases(seed_meeting, make_user, when):
    signer = make_user("acting", first_name="歐陽代理主席兼任臺北市政府秘書處副處長及發言人")
    sign_directly(seed_meeting, signer, when)
    text = lines(documents.meeting_pdf_bytes(seed_meeting))
    start = next(i for i, line in enumerate(text) if line.startswith("本紀錄已於"))
    signed = timezone.localtime(when)
    assert text[start : start + 2] == [
        f"本紀錄已於民國 {signed.year - 1911} 年 {signed.month} 月 {signed.day} 日 {signed.hour} 時 {signed.minute} 分簽核",
        "（簽核人：歐陽代理主席兼任臺北市政府秘書處副處長及發言人）。",
    ]


def test_the_sign_off_line_prints_markup_in_the_signers_name_as_its_characters(seed_meeting, make_user):
    signer = make_user("odd", first_name="陳<b>&amp;")
    sign_directly(seed_meeting, signer)
    assert "（簽核人：陳<b>&amp;）。" in "".join(lines(documents.meeting_pdf_bytes(seed_meeting)))


@pytest.mark.parametrize("signed", [False, True], ids=["draft", "signed"])
def test_each_printed_name_has_an_empty_box_beside_it_for_a_signature_or_seal(seed_meeting, chair, signed):
    if signed:
        sign_directly(seed_meeting, chair)
    cells = [box for box in all_boxes(rendered(seed_meeting)) if isinstance(box, TableCellBox)]
    names = [box for box in cells if "signer" in classes(box)]
    seals = [box for box in cells if "seal" in classes(box)]
    assert ["".join(box.element.itertext()) for box in names] == ["主席：陳志銘", "紀錄：葉霆怡"]
    assert len(seals) == 2
    for name, seal in zip(names, seals, strict=True):
        assert not "".join(seal.element.itertext()).strip()
        # Drawn on all four sides, large enough for a seal (職章) or a signature.
        sides = [seal.border_top_width, seal.border_right_width, seal.border_bottom_width, seal.border_left_width]
        assert min(sides) > 0
        assert seal.border_width() >= 40 * MM and seal.border_height() >= 15 * MM
        # Beside the name: to its right, on the same level.
        assert seal.border_box_x() >= name.border_box_x() + name.border_width() - 0.5
        assert seal.border_box_y() <= name.border_box_y() + name.border_height() / 2
        assert name.border_box_y() + name.border_height() / 2 <= seal.border_box_y() + seal.border_height()
