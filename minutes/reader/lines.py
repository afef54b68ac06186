"""Preparing a record's lines: what the converter added goes (page furniture), what it cut is marked."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from minutes.reader.rules import (
    INNER_BREAK_RE,
    MERGED_WATERMARK_RE,
    PAGE_NUMBER_RE,
    PARAGRAPH_END,
    SPACES,
    SUB_MARKER_RE,
    TABLE_HEADINGS,
    TABLE_ROW_RE,
    TITLE_END,
    TITLE_RE,
    clean_line,
    compact_text,
    is_carrier,
    is_furniture,
    unspaced,
)


def join_lines(
    previous: str, following: str, wrapped: bool = False, glue: str | None = None, spaced: bool = False
) -> str:
    """Joins a continuation line to what came before it, the way the text was before it was wrapped.

    `wrapped`: the previous line was cut at the page width, so even a full stop there ends no paragraph.
    `glue`: what stood at the cut when the text was cut at an exact character count ("" or " ").
    `spaced`: a space stood at the cut (end of one line, start of the next), kept next to a number or a
    Latin word.
    """
    if not previous or not following:
        return previous or following
    if glue is not None:
        return previous + glue + following
    if SUB_MARKER_RE.match(following) or (previous[-1] in PARAGRAPH_END and not wrapped):
        return previous + "\n" + following
    # CJK text has no spaces between words; only two Latin words or numbers need one back.
    latin_before = previous[-1].isascii() and previous[-1].isalnum()
    latin_after = following[0].isascii() and following[0].isalnum()
    if (latin_before and latin_after) or (spaced and (latin_before or latin_after)):
        return previous + " " + following
    return previous + following


# ---------------------------------------------------------------------------------------------------------
# Preparing the lines: what the converter added goes, what it cut is marked.


@dataclass
class Line:
    number: int  # 1-based line in the original text
    text: str
    full: bool = False  # as long as the page is wide: the converter may have cut it in mid-sentence
    # Cut at an exact character count (a naive hard wrap), so a Latin word or a number may be split and
    # a space at the cut survives at the end of this line or the start of the next.
    exact: bool = False
    raw_length: int = 0
    space_before: bool = False
    space_after: bool = False
    # A table row as Word "save as text" writes it, cells separated by tabs: a paragraph of its own.
    row: bool = False
    raw: str = ""  # as the converter wrote it, spaces and tabs kept: the columns of a table laid out in text
    blank_before: bool = False  # an empty line stood above it
    table: bool = False  # part of a table (see tables.find_tables)

    @property
    def indent(self) -> int:
        """How far the line starts from the left margin, in columns (a CJK character is two)."""
        stripped = self.raw.lstrip(" \t\u3000\xa0")
        return display_width(self.raw[: len(self.raw) - len(stripped)].expandtabs(8))


# A forwarded or replied e-mail quotes the record with > before every line.
_QUOTED_RE = re.compile(r"^[ \t]*(?:>[ \t]?)+")


def prepare(text: str) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    physicals = text.split("\n")
    filled = [line for line in physicals if line.strip()]
    if filled and sum(bool(_QUOTED_RE.match(line)) for line in filled) * 5 >= len(filled) * 3:
        physicals = [_QUOTED_RE.sub("", line) for line in physicals]
    lines = []
    blank = False
    for number, physical in enumerate(physicals, 1):
        for part in INNER_BREAK_RE.split(physical):
            part = MERGED_WATERMARK_RE.sub("", part)
            cleaned = unspaced(clean_line(part))
            if cleaned:
                spaced = part.translate(SPACES)
                lines.append(
                    Line(
                        number,
                        cleaned,
                        raw_length=len(spaced),
                        space_before=spaced[0].isspace(),
                        space_after=spaced[-1].isspace(),
                        row=TABLE_ROW_RE.search(part) is not None,
                        raw=part,
                        blank_before=blank,
                    )
                )
                blank = False
            else:
                blank = True
    return lines


# A date beside a title repeated as a running header: 113.03.05, 113年3月5日(星期二), 2024/03/05.
_HEADER_DATE_RE = re.compile(
    r"^(?:中華民國|民國)?\d{2,4}[.年/-]\d{1,2}[.月/-]\d{1,2}日?(?:[(（](?:星期|週)?[一二三四五六日天][)）])?$"
)


def drop_furniture(lines: list[Line]) -> list[Line]:
    """Drops page numbers, a draft's watermark, and the title when it comes back as a running header
    (alone, or with the page number or the meeting's date beside it), on any page."""
    kept_lines: list[Line] = []
    block = ""  # the lines since the last empty one, joined: a cell of a ruled table wrapped in its column
    numbered = False  # a table's header has named a column of row numbers (序號, 項次)
    for line in lines:
        above, block = block, "" if line.blank_before else block
        numbered = numbered or TABLE_HEADINGS.get(compact_text(line.text)) == "index"
        bare = _BARE_NUMBER_RE if not numbered else _ROW_NUMBER_RE
        if is_furniture(line.text) and not (
            bare.match(line.text)
            and kept_lines
            and (_ends_a_cell(kept_lines[-1].text) or (line.blank_before and _ends_a_cell(above)))
        ):
            continue
        kept_lines.append(line)
        block += line.text
    lines = kept_lines
    title_index = next(
        (i for i, line in enumerate(lines) if TITLE_RE.match(line.text) and not is_carrier(line.text)), None
    )
    if title_index is None:
        return lines
    title = compact_text(lines[title_index].text)
    forms = [title]
    organisation = ""
    match = TITLE_RE.match(lines[title_index].text)
    if match is not None and not match.group("org").strip() and title_index > 0:
        organisation = compact_text(lines[title_index - 1].text)
        forms.insert(0, organisation + title)

    longest = max(len(form) for form in forms) + _LONGEST_BESIDE

    def running_header(text: str) -> bool:
        if len(text) > longest * 2:  # spaces count in the line, not in the forms
            return False
        compact = compact_text(text)
        for form in forms:
            if compact == form:
                return True
            if compact.startswith(form) and _furniture_beside(compact[len(form) :]):
                return True
            if compact.endswith(form) and _furniture_beside(compact[: -len(form)]):
                return True
        return False

    # A running header above the title on the first page (…紀錄 113.03.05), never the title line itself.
    kept = [line for line in lines[:title_index] if not running_header(line.text)]
    kept.append(lines[title_index])
    rest = lines[title_index + 1 :]
    index = 0
    while index < len(rest):
        if running_header(rest[index].text):
            index += 1
        elif (
            organisation
            and compact_text(rest[index].text) == organisation
            and index + 1 < len(rest)
            and running_header(rest[index + 1].text)
        ):
            index += 2
        else:
            kept.append(rest[index])
            index += 1
    return kept


# A bare number is a page number, except as the case number (or the row number) that opens a row of a table
# copied one cell to a line (a web page) or printed a cell to a block (this app's PDF): right after the header
# row's last heading, or after the row above's decision (wrapped in its column: 解除列 / 管).
_BARE_NUMBER_RE = re.compile(r"^[0-9０-９]{3,4}$")
# Once a header has named a column of row numbers, a row's number (1, 2, …) opens it there too.
_ROW_NUMBER_RE = re.compile(r"^[0-9０-９]{1,4}$")
_CELL_END_RE = re.compile(r"(?:列管|結案|銷案|存查|備查)[。]?$")


def _ends_a_cell(text: str) -> bool:
    return compact_text(text).strip("：:") in TABLE_HEADINGS or _CELL_END_RE.search(text) is not None


_LONGEST_BESIDE = 24  # what stands beside a running title: 第 12 頁，共 40 頁, 113年3月5日(星期二)


def _furniture_beside(text: str) -> bool:
    return bool(PAGE_NUMBER_RE.match(text) or _HEADER_DATE_RE.match(text))


@functools.cache
def _wide_characters() -> re.Pattern[str]:
    """One class of every character East Asian typesetting sets two columns wide (W and F), as ranges: one
    regex finds them all in C, where asking unicodedata of each character took most of a parse."""
    ranges, start = [], None
    for code in range(0x40001):
        wide = code < 0x40000 and unicodedata.east_asian_width(chr(code)) in "WF"
        if wide and start is None:
            start = code
        elif not wide and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile(f"[{''.join(ranges)}]")


def display_width(text: str) -> int:
    """Columns the text takes in a fixed-width layout: a CJK character is two."""
    return len(text) if text.isascii() else len(text) + len(_wide_characters().findall(text))


def wrap_width(widths: list[int], open_ends: list[bool], tolerance: int) -> int | None:
    """The page width a converter wrapped the text at, or None when the lines were not hard-wrapped.

    Wrapped text has many lines within a few characters of one width, most of them ending mid-sentence;
    a record with one paragraph per line has long lines of all lengths instead.
    """
    if not widths:
        return None
    top = max(widths)
    count = [0] * (top + 2)
    open_count = [0] * (top + 2)
    for width, is_open in zip(widths, open_ends, strict=True):
        count[width] += 1
        open_count[width] += is_open
    # at_least[w]: lines at least w wide.
    at_least = [0] * (top + 2)
    open_at_least = [0] * (top + 2)
    for width in range(top, -1, -1):
        at_least[width] = at_least[width + 1] + count[width]
        open_at_least[width] = open_at_least[width + 1] + open_count[width]
    for width in range(top, 15, -1):
        if count[width] == 0:
            continue
        low = max(width - tolerance, 0)
        near = at_least[low] - at_least[width + 1]
        near_open = open_at_least[low] - open_at_least[width + 1]
        longer = at_least[width + 1]
        long_lines = at_least[width // 2]
        # Lines cut at exactly one length (tolerance 0) are evidence enough; near lengths must be common.
        common = tolerance == 0 or near * 4 >= long_lines
        if near >= 3 and longer * 4 <= near and common and near_open * 2 >= near:
            return width
    return None


def mark_full(lines: list[Line]) -> list[Line]:
    """Marks the lines the converter cut at the page width; a table's lines tell nothing of the width."""
    text_lines = [line for line in lines if not line.table]
    open_ends = [line.text[-1] not in TITLE_END for line in text_lines]
    chars = [len(line.text) for line in text_lines]
    columns = [display_width(line.text) for line in text_lines]
    # Counted in characters (a converter that wraps at N characters) and in columns, where a CJK
    # character is two (a PDF line holds fewer characters when they are all wide).
    by_chars = wrap_width(chars, open_ends, 3)
    by_columns = wrap_width(columns, open_ends, 5)
    exactly = wrap_width([line.raw_length for line in text_lines], open_ends, 0)
    for line, length, width in zip(text_lines, chars, columns, strict=True):
        line.exact = line.raw_length == exactly
        line.full = (
            line.exact
            or (by_chars is not None and length >= by_chars - 3)
            or (by_columns is not None and width >= by_columns - 5)
        )
    return lines
