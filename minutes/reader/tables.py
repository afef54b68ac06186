"""Tables of tracked cases (案號 | 案由 | 主辦單位 | 辦理情形 | 列管建議 | 決定), read as one block in the three ways
they reach text: cells separated by tabs (Word), columns aligned with spaces and cells wrapped over lines with
the header repeated after a page break (pdftotext -layout), and one cell per line (a web page, or a Word table
copied from a browser); and as this app's PDF prints one, a ruled table that pdftotext reads a cell to a block
(or, before tables were ruled, a row to a paragraph), so that a record read back from its PDF keeps its rows.

Like a Python-Markdown block processor, each form has a test (does a header row of known headings start here?)
and a run (read the rows up to where the table ends); the reader asks find_tables before it reads any line, so
no line of a table is taken for a heading of its own (a heading 決定 is never a conclusion's label).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from minutes.reader import sentences
from minutes.reader.casenumbers import read_case_number
from minutes.reader.lines import Line, display_width, join_lines
from minutes.reader.rules import (
    RULE,
    TABLE_HEADINGS,
    UNIT_SUFFIXES,
    clean_line,
    compact_text,
    kind_ahead,
)

# A table's header needs the case number and at least two other columns it knows.
_MIN_KNOWN = 3
# The share of cells under their headings that says the columns were counted a character each.
_ALIGNED = 0.8
_GAP_RE = re.compile(r"(?:[ \u3000\xa0]{2,}|\t)+")
_CELL_NUMBER_RE = re.compile(
    r"^(?:列管|追蹤|管制)?(?:案號)?\s*第?\s*(?P<number>[A-Za-z0-9０-９Ａ-Ｚ\-－‐]{3,12})\s*(?:號|案)?$"
)


@dataclass
class FoundTable:
    start: int  # index of the header line among the reader's lines
    end: int  # index after the table's last line
    form: str  # "tabs", "layout", "cells" or "flat"
    headings: list[str]
    columns: list[str]
    line: int  # the header's line in the text
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, cells)
    aligned: float = 0.0  # the share of a row's first cells that start where their headings do (layout form)


def heading_of(cell: str) -> str | None:
    """The column a header cell names (案號 → case_number, 執行情形 → progress), or None."""
    return TABLE_HEADINGS.get(compact_text(cell).strip("：:"))


def _is_header(cells: list[str]) -> bool:
    columns = [heading_of(cell) for cell in cells if cell]
    return (
        len(columns) >= _MIN_KNOWN
        and all(columns)
        and ("case_number" in columns or "index" in columns)
        and len(set(columns)) == len(columns)
    )


def cell_case_number(cell: str) -> str | None:
    """The case number a cell holds as written (第1130305-1號 → 1130305-1), or None."""
    match = _CELL_NUMBER_RE.match(cell.strip())
    if match is None:
        return None
    number = match.group("number")
    return number if read_case_number(number) is not None or number.isdigit() else None


def find_tables(lines: list[Line]) -> dict[int, FoundTable]:
    """Every table of tracked cases among the lines, by the index of its header; its lines are marked."""
    found: dict[int, FoundTable] = {}
    index = 0
    header = RULE["table_header"]
    while index < len(lines):
        # The test of the block: a line of headings (cheap); the run of each form reads the rows.
        if header.matches(lines[index].text) is None:
            index += 1
            continue
        table = (
            _tabs(lines, index)
            or _layout(lines, index)
            or _blocks(lines, index)
            or _cells(lines, index)
            or _flat(lines, index)
        )
        if table is None or not table.rows:
            index += 1
            continue
        # A dash alone says the cell is empty, whoever printed it (this app's PDF does).
        table.rows = [(number, [_cell(cell) for cell in cells]) for number, cells in table.rows]
        for line in lines[table.start : table.end]:
            line.table = line.row = True
        found[table.start] = table
        index = table.end
    return found


def _columns(cells: list[str]) -> list[str]:
    columns = [heading_of(cell) or "" for cell in cells]
    # 序號 numbers the rows when the table also has a case number; alone, it is the case number.
    if "case_number" not in columns:
        columns = ["case_number" if column == "index" else column for column in columns]
    return columns


def _ends_table(line: Line) -> bool:
    """A line that opens a part of the record (a section, an item, a conclusion…) ends a table."""
    return kind_ahead(line.text) is not None or RULE["adjournment"].matches(line.text) is not None


# -- Word: cells separated by tabs ------------------------------------------------------------------------


def _tab_cells(line: Line) -> list[str]:
    return [clean_line(cell) for cell in line.raw.split("\t")]


def _tabs(lines: list[Line], start: int) -> FoundTable | None:
    header = lines[start]
    if "\t" not in header.raw or not _is_header(cells := [cell for cell in _tab_cells(header) if cell]):
        return None
    table = FoundTable(start, start + 1, "tabs", cells, _columns(cells), header.number)
    width = len(cells)
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if "\t" in line.raw:
            row = _tab_cells(line)
            if _is_header([cell for cell in row if cell]):
                index += 1  # the header again, after a page break
                continue
            if table.rows and len(table.rows[-1][1]) < width:
                # A cell with a line break inside it: its row goes on on this line.
                previous = table.rows[-1][1]
                previous[-1] = join_lines(previous[-1], row[0]) if previous[-1] else row[0]
                previous.extend(row[1:])
            else:
                table.rows.append((line.number, row))
        elif table.rows and len(table.rows[-1][1]) < width and not _ends_table(line):
            previous = table.rows[-1][1]
            previous[-1] = join_lines(previous[-1], line.text) if previous[-1] else line.text
        else:
            break
        index += 1
    table.end = index
    for _, row in table.rows:
        del row[width:]
        row.extend([""] * (width - len(row)))
        row[:] = [_unquoted(cell) for cell in row]
    return table


def _unquoted(cell: str) -> str:
    """A cell as Excel copies it to text: one with a line break (or a tab, or a quote) inside is quoted, its
    own quotes doubled ("1.…\n2.…"); the cell is what stands inside."""
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        return cell[1:-1].replace('""', '"')
    return cell


# -- pdftotext -layout: columns aligned with spaces --------------------------------------------------------


def _positions(raw: str, narrow: bool = False) -> list[tuple[int, int, str]]:
    """The line's runs of text (cells), each with its first and last column: a CJK character two columns wide
    as a fixed-width screen shows it, or one (`narrow`) as pdftotext -layout counts them. One plain space stays
    inside a cell (113 年); two, or a wider space, end it."""
    runs: list[tuple[int, int, str]] = []
    column, start, last, spaces = 0, -1, -1, 0
    chars: list[str] = []
    for char in raw.expandtabs(8):
        width = 1 if narrow else display_width(char)
        if char in " \u3000\xa0":
            spaces += 1 if char == " " else 2
            if start >= 0 and spaces >= 2:
                runs.append((start, last, "".join(chars).rstrip()))
                start, chars = -1, []
            elif start >= 0:
                chars.append(" ")
        else:
            if start < 0:
                start = column
            spaces = 0
            chars.append(char)
            last = column + width - 1
        column += width
    if start >= 0:
        runs.append((start, last, "".join(chars).rstrip()))
    return runs


def _segments(raw: str) -> list[str]:
    return [cell for cell in (clean_line(part) for part in _GAP_RE.split(raw.strip())) if cell]


def _layout(lines: list[Line], start: int) -> FoundTable | None:
    """Columns aligned with spaces, measured both ways a converter counts columns (a CJK character as two, or
    as one, as pdftotext -layout does): the table is read in the measure under which more cells start where
    their headings do."""
    header = lines[start]
    if "\t" in header.raw or not _is_header(_segments(header.raw)):
        return None
    wide = _layout_measured(lines, start, narrow=False)
    narrow = _layout_measured(lines, start, narrow=True)
    # Counted as one column a character, the cells of a ruled table start right under their headings.
    if narrow is not None and narrow.aligned >= _ALIGNED and (wide is None or narrow.aligned > wide.aligned):
        return narrow
    return wide


def _layout_measured(lines: list[Line], start: int, narrow: bool) -> FoundTable | None:
    header = lines[start]
    cells = _segments(header.raw)

    def positions(raw: str) -> list[tuple[int, int, str]]:
        return _positions(raw, narrow)

    spans = positions(header.raw)
    if len(spans) != len(cells):
        return None
    # What starts before the second column is in the first: before its heading, or before its first cell
    # (headings are often centred over their cells).
    first_end = spans[1][0] - 1
    if start + 1 < len(lines) and len(runs := positions(lines[start + 1].raw)) > 1:
        first_end = min(first_end, runs[1][0] - 1)
    columns = _columns(cells)
    index = start + 1
    body: list[Line] = [header]
    while index < len(lines):
        line = lines[index]
        runs = positions(line.raw)
        if _is_header(_segments(line.raw)):
            body.append(line)  # the header again, after a page break
        elif runs[0][0] <= first_end:
            # Text in the first column starts a row; anything else there is the record going on.
            if columns[0] == "case_number" and cell_case_number(runs[0][2].split(" ")[0]) is None:
                break
            if _ends_table(line):
                break
            body.append(line)
        else:
            body.append(line)  # the rest of the cells of the row above, wrapped
        index += 1
    table = FoundTable(start, index, "layout", cells, columns, header.number)
    regions = _regions(body, spans, narrow)
    heading_starts = {begin for begin, _, _ in spans}
    starts: list[bool] = []  # per cell on the first line of a row: does it start where its heading does?
    for line in body[1:]:
        if _is_header(_segments(line.raw)):
            continue
        runs = positions(line.raw)
        if _region_of(regions, runs[0][0]) == 0:
            starts.extend(begin in heading_starts for begin, _, _ in runs)
        row = ["" for _ in cells]
        for begin, end, word in runs:
            column = _region_of(regions, begin)
            row[column] = f"{row[column]} {word}" if row[column] else word
        if row[0] or not table.rows:
            table.rows.append((line.number, row))
        else:
            previous = table.rows[-1][1]
            for column, text in enumerate(row):
                if text:
                    previous[column] = join_lines(previous[column], text) if previous[column] else text
    table.aligned = sum(starts) / len(starts) if starts else 0.0
    return table


def _regions(body: list[Line], spans: list[tuple[int, int, str]], narrow: bool) -> list[int]:
    """Where each column begins: the gap of blank columns, common to every line of the table, that lies
    between one heading and the next (headings may be centred over their cells)."""
    width = max(len(line.raw.expandtabs(8)) * 2 for line in body) + 2
    used = [False] * width
    for line in body:
        for begin, end, _ in _positions(line.raw, narrow):
            for column in range(begin, min(end + 1, width)):
                used[column] = True
    starts = [0]
    for (_, previous_end, _), (next_begin, _, _) in itertools.pairwise(spans):
        # The last blank column before the next heading begins, after the previous heading ends.
        gap = [column for column in range(previous_end + 1, next_begin) if not used[column]]
        starts.append(gap[-1] + 1 if gap else next_begin)
    return starts


def _region_of(starts: list[int], begin: int) -> int:
    column = 0
    for index, start in enumerate(starts):
        if begin >= start:
            column = index
    return column


# -- a web page: one cell per line -------------------------------------------------------------------------

_UNIT_RE = re.compile(
    rf"^[^。，；：:,;]{{1,16}}(?:{'|'.join(UNIT_SUFFIXES)})(?:[、及與,，][^。；：:]{{1,16}})*$"
)
_DUE_RE = re.compile(r"^(?:\d{2,3}[./年-]\d{1,2}(?:[./月-]\d{1,2}日?)?|每[季月年週]|\d{2,3}年底前?)$")
# A unit's suggestion (建議解除列管) is no decision: a decision never starts like one.
_NOT_DECISION_RE = re.compile(r"^(?:建議|擬|請|已)")
# Short cells with a shape: the unit, the unit's suggestion, the meeting's decision, a due date.
_SHORT = 30
_TYPED = {
    "unit": lambda text: _UNIT_RE.match(text) is not None,
    "suggestion": lambda text: len(text) <= _SHORT and sentences.suggested_kind(text) is not None,
    "decision": lambda text: len(text) <= _SHORT
    and not _NOT_DECISION_RE.match(text)
    and (sentences.outcome_of(text) is not None or sentences.agrees_with_suggestion(text)),
    "due": lambda text: _DUE_RE.match(text) is not None,
}


def _cells(lines: list[Line], start: int) -> FoundTable | None:
    headings = []
    index = start
    while index < len(lines) and heading_of(lines[index].text) and lines[index].text not in headings:
        headings.append(lines[index].text)
        index += 1
    if not _is_header(headings):
        return None
    columns = _columns(headings)
    key = columns.index("case_number")
    rows: list[tuple[int, list[str]]] = []
    pending: list[Line] = []
    longest = len(columns) - 1

    def close_row() -> None:
        if pending:
            rows.append((pending[0].number, _align(columns, key, [line.text for line in pending])))
            pending.clear()

    while index < len(lines):
        line = lines[index]
        if _repeats_header(lines, index, headings):
            index += len(headings)  # the header again
            continue
        if cell_case_number(line.text) is not None and (not pending or len(pending) > key):
            if pending:
                longest = max(longest, len(pending) - 1)
            close_row()
            pending.append(line)
        elif (
            pending
            and not _ends_table(line)
            and not (len(pending) > longest and _tail_of_last_row(lines, index))
        ):
            pending.append(line)
        else:
            break
        index += 1
    close_row()
    table = FoundTable(start, index, "cells", headings, columns, lines[start].number, rows)
    return table if rows else None


def _tail_of_last_row(lines: list[Line], index: int) -> bool:
    """Past as many cells as a row holds, with no case number to come: the table has ended."""
    return not any(cell_case_number(line.text) for line in lines[index : index + 12])


def _align(columns: list[str], key: int, texts: list[str], glue: str = "") -> list[str]:
    """One cell per line, some cells empty (a web page drops them) or over two lines: each line goes to the
    column it fits best, in order. Columns with a shape (the unit, a suggestion, a decision, a date) must fit
    it; free text (案由, 辦理情形) takes what lies between. `glue`: " " when the pieces are a row's words."""
    cells = texts[: key + 1]
    rest, names = texts[key + 1 :], columns[key + 1 :]
    count, slots = len(rest), len(names)
    worst = float("-inf")
    # best[i][j]: the best score of lines i.. in columns j..; choice[i][j]: how many lines column j takes.
    best = [[worst] * (slots + 1) for _ in range(count + 1)]
    choice = [[0] * (slots + 1) for _ in range(count + 1)]
    best[count][slots] = 0
    for j in range(slots - 1, -1, -1):
        for i in range(count, -1, -1):
            for taken in range(count - i + 1):
                following = best[i + taken][j + 1]
                if following == worst:
                    continue
                score = following + _fit(names[j], rest[i : i + taken], glue)
                if score > best[i][j]:
                    best[i][j], choice[i][j] = score, taken
    i = 0
    for j in range(slots):
        taken = choice[i][j]
        piece = rest[i : i + taken]
        if glue:
            cells.append(glue.join(piece))
        else:
            cells.append("".join(piece[:1]) + "".join(join_lines("x", text)[1:] for text in piece[1:]))
        i += taken
    return cells


