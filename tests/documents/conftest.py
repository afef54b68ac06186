"""Fixtures for the PDF tests: the seed meeting signed, and helpers around poppler's command-line tools."""

import datetime as dt
import re
import subprocess

import pytest
from django.utils import timezone

from minutes import documents

PAGE_FURNITURE = re.compile(r"第\s*\d+\s*頁\s*／\s*共\s*\d+\s*頁")


def pdftotext(pdf: bytes, *, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else [])]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def pdf_pages(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def large_words(pdf: bytes, page: int, *, min_height: float = 60) -> list[str]:
    """Words set far larger than body text on one page (a watermark), as pdftotext -bbox reports them."""
    out = pdftotext_bbox(pdf, page)
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)
    return [w for _, y0, _, y1, w in words if float(y1) - float(y0) >= min_height]


# The draft watermark's grey (print.css, scripts/make_draft_watermark.py), as pdftoppm renders it in grey scale.
WATERMARK_GREY = 0xEC


def watermark_pixels(pdf: bytes, page: int, *, dpi: int = 50) -> int:
    """How many pixels of one page, rendered, are exactly the watermark's grey (the watermark is drawn, not set
    as text). The edges of text, smoothed, give a few hundred of them on any page; the watermark, thousands."""
    args = ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-"]  # to standard output
    image = subprocess.run(args, input=pdf, capture_output=True, check=True).stdout
    # A binary PGM: "P5", width, height, maximum value, each followed by white space, then a byte a pixel.
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", image)
    pixels = image[header.end() :]
    return pixels.count(bytes([WATERMARK_GREY]))


def pdftotext_bbox(pdf: bytes, page: int) -> str:
    args = ["pdftotext", "-enc", "UTF-8", "-bbox", "-f", str(page), "-l", str(page), "-", "-"]
    return subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode()


def pdffonts(pdf: bytes) -> str:
    return subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def rendered(meeting, *extra_css: str):
    """The meeting laid out by WeasyPrint (pages and their boxes), optionally with rules added to the stylesheet."""
    from weasyprint import CSS, HTML

    stylesheets = [documents._stylesheet(), *(CSS(string=css) for css in extra_css)]
    html = HTML(string=documents.meeting_html(meeting))
    return html.render(stylesheets=stylesheets, font_config=documents._font_config())


def classes(box) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


def flow_per_page(document) -> list[list]:
    """Per page, the boxes of the record's flat run of paragraphs on it (a paragraph cut by the page is on both)."""
    pages = []
    for page in document.pages:
        [html_box] = [box for box in page._page_box.children if getattr(box, "element_tag", None) == "html"]
        [body] = [box for box in html_box.children if box.element_tag == "body"]
        pages.append([box for box in body.children if box.is_in_normal_flow()])
    return pages


def sign_directly(meeting, user, when=None):
    """Until the sign-off service is the only way, tests set the signed state as meeting_sign does."""
    meeting.status = meeting.Status.SIGNED
    meeting.signed_by = user
    meeting.signed_at = when or timezone.make_aware(dt.datetime(2022, 1, 27, 15, 30))
    meeting.save(update_fields=["status", "signed_by", "signed_at"])
    return documents.signed_record_create(meeting)


@pytest.fixture
def signed_seed(seed_meeting, chair):
    sign_directly(seed_meeting, chair)
    return seed_meeting
