"""The parsed record: what the reader hands over, plain dataclasses that know nothing of Django."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class ParseError(ValueError):
    """The text cannot be read as a meeting record; `line` is 1-based in the original text."""

    def __init__(self, line: int, reason: str):
        self.line = line
        self.reason = reason
        super().__init__(f"第 {line} 行：{reason}")


@dataclass
class ParsedConclusion:
    label: str  # 會議結論 / 決定 / 決議 / 結論 / 主席裁示, as the record wrote it
    points: list[str]  # one entry for a one-line conclusion, several for (一)(二)…
    line: int
    # （列管案號 10801） printed after a tracked point is its case number, not its text: one entry per point
    # ("" for a point without one), or none at all when no point carries one
    case_numbers: list[str] = field(default_factory=list)


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
class ParsedItem:
    number: int  # 一、 = 1
    title: str
    body: list[str] = field(default_factory=list)  # paragraphs between title and reports/conclusion
    reports: list[ParsedReport] = field(default_factory=list)
    conclusion: ParsedConclusion | None = None
    line: int = 0


@dataclass
class ParsedSection:
    number: int  # 壹 = 1, 參 = 3; inferred as previous + 1 when the text omits it
    title: str
    body: list[str] = field(default_factory=list)
    items: list[ParsedItem] = field(default_factory=list)
    conclusion: ParsedConclusion | None = None  # a section without items can carry its own
    line: int = 0
    number_given: bool = True  # False when the text had no numeral


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


# ---------------------------------------------------------------------------------------------------------
