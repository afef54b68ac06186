"""The record is set in a real, embedded CJK font, subset fast with HarfBuzz rather than fontTools."""

import io
import logging
import re
import subprocess

import pytest
from fontTools.ttLib import TTFont

from minutes import documents
from tests.documents.conftest import pdf_pages, pdffonts, rendered

pytestmark = pytest.mark.django_db


def font_rows(pdf: bytes) -> list[list[str]]:
    lines = pdffonts(pdf).splitlines()[2:]
    return [line.split() for line in lines if line.strip()]


def test_a_cjk_font_is_embedded(seed_meeting):
    rows = font_rows(documents.render_meeting_pdf(seed_meeting))
    cjk = [row for row in rows if "CJK" in row[0]]
    assert cjk, rows
    # Columns from the right: object id (2), uni, sub, emb.
    assert all(row[-5] == "yes" for row in cjk)


def test_every_font_in_the_record_is_noto_serif_cjk_so_no_glyph_fell_back(seed_meeting):
    rows = font_rows(documents.render_meeting_pdf(seed_meeting))
    names = {re.sub(r"^[A-Z]{6}\+", "", row[0]) for row in rows}
    assert names <= {"Noto-Serif-CJK-TC", "Noto-Serif-CJK-TC-Bold"}, names


def test_rendering_does_not_fall_back_to_fonttools_for_subsetting(seed_meeting, caplog):
    # Without libharfbuzz-subset0 WeasyPrint warns that it uses fontTools, and a CJK record takes ~40x longer.
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        documents.render_meeting_pdf(seed_meeting)
    assert not [r for r in caplog.records if "fonttools" in r.getMessage().lower()]


def test_harfbuzz_subset_library_is_loaded():
    from weasyprint.text import ffi

    assert ffi.harfbuzz_subset is not None


def test_the_bold_face_of_the_same_family_is_embedded_as_a_subset(seed_meeting):
    rows = font_rows(documents.render_meeting_pdf(seed_meeting))
    bold = [row for row in rows if re.sub(r"^[A-Z]{6}\+", "", row[0]) == "Noto-Serif-CJK-TC-Bold"]
    assert bold, rows
    # Columns from the right: object id (2), uni, sub, emb; a subset's name starts with six letters and a +.
    assert all(row[-5] == "yes" and row[-4] == "yes" and re.match(r"^[A-Z]{6}\+", row[0]) for row in bold)


def set_in(document, *, bold: bool) -> str:
    """All the text set in the bold face (or in the regular one), without spaces and word joiners."""
    from weasyprint.formatting_structure.boxes import TextBox

    texts = [
        box.text
        for page in document.pages
        for box in page._page_box.descendants()
        if isinstance(box, TextBox) and (box.style["font_weight"] >= 600) == bold
    ]
    return re.sub(r"[\s\u2060]", "", "".join(texts))


def test_headings_and_labels_are_bold_and_the_record_text_is_not(seed_meeting):
    document = rendered(seed_meeting)
    bold, regular = set_in(document, bold=True), set_in(document, bold=False)
    for heading in (
        "臺北市政府秘書處第108次處務會議紀錄",  # title
        "壹、宣讀110年12月16日第107次處務會議紀錄。",  # section
        "參、報告事項",
        "一、宣達市政會議裁指示事項。",  # item
        "文書組高組長補充報告：",  # report heading
        "會議結論：",  # conclusion label
    ):
        assert heading in bold, heading
    # A one-line conclusion: its label bold, its text not.
    assert "會議結論：紀錄確定" not in bold and "紀錄確定" in regular
    for text in ("時間：民國111年1月20日10時0分", "(一)同意備查。", "散會(10時45分)", "主席：陳志銘"):
        assert text in regular and text not in bold
    assert "會議結論：" not in regular and "補充報告：" not in regular


def font_programs(pdf: bytes) -> dict[str, tuple[str, bytes]]:
    """Each embedded font's name, with the filter of its font program and the program inflated (read by pyHanko)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf))
    programs = {}
    for page in reader.root["/Pages"]["/Kids"]:
        fonts = page.get_object()["/Resources"]["/Font"]
        for font in (fonts[name] for name in fonts):
            descriptor = font["/DescendantFonts"][0]["/FontDescriptor"]
            stream = descriptor["/FontFile3"]
            programs[re.sub(r"^/[A-Z]{6}\+", "", str(font["/BaseFont"]))] = (str(stream["/Filter"]), stream.data)
    return programs


@pytest.mark.parametrize("signed", [False, True], ids=["draft", "signed"])
def test_both_faces_are_embedded_as_deflated_opentype_subsets_that_poppler_draws(
    seed_meeting, chair, signed, tmp_path
):
    from tests.documents.conftest import sign_directly

    if signed:
        sign_directly(seed_meeting, chair)
    pdf = documents.meeting_pdf_bytes(seed_meeting)
    programs = font_programs(pdf)
    assert set(programs) == {"Noto-Serif-CJK-TC", "Noto-Serif-CJK-TC-Bold"}
    for filter_, program in programs.values():
        assert filter_ == "/FlateDecode"
        assert "CFF " in TTFont(io.BytesIO(program))
    args = ["pdftoppm", "-r", "20", "-png", "-", tmp_path / "page"]
    drawn = subprocess.run(args, input=pdf, capture_output=True, check=True)
    assert not drawn.stderr, drawn.stderr.decode()
    assert len(list(tmp_path.glob("page-*.png"))) == pdf_pages(pdf)


def test_the_records_two_faces_are_subset_in_one_pass_and_weasyprint_elsewhere_as_it_comes(
    seed_meeting, monkeypatch
):
    from weasyprint import HTML

    from minutes import font_embedding

    subset = font_embedding.subset_in_one_pass
    faces = []

    def spy(font, to_unicode, hinting):
        faces.append(font.family)
        return subset(font, to_unicode, hinting)

    monkeypatch.setattr(font_embedding, "subset_in_one_pass", spy)
    documents.render_meeting_pdf(seed_meeting)
    assert sorted(faces) == ["Noto Serif CJK TC", "Noto Serif CJK TC"]  # regular and bold
    faces.clear()
    HTML(string="<p style=\"font-family: 'Noto Serif CJK TC'\">臺北市政府秘書處。</p>").write_pdf()
    assert faces == []
