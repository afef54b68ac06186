"""How much of a record's own text its PDF gives back: the recall of `pdftotext` on the exported record.

Recall is counted on characters. Both texts are brought to one form first (NFKC, so full-width digits and
parentheses equal half-width ones, and every white space and invisible word joiner removed, since a printed
line breaks where the page does); the record's text is its lines from the title to 散會 and its 附件 lines,
without what the converter put around it (e-mail headers, web navigation, page numbers, running headers), and
a table of tracked cases as its header row and its rows, cell after cell (not as -layout interleaves them). The
recall is the share of those characters that the longest common subsequence of blocks (difflib's matching
blocks, in order) finds in the PDF's text. What the PDF adds (page numbers, the signature block, the appendix)
costs nothing; what it drops or rewrites (主持人 printed as 主席, a weekday left out) does.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from minutes.reader import ParsedMeeting
from minutes.reader.lines import drop_furniture, prepare
from minutes.reader.rules import is_carrier
from minutes.reader.tables import find_tables

_INVISIBLE_RE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")
_PAGE_NUMBER_RE = re.compile(r"第\d+頁/共\d+頁")


def normalised(text: str) -> str:
    """One form to compare in: NFKC, without white space or invisible joiners."""
    return _INVISIBLE_RE.sub("", unicodedata.normalize("NFKC", text))


def record_text(text: str, parsed: ParsedMeeting) -> str:
    """The record's own text: from its title to its adjournment and attachments, without carrier or page lines."""
    lines = drop_furniture(prepare(text))
    title = normalised(parsed.wording.title)
    start = next(
        (
            i
            for i in range(len(lines))
            for j in range(i + 1, min(i + 4, len(lines) + 1))
            if "".join(normalised(line.text) for line in lines[i:j]) == title
        ),
        0,
    )
    adjournment = normalised(getattr(parsed.wording, "adjournment", "") or "")
    end = len(lines)
    if adjournment:
        found = [i for i, line in enumerate(lines) if adjournment in normalised(line.text) or (
            normalised(line.text) and normalised(line.text) in adjournment and i > start
        )]
        if found:
            end = found[-1] + 1
    attachments = {normalised(line) for line in parsed.attachments}
    tables = find_tables(lines)
    kept = []
    index = start
    while index < end:
        if (table := tables.get(index)) is not None:
            # A table's text is its cells row by row: how a converter interleaved them over lines (-layout),
            # or repeated the header row after a page break, is the converter's.
            kept.append("".join(table.headings))
            kept += ["".join(cells) for _, cells in table.rows]
            index = table.end
            continue
        if not is_carrier(lines[index].text):
            kept.append(lines[index].text)
        index += 1
    kept += [line.text for line in lines[end:] if attachments and normalised(line.text) in attachments]
    return "\n".join(kept)


def recall(record: str, printed: str) -> float:
    """The share of the record's characters found, in order, in the printed text (both normalised)."""
    ours = normalised(record)
    theirs = _PAGE_NUMBER_RE.sub("", normalised(printed))
    if not ours:
        return 1.0
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(ours)


def missing(record: str, printed: str) -> list[str]:
    """The pieces of the record the printed text lacks, for a report that says what recall lost."""
    ours = normalised(record)
    theirs = _PAGE_NUMBER_RE.sub("", normalised(printed))
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    return [ours[i1:i2] for tag, i1, i2, _, _ in matcher.get_opcodes() if tag in ("delete", "replace")]
