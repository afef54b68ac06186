"""A proposal read off its item: the labelled parts (提案單位, 案由, 說明, 辦法) and the meeting's outcome."""

from __future__ import annotations

import re

from minutes.reader.parsed import ParsedItem, ParsedPart, Text, line_of
from minutes.reader.rules import LATER_PART_RE, OPENING_PART_RE, OUTCOME_RE

# The points of a part: 一、 1. (一) (1) ① at the start of a paragraph.
_POINT_START_RE = re.compile(
    r"^(?:[〇零一二三四五六七八九十]{1,3}\s*[、．.]|[0-9０-９]{1,3}\s*[、．.](?![0-9０-９])"
    r"|[(（]\s*(?:[〇零一二三四五六七八九十]{1,3}|[0-9０-９]{1,3})\s*[)）]|[①-⒇])"
)


def part_start(text: str) -> re.Match[str] | None:
    return OPENING_PART_RE.match(text) or LATER_PART_RE.match(text)


def read_parts(item: ParsedItem, title_line: int) -> None:
    """Fills item.parts from its title and body paragraphs: a paragraph that starts with a part's label
    opens it; a numbered one is a point of the part before it; any other goes on with the part's text.

    `title_line`: where the title stands (第一案 alone on its line, then 案由：… below it)."""
    parts: list[ParsedPart] = []
    for paragraph in sorted([Text(item.title, title_line), *item.body], key=line_of):
        if match := part_start(paragraph):
            label = re.sub(r"\s+", "", match.group("label"))
            rest = Text(match.group("rest"), line_of(paragraph))
            # 說明：一、依據… — the first point on the label's line.
            first = [rest] if _POINT_START_RE.match(rest) else []
            parts.append(
                ParsedPart(label, Text("", line_of(paragraph)) if first else rest, first, line_of(paragraph))
            )
        elif parts and _POINT_START_RE.match(paragraph):
            parts[-1].points.append(paragraph)
        elif parts and parts[-1].points:
            point = parts[-1].points[-1]
            parts[-1].points[-1] = Text(f"{point}\n{paragraph}", line_of(point))
        elif parts:
            text = parts[-1].text
            parts[-1].text = Text(
                f"{text}\n{paragraph}" if text else paragraph, line_of(text) or line_of(paragraph)
            )
    item.parts = parts


def stock_outcome(points: list[str]) -> str:
    """照案通過, 修正通過, 保留, 不予通過, 另案處理…: the outcome a proposal's conclusion opens with, or ""."""
    for point in points:
        if match := OUTCOME_RE.match(point):
            return match.group("outcome")
    return ""
