"""The record is set in a real, embedded CJK font, subset fast with HarfBuzz rather than fontTools."""

import logging
import re

import pytest

from minutes import documents
from tests.documents.conftest import pdffonts

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
