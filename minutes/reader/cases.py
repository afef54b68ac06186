"""Tracked cases reviewed in running text (列管第 8802 案：…辦理情形：…決定：解除列管。), read off a body's paragraphs
into rows like a table's: the case as written, its subject, unit, progress, suggestion and decision."""

from __future__ import annotations

import re

from minutes.reader.casenumbers import read_case_number
from minutes.reader.parsed import ParsedRow, Text, line_of
from minutes.reader.rules import CASE_ENTRY_RE, CASE_FIELD_RE, CASE_FIELDS, UNIT_SUFFIXES

# A paragraph may start with its list marker: （一）列管案號 801：…, 一、列管第 8802 案：…
_MARKER_RE = re.compile(r"^(?:[(（]\s*[〇零一二三四五六七八九十]{1,3}\s*[)）]|[〇零一二三四五六七八九十]{1,3}\s*[、．.]"
                        r"|[0-9０-９]{1,2}\s*[、．.](?![0-9０-９]))\s*")  # fmt: skip
_FIELD_OF = {label: field for field, labels in CASE_FIELDS.items() for label in labels}
_UNIT = rf"[^（）()、，。]{{1,16}}(?:{'|'.join(UNIT_SUFFIXES)})"
_UNIT_AFTER_RE = re.compile(rf"[（(](?P<unit>{_UNIT}(?:[、及與]{_UNIT})*)[)）][。．.]?$")


def case_entry(paragraph: str) -> re.Match[str] | None:
    """The case a paragraph opens (列管第 8802 案：…), after the paragraph's own list marker if any."""
    return CASE_ENTRY_RE.match(_MARKER_RE.sub("", paragraph, count=1))


def decides(text: str) -> bool:
    """Whether a case's text already states the meeting's decision on it (…決定：解除列管。)."""
    return any(_FIELD_OF[match.group("label")] == "decision" for match in CASE_FIELD_RE.finditer(text))


def read_cases(paragraphs: list[str], conclusion: list[str] = ()) -> list[ParsedRow]:
    """The cases written as running text among a body's paragraphs, each with the labelled parts that follow
    it, in its paragraph or in paragraphs of their own, up to the next case or an unlabelled paragraph.

    `conclusion`: the points of the item whose title is the first paragraph. An item that is one case
    (一、列管案號 5101：…) is decided by its own conclusion (決定：本案解除列管。) when nothing else decides it."""
    rows: list[ParsedRow] = []
    current: ParsedRow | None = None
    for paragraph in paragraphs:
        if (match := case_entry(paragraph)) is not None:
            number = match.group("number")
            read = read_case_number(number)
            current = ParsedRow(
                case_number=number,
                key=read.key if read else "",
                scheme=read.scheme if read else "",
                line=line_of(paragraph),
            )
            rows.append(current)
            _fields(current, match.group("rest") or "", line_of(paragraph), subject=True)
        elif current is not None and CASE_FIELD_RE.match(paragraph):
            _fields(current, paragraph, line_of(paragraph), subject=False)
        else:
            current = None
    if rows and conclusion and rows[0].line == line_of(paragraphs[0]) and not rows[0].decision:
        rows[0].decision = Text("\n".join(conclusion), line_of(conclusion[0]))
    return rows


def _fields(row: ParsedRow, text: str, line: int, *, subject: bool) -> None:
    """辦理情形：…決定：… — each label's text, up to the next label; what comes before the first is the subject."""
    labels = list(CASE_FIELD_RE.finditer(text))
    if subject:
        row.subject = Text((text[: labels[0].start()] if labels else text).strip(), line)
        # …完成評估。（民政課）: the unit the case is for, after its subject.
        if (unit := _UNIT_AFTER_RE.search(row.subject)) is not None and not row.unit:
            row.unit = Text(unit.group("unit"), line)
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        field = _FIELD_OF[label.group("label")]
        value = text[label.end() : end].strip()
        setattr(row, field, Text(f"{getattr(row, field)}{value}", line))