def _fit(column: str, texts: list[str], glue: str = "") -> int:
    shaped = _TYPED.get(column)
    if not texts:
        return -1 if shaped is not None else -2
    if glue:
        # A row's words: a cell is any number of them, judged as a whole.
        if shaped is None:
            return 2
        return (4 if shaped(glue.join(texts)) else -6) - (len(texts) - 1)
    if shaped is None:
        return 2 - (len(texts) - 1)
    return (4 if shaped(texts[0]) else -6) - 3 * (len(texts) - 1)


# -- this app's PDF read back by pdftotext: a ruled table, every cell a block of its own ------------------------

# The PDF prints an empty cell as a dash, so that every row has all its cells: pdftotext reads a ruled table
# row by row only when its cells line up in a full grid. A dash alone is no content.
EMPTY_CELL = "—"
_EMPTY_CELL_RE = re.compile(r"^[—－–―─-]+$")


def _blocks(lines: list[Line], start: int) -> FoundTable | None:
    """A ruled table as pdftotext reads this app's PDF: the headings, then row after row, each cell a block
    of lines with an empty line before it (a cell wrapped inside its column is a block of several lines), an
    empty cell a dash, the header again after a page break.

    Every row has all its cells, so a cell is read for its column whatever it starts with (辦理情形 may start
    with 一、); only a line that would open a part of the record where a short cell of a shape is due (the
    unit, a suggestion, a decision) ends the table there. A table whose cells do not come a block each (a web
    page's cells, an empty line apart, the empty ones dropped) is left to the other forms."""

    def block_at(at: int) -> tuple[str, int]:
        """The cell that starts at line `at`: its text and the index after it."""
        text, end = lines[at].text, at + 1
        while end < len(lines) and not lines[end].blank_before:
            text = join_lines(text, lines[end].text)
            end += 1
        return text, end

    # The headings, a block each (one too long for its column wraps inside it: 主辦單 / 位).
    headings: list[str] = []
    index = start
    while index < len(lines) and (index == start or lines[index].blank_before):
        heading, end = block_at(index)
        if not heading_of(heading) or heading in headings:
            break
        headings.append(heading)
        index = end
    if len(headings) < _MIN_KNOWN or not _is_header(headings) or index >= len(lines):
        return None
    columns = _columns(headings)
    key = columns.index("case_number")
    width = len(headings)
    header = [line.text for line in lines[start:index]]  # as printed, a wrapped heading over its lines

    rows: list[tuple[int, list[str]]] = []
    cells: list[str] = []
    first = index
    while index < len(lines):
        if _repeats_header(lines, index, header):
            index += len(header)  # the header again, after a page break
            continue
        text, end = block_at(index)
        if len(cells) == key and cell_case_number(text) is None:
            break
        if columns[len(cells)] in _TYPED and _ends_table(lines[index]):
            break
        if len(cells) != key and not _EMPTY_CELL_RE.match(text) and cell_case_number(text) is not None:
            return None  # a case number where another cell is due: cells were dropped, not printed as dashes
        if not cells:
            first = index
        cells.append(text)  # a dash is made empty with every form's cells (find_tables)
        index = end
        if len(cells) == width:
            rows.append((lines[first].number, cells))
            cells = []
    if len(cells) > key:
        rows.append((lines[first].number, cells + [""] * (width - len(cells))))
    elif cells:
        index = first
    if not rows:
        return None
    return FoundTable(start, index, "blocks", headings, columns, lines[start].number, rows)


