"""The parsed record: what the reader hands over, plain dataclasses that know nothing of Django."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Self


class ParseError(ValueError):
    """The text cannot be read as a meeting record; `line` is 1-based in the original text."""

    def __init__(self, line: int, reason: str):
        self.line = line
        self.reason = reason
        super().__init__(f"第 {line} 行：{reason}")


class Text(str):
    """A piece of the record's text that knows the line it starts on, so that a message can name that line.

    It is a str in every other way: it compares, hashes, joins and saves as its text, so two reads of one
    record whose lines differ (a page break moved) still say the same.
    """

    line: int

    def __new__(cls, value: str, line: int = 0) -> Self:
        text = super().__new__(cls, value)
        text.line = line
        return text

    def __reduce__(self):  # copies and pickles keep the line
        return (Text, (str(self), self.line))


class Wording:
    """How the record words a part, to print it back so: labels as written (主持人, 記錄, 開會時間), numbering as
    written (提案一, 第一案), the date and the adjournment as written.

    Two reads of a record that say the same thing are equal however they word it (a title with full-width
    digits, items numbered 1、 or 一、), so a Wording equals any other, also inside dataclasses.asdict.
    """

    def __init__(self, **words: object) -> None:
        self.__dict__.update(words)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Wording)

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return f"Wording({', '.join(f'{key}={value!r}' for key, value in self.__dict__.items())})"


def line_of(text: str, default: int = 0) -> int:
    """The line a piece of parsed text starts on, or `default` for text that does not know it."""
    return getattr(text, "line", default) or default


@dataclass
class ParsedConclusion:
    label: str  # 會議結論 / 決定 / 決議 / 結論 / 主席裁示, as the record wrote it
    points: list[str]  # one entry for a one-line conclusion, several for (一)(二)…
    line: int
    # （列管案號 10801） printed after a tracked point is its case number, not its text: one entry per point
    # ("" for a point without one), or none at all when no point carries one
    case_numbers: list[str] = field(default_factory=list)
    # A proposal's stock outcome as written (照案通過, 修正通過, 保留, 不予通過, 另案處理), "" when none.
    outcome: str = ""


@dataclass
class ParsedReport:
    heading: str  # 文書組高組長 (the words before 補充報告)
    unit: str  # 文書組 ('' when the heading names no unit)
    surname: str  # 高
    title: str  # 組長
    points: list[str]  # one entry for a plain paragraph, several for (一)(二)…
    line: int
    label: str = "補充報告"  # or 補充說明, as the record wrote it


@dataclass
class ParsedPart:
    """A labelled part of a proposal (提案單位：, 案由：, 說明：, 辦法：): its text, and the points under it."""

    label: str  # as written, without spaces: 說明
    text: str  # what follows the label, up to the first point
    points: list[str]
    line: int


@dataclass
class ParsedRow:
    """One tracked case reviewed at the meeting: a row of a table, or a case written as running text."""

    case_number: str  # as the record wrote it: 10801, 113-01, 11303-1, 1130305-1, A11301
    key: str  # the normalised number, for lookup and sorting ("" when no scheme reads it)
    scheme: str  # the name of the case-number scheme the number reads in ("" when none)
    subject: str = ""  # 案由
    unit: str = ""  # 主辦單位
    progress: str = ""  # 辦理情形
    suggestion: str = ""  # 列管建議
    decision: str = ""  # 決定, as written
    line: int = 0
    cells: list[str] = field(default_factory=list)  # a table row's cells as written; [] for running text


@dataclass
class ParsedTable:
    """A table of tracked cases, kept as a table so that pages and the PDF can show it as one."""

    headings: list[str]  # as written: 案號, 事由, 承辦單位, …
    columns: list[str]  # what each column holds: case_number, subject, unit, progress, suggestion, decision, ""
    rows: list[ParsedRow]
    line: int
    # How it reached text: "tabs" (Word), "layout" (pdftotext -layout), "cells" (a web page), "blocks" (this
    # app's ruled table read back by pdftotext: a cell a block), "flat" (a row to a line, cells a space apart:
    # record_text's layout, and this app's PDF before it ruled its tables).
    form: str


@dataclass
class ParsedItem:
    number: int  # 一、 = 1
    title: str
    body: list[str] = field(default_factory=list)  # paragraphs between title and reports/conclusion
    reports: list[ParsedReport] = field(default_factory=list)
    conclusion: ParsedConclusion | None = None
    line: int = 0
    wording: Wording = field(default_factory=Wording)  # .numbering as written: 一, 提案一, 第一案, (一)
    parts: list[ParsedPart] = field(default_factory=list)  # a proposal's parts, read off the body
    tables: list[ParsedTable] = field(default_factory=list)
    cases: list[ParsedRow] = field(default_factory=list)  # every case reviewed: table rows and running text


@dataclass
class ParsedSection:
    number: int  # 壹 = 1, 參 = 3; inferred as previous + 1 when the text omits it
    title: str
    body: list[str] = field(default_factory=list)
    items: list[ParsedItem] = field(default_factory=list)
    conclusion: ParsedConclusion | None = None  # a section without items can carry its own
    line: int = 0
    number_given: bool = True  # False when the text had no numeral
    # .numbering as written: 壹, 一 (an agenda numbered like items), "" when the text had none.
    wording: Wording = field(default_factory=Wording)
    tables: list[ParsedTable] = field(default_factory=list)
    cases: list[ParsedRow] = field(default_factory=list)


@dataclass
class ParsedMeeting:
    organisation: str  # 臺北市政府秘書處
    kind: str  # 處務
    number: int  # 108
    starts_at: dt.datetime  # naive, local time of the record (Asia/Taipei)
    place: str = ""
    chair: str = ""
    recorder: str = ""
    attendees: str = ""  # 出席
    observers: str = ""  # 列席
    absentees: str = ""  # 請假
    sections: list[ParsedSection] = field(default_factory=list)
    adjourned_at: dt.time | None = None
    # 附件：簽到表 and the lines after it, as written after 散會; signature lines there are dropped.
    attachments: list[str] = field(default_factory=list)
    # The record's own words (see Wording): .title as written; .labels, each header field's label as written
    # by the field it fills (chair → 主持人, recorder → 記錄, time → 開會時間, attendees → 出席人員…); .time,
    # the date and time as written (113年3月5日(星期二)下午2時30分; starts_at holds the real time); .date,
    # 日期： when the record gives it apart; .adjournment (散會(10時45分), 會議於上午 10 時 30 分結束。);
    # .header_numbered, 一 or 壹 when the header's fields are numbered like a list (一、開會時間：…), else "".
    wording: Wording = field(default_factory=Wording)