def _cell(text: str) -> str:
    return "" if _EMPTY_CELL_RE.match(text) else text


def _repeats_header(lines: list[Line], index: int, header: list[str]) -> bool:
    """The header's lines stand again from `index` (after a page break)."""
    return [line.text for line in lines[index : index + len(header)]] == header


# -- a table printed as lines of text, a row to a paragraph, cells a space apart (this app's PDF, read back) --


def _flat(lines: list[Line], start: int) -> FoundTable | None:
    header = lines[start]
    cells = header.text.split(" ")
    if "\t" in header.raw or len(cells) < _MIN_KNOWN or not _is_header(cells):
        return None
    columns = _columns(cells)
    key = columns.index("case_number")
    rows: list[list] = []
    index = start + 1
    while index < len(lines):
        line = lines[index]
        words = line.text.split(" ")
        if _is_header(words):
            pass  # the header again, after a page break
        elif len(words) > key and cell_case_number(words[key]) is not None:
            rows.append([line.number, line.text])
        elif rows and not _ends_table(line):
            rows[-1][1] = join_lines(rows[-1][1], line.text)  # the row's paragraph, wrapped at the page width
        else:
            break
        index += 1
    table = FoundTable(start, index, "flat", cells, columns, header.number)
    table.rows = [(number, _align(columns, key, text.split(" "), glue=" ")) for number, text in rows]
    return table
