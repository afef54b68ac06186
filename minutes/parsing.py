"""Reads the plain text of a meeting record into plain data, with no Django involved."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from minutes.numerals import from_zh, from_zh_formal, parse_number, to_paren, to_zh_formal
from minutes.rocdate import parse_roc_date, parse_roc_datetime, parse_roc_time


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


@dataclass
class ParsedReport:
    heading: str  # 文書組高組長 (the words before 補充報告)
    unit: str  # 文書組 ('' when the heading names no unit)
    surname: str  # 高
    title: str  # 組長
    points: list[str]  # one entry for a plain paragraph, several for (一)(二)…
    line: int


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


# ---------------------------------------------------------------------------------------------------------
# The reader. Lines are classified one at a time; a small state machine decides where plain text belongs.

_EDGE_SPACE_RE = re.compile(r"^[\s\u200b\ufeff]+|[\s\u200b\ufeff]+$")
# PDF-to-text converters put list bullets in front of numbered lines: "- (二)", "• 一、".
_BULLET_RE = re.compile(r"^[-‐‑–—•●・▪◦*]\s*(?=\S)")
_BULLET_ONLY_RE = re.compile(r"[-‐‑–—•●・▪◦*]?")

_TITLE_RE = re.compile(
    r"^(?P<org>.*?)第\s*(?P<num>[0-9０-９]+|[〇零一二三四五六七八九十百]+)\s*次\s*(?P<kind>.*?)\s*會議\s*[紀記]錄$"
)
_TITLE_LIKE_RE = re.compile(r"會議\s*[紀記]錄$")

_HEADER_LABELS: dict[str, str] = {
    "時間": "time",
    "日期": "date",
    "開會時間": "time",
    "會議時間": "time",
    "地點": "place",
    "開會地點": "place",
    "會議地點": "place",
    "主席": "chair",
    "主持人": "chair",
    "紀錄": "recorder",
    "記錄": "recorder",
    "紀錄人": "recorder",
    "記錄人": "recorder",
    "出席": "attendees",
    "出席人員": "attendees",
    "出席者": "attendees",
    "出席單位": "attendees",
    "列席": "observers",
    "列席人員": "observers",
    "列席者": "observers",
    "列席單位": "observers",
    "請假": "absentees",
    "請假人員": "absentees",
    "請假者": "absentees",
}
# Labels are often spread out to align the colons: 時　　間：
_HEADER_RE = re.compile(
    "^(?P<label>"
    + "|".join(r"\s*".join(label) for label in sorted(_HEADER_LABELS, key=len, reverse=True))
    + r")\s*[：:]\s*(?P<value>.*)$"
)

_SECTION_RE = re.compile(r"^(?P<num>[壹貳參叁叄肆伍陸柒捌玖拾]{1,4})\s*[、．.]\s*(?P<rest>.*)$")
# Section titles common enough to recognise when the converter lost their numeral.
_UNNUMBERED_SECTION_RE = re.compile(
    r"^(?P<title>宣讀.{0,40}?會議[紀記]錄|確認上次會議[紀記]錄|上次會議(?:決議|結論|決定)事項(?:辦理|執行)情形"
    r"|主席致詞|主席報告|報告事項|討論事項|臨時動議|工作報告|業務報告|專案報告|專題報告|提案討論|選舉事項"
    r"|其他事項|其他)\s*[。：:]?$"
)
_SECTION_PREFIX_RE = re.compile(r"[-‐‑–—•●・▪◦*]?\s*[壹貳參叁叄肆伍陸柒捌玖拾]{1,4}\s*[、．.]")
_ITEM_RE = re.compile(r"^(?P<num>[〇零一二三四五六七八九十]{1,4})\s*[、．.]\s*(?P<rest>.*)$")
_CASE_ITEM_RE = re.compile(
    r"^第\s*(?P<num>[〇零一二三四五六七八九十百]{1,6}|[0-9０-９]{1,4})\s*案\s*[、．.：:]?\s*(?P<rest>.*)$"
)
_CONCLUSION_RE = re.compile(
    r"^(?P<label>會議結論|會議決議|主席裁示|主席指示|主席結論|主席裁決|決定|決議|結論|裁示)\s*[：:]\s*(?P<rest>.*)$"
)
_REPORT_RE = re.compile(
    r"^(?P<heading>[^。，、；：:,;！？!?()（）]{0,30}?)\s*補充(?:報告|說明)\s*[：:]\s*(?P<rest>.*)$"
)
_POINT_RE = re.compile(
    r"^(?P<marker>[(（]\s*(?P<num>[〇零一二三四五六七八九十百]{1,6})\s*[)）])\s*(?P<rest>.*)$"
)
# Lower numbering levels (1. and (1)) stay inside the point they belong to.
_SUB_MARKER_RE = re.compile(
    r"^(?:[0-9０-９]{1,3}\s*[.．、](?![0-9０-９])|[(（]\s*[0-9０-９]{1,3}\s*[)）]|[①-⒇])"
)
_ADJOURN_RE = re.compile(
    r"^散\s*會\s*(?:時\s*間)?\s*(?:[（(]\s*(?P<paren>[^()（）]*?)\s*[)）]|[：:]\s*(?P<colon>.*?))?\s*[。.]?$"
)
_ADJOURN_START_RE = re.compile(r"散\s*會")
# Body lines such as 說明： or 案由：… start a labelled paragraph, never the tail of a wrapped title.
_LABEL_START_RE = re.compile(r"^[^\s：:]{1,6}[：:]")

_SENTENCE_END = "。！？!?；;"
_TITLE_END = _SENTENCE_END + "：:"
# Sections, items and points are numbered 1..99 (壹..玖拾玖, 一..九十九), as the numerals module writes them.
_MAX_NUMBER = 99
# A title this long without final punctuation was probably wrapped by the converter.
_WRAPPED_TITLE_LENGTH = 25

_TITLES = sorted(
    [
        "組長", "副組長", "主任", "副主任", "處長", "副處長", "主任秘書", "主秘", "秘書長", "副秘書長",
        "科長", "副科長", "股長", "課長", "專門委員", "參事", "局長", "副局長", "主任委員", "副主任委員",
        "主委", "副主委", "執行秘書", "秘書", "所長", "隊長", "大隊長", "副大隊長", "分隊長", "館長",
        "院長", "副院長", "執行長", "副執行長", "總幹事", "委員", "技正", "專員", "視察", "簡任視察",
        "督導", "組員", "主計主任", "人事主任", "政風主任", "會計主任", "站長", "中心主任", "校長",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
_UNIT_SUFFIXES = (
    "辦公室", "中心", "小組", "組", "室", "處", "科", "課", "局", "所", "隊", "會", "股", "部", "館",
    "院", "署", "府", "廳", "站", "校", "團", "司", "區",
)  # fmt: skip
_COMPOUND_SURNAMES = (
    "歐陽", "司馬", "諸葛", "上官", "張簡", "范姜", "東方", "皇甫", "司徒", "夏侯", "令狐", "長孫",
    "慕容", "端木", "公孫", "西門",
)  # fmt: skip
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def split_report_heading(heading: str) -> tuple[str, str, str]:
    """文書組高組長 → (文書組, 高, 組長); 林副秘書長 → ("", 林, 副秘書長); unreadable → ("", "", "")."""
    compact = re.sub(r"\s+", "", heading)
    for title in _TITLES:
        if compact.endswith(title) and len(compact) > len(title):
            prefix = compact[: -len(title)]
            break
    else:
        return "", "", ""
    for surname_length in (2, 1):
        surname = prefix[-surname_length:]
        if len(prefix) < surname_length or (surname_length == 2 and surname not in _COMPOUND_SURNAMES):
            continue
        if not _CJK_RE.fullmatch(surname):
            continue
        unit = prefix[:-surname_length]
        if not unit or unit.endswith(_UNIT_SUFFIXES):
            return unit, surname, title
    return "", "", ""


def _join(previous: str, following: str) -> str:
    """Joins a continuation line to what came before it, the way the text was before it was wrapped."""
    if not previous:
        return following
    if previous[-1] in _SENTENCE_END or _SUB_MARKER_RE.match(following):
        return previous + "\n" + following
    # CJK text has no spaces between words; only two Latin words or numbers need one back.
    if (
        previous[-1].isascii()
        and previous[-1].isalnum()
        and following[0].isascii()
        and following[0].isalnum()
    ):
        return previous + " " + following
    return previous + following


@dataclass
class _Block:
    """Where plain lines go now: a section or item body, a report, or a conclusion."""

    kind: str  # "body", "report" or "conclusion"
    entries: list[str]
    line: int
    what: str  # how the error messages name the block: 「文書組高組長補充報告」
    markers: int = 0  # (一)(二)… seen so far
    entry_lines: list[int] = field(default_factory=list)


class _Reader:
    def __init__(self) -> None:
        self.pre_title: list[tuple[int, str]] = []
        self.title_line = 0
        self.organisation = ""
        self.kind = ""
        self.number = 0
        self.headers: dict[str, tuple[str, int]] = {}
        self.last_header = ""
        self.starts_at: dt.datetime | None = None
        self.date: dt.date | None = None  # from 日期：, when the time has a line of its own
        self.sections: list[ParsedSection] = []
        self.item: ParsedItem | None = None
        self.block: _Block | None = None
        self.awaiting_title: ParsedItem | None = None
        self.wrapped_title: ParsedItem | ParsedSection | None = None
        self.adjourned_at: dt.time | None = None
        self.adjourned_line = 0

    # -- driving ------------------------------------------------------------------------------------------

    def read(self, text: str) -> ParsedMeeting:
        text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        if not any(_clean(line) for line in lines):
            raise ParseError(1, "內容空白，沒有可以匯入的會議紀錄")
        for number, raw in enumerate(lines, 1):
            line = _clean(raw)
            if not line:
                continue
            if self.adjourned_line:
                raise ParseError(number, f"「散會」（第 {self.adjourned_line} 行）之後仍有文字，無法歸入紀錄")
            if not self.title_line:
                self._title_stage(number, line)
                continue
            line, adjournment = self._split_adjournment(line)
            if line:
                self._line(number, line)
            if adjournment is not None:
                self._adjourn(number, adjournment)
        return self._finish()

    def _finish(self) -> ParsedMeeting:
        if not self.title_line:
            first = self.pre_title[0][0] if self.pre_title else 1
            raise ParseError(first, "找不到會議紀錄標題（應為「○○第 N 次○○會議紀錄」）")
        self._close_block()
        if self.starts_at is None and self.date is not None:
            self.starts_at = dt.datetime.combine(self.date, dt.time())
        if self.starts_at is None:
            raise ParseError(self.title_line, "缺少「時間：」欄位，無法得知開會日期")
        if not self.sections:
            raise ParseError(self.title_line, "找不到任何段落（壹、貳、參…），紀錄沒有內容")

        def value(key: str) -> str:
            return self.headers.get(key, ("", 0))[0]

        return ParsedMeeting(
            organisation=self.organisation,
            kind=self.kind,
            number=self.number,
            starts_at=self.starts_at,
            place=value("place"),
            chair=value("chair"),
            recorder=value("recorder"),
            attendees=value("attendees"),
            observers=value("observers"),
            absentees=value("absentees"),
            sections=self.sections,
            adjourned_at=self.adjourned_at,
        )

    # -- title and header ---------------------------------------------------------------------------------

    def _title_stage(self, number: int, line: str) -> None:
        match = _TITLE_RE.match(line)
        if match is None:
            if _TITLE_LIKE_RE.search(line):
                raise ParseError(number, "標題缺少會議次數（應為「○○第 N 次○○會議紀錄」）")
            self.pre_title.append((number, line))
            return
        organisation = match.group("org").strip()
        if not organisation and len(self.pre_title) == 1:
            # The organisation centred on a line of its own above 第 108 次處務會議紀錄.
            organisation = self.pre_title.pop()[1]
        if self.pre_title:
            raise ParseError(self.pre_title[0][0], "標題之前有無法歸類的文字")
        if not organisation:
            raise ParseError(number, "標題缺少機關名稱（應為「○○第 N 次○○會議紀錄」）")
        try:
            meeting_number = parse_number(match.group("num"))
        except ValueError:
            raise ParseError(number, f"無法辨識會議次數「{match.group('num')}」") from None
        if meeting_number < 1:
            raise ParseError(number, "會議次數必須大於 0")
        self.title_line = number
        self.organisation = organisation
        self.number = meeting_number
        self.kind = match.group("kind").strip()

    def _header(self, number: int, label: str, value: str) -> None:
        key = _HEADER_LABELS[re.sub(r"\s+", "", label)]
        if key in self.headers:
            raise ParseError(number, f"「{label}」欄位重複（第 {self.headers[key][1]} 行已有）")
        if key == "date":
            try:
                self.date = parse_roc_date(value)
            except ValueError as exc:
                raise ParseError(number, f"無法辨識會議日期「{value}」：{exc}") from None
        elif key == "time":
            self.starts_at = self._read_time(number, value)
        self.headers[key] = (value, number)
        self.last_header = key

    def _read_time(self, number: int, value: str) -> dt.datetime:
        if not value:
            raise ParseError(number, "「時間」欄位空白")
        try:
            return parse_roc_datetime(value)
        except ValueError as exc:
            reason = str(exc)
        # 日期：111年1月20日 on one line and 時間：上午10時 on the next.
        if self.date is not None:
            try:
                return dt.datetime.combine(self.date, parse_roc_time(value))
            except ValueError as exc:
                reason = str(exc)
        raise ParseError(number, f"無法辨識會議時間「{value}」：{reason}")

    def _header_continuation(self, number: int, line: str) -> None:
        # Attendee lists and places wrap onto the next lines; dates never do in a readable way.
        if self.last_header in ("", "time", "date"):
            raise ParseError(
                number, "無法歸類的文字：標題與第一個段落之間只能有時間、地點、主席、紀錄、出席等欄位"
            )
        value, first_line = self.headers[self.last_header]
        self.headers[self.last_header] = (_join(value, line), first_line)

    # -- the body -----------------------------------------------------------------------------------------

    def _line(self, number: int, line: str) -> None:
        structural = _BULLET_RE.sub("", line, count=1)
        wrapped, self.wrapped_title = self.wrapped_title, None
        if match := _SECTION_RE.match(structural):
            try:
                section_number = from_zh_formal(match.group("num"))
            except ValueError:
                raise ParseError(number, f"無法辨識的段落編號「{match.group('num')}」") from None
            self._section(number, section_number, match.group("rest"), match.group("num"))
        elif _UNNUMBERED_SECTION_RE.match(structural):
            self._section(number, None, structural.rstrip("：:"), "")
        elif (match := _ITEM_RE.match(structural)) or (match := _CASE_ITEM_RE.match(structural)):
            try:
                item_number = parse_number(match.group("num"))
            except ValueError:
                raise ParseError(number, f"無法辨識的項目編號「{match.group('num')}」") from None
            self._item(number, item_number, match.group("rest"), match.group("num"))
        elif match := _CONCLUSION_RE.match(structural):
            self._conclusion(number, match.group("label"), match.group("rest"))
        elif match := _REPORT_RE.match(structural):
            self._report(number, match.group("heading").strip(), match.group("rest"))
        elif not self.sections:
            if match := _HEADER_RE.match(line):
                self._header(number, match.group("label"), match.group("value"))
            else:
                self._header_continuation(number, line)
        elif wrapped is not None and not _POINT_RE.match(structural) and self._continues_title(line):
            wrapped.title = _join(wrapped.title, line)
        elif match := _POINT_RE.match(structural):
            self._point(number, structural, match)
        else:
            self._plain(number, line)

    @staticmethod
    def _continues_title(line: str) -> bool:
        return not _SUB_MARKER_RE.match(line) and not _LABEL_START_RE.match(line)

    def _section(self, number: int, section_number: int | None, title: str, numeral: str) -> None:
        self._close_block()
        previous = self.sections[-1] if self.sections else None
        given = section_number is not None
        if section_number is None:
            section_number = previous.number + 1 if previous else 1
            if section_number > _MAX_NUMBER:
                raise ParseError(number, f"段落「{title}」沒有編號，且前一段已是最後的編號玖拾玖")
        elif previous is not None and section_number <= previous.number:
            raise ParseError(
                number,
                f"段落編號「{numeral}」未依序："
                f"前一段（第 {previous.line} 行）已是「{to_zh_formal(previous.number)}」",
            )
        if not title:
            raise ParseError(number, f"段落「{numeral}、」沒有標題")
        section = ParsedSection(number=section_number, title=title, line=number, number_given=given)
        self.sections.append(section)
        self.item = None
        self.block = _Block("body", section.body, number, f"段落「{title}」")
        self._maybe_wrapped(section)

    def _item(self, number: int, item_number: int, title: str, numeral: str) -> None:
        if not self.sections:
            raise ParseError(number, f"項目「{numeral}、」出現在任何段落（壹、貳、參…）之前")
        if not 1 <= item_number <= _MAX_NUMBER:
            raise ParseError(number, f"項目編號「{numeral}」超出範圍（應為一到九十九）")
        section = self.sections[-1]
        if section.items and item_number <= section.items[-1].number:
            raise ParseError(
                number,
                f"項目編號「{numeral}」未依序：前一項（第 {section.items[-1].line} 行）已是第 "
                f"{section.items[-1].number} 項",
            )
        self._close_block()
        item = ParsedItem(number=item_number, title=title, line=number)
        section.items.append(item)
        self.item = item
        self.block = _Block("body", item.body, number, f"項目「{numeral}、」")
        if not title:
            # 第一案 alone on its line: the next paragraph (often 案由：…) is the title.
            self.awaiting_title = item
        self._maybe_wrapped(item)

    def _maybe_wrapped(self, target: ParsedItem | ParsedSection) -> None:
        title = target.title
        if title and len(title) >= _WRAPPED_TITLE_LENGTH and title[-1] not in _TITLE_END:
            self.wrapped_title = target

    def _conclusion(self, number: int, label: str, rest: str) -> None:
        if not self.sections:
            raise ParseError(number, f"「{label}」出現在任何段落（壹、貳、參…）之前")
        owner: ParsedItem | ParsedSection = self.item if self.item is not None else self.sections[-1]
        if owner.conclusion is not None:
            raise ParseError(
                number, f"這裡已有一段結論（第 {owner.conclusion.line} 行），不能再有第二段「{label}」"
            )
        self._close_block()
        conclusion = ParsedConclusion(label=label, points=[], line=number)
        owner.conclusion = conclusion
        self.block = _Block("conclusion", conclusion.points, number, f"「{label}」")
        self._inline_rest(number, rest)

    def _report(self, number: int, heading: str, rest: str) -> None:
        if self.item is None:
            raise ParseError(number, f"「{heading}補充報告」必須位於某個項目（一、二、三…）之下")
        self._close_block()
        unit, surname, title = split_report_heading(heading)
        report = ParsedReport(
            heading=heading, unit=unit, surname=surname, title=title, points=[], line=number
        )
        self.item.reports.append(report)
        self.block = _Block("report", report.points, number, f"「{heading}補充報告」")
        self._inline_rest(number, rest)

    def _inline_rest(self, number: int, rest: str) -> None:
        # 會議結論：同意備查。 carries its only point on the heading line itself.
        if not rest:
            return
        if match := _POINT_RE.match(rest):
            self._point(number, rest, match)
        else:
            self._plain(number, rest)

    def _point(self, number: int, line: str, match: re.Match[str]) -> None:
        block = self._current_block(number)
        if block.kind == "body":
            self._body_paragraph(number, line, block, new_paragraph=True)
            return
        marker = match.group("marker")
        try:
            point_number = from_zh(match.group("num"))
        except ValueError:
            raise ParseError(number, f"無法辨識的項次「{marker}」") from None
        expected = block.markers + 1
        if point_number != expected:
            # The points carry no numbers of their own, so a gap would silently renumber the record.
            raise ParseError(
                number, f"{block.what}的項次「{marker}」不連續：此處應為「{to_paren(expected)}」"
            )
        block.markers += 1
        block.entries.append(match.group("rest"))
        block.entry_lines.append(number)

    def _plain(self, number: int, line: str) -> None:
        block = self._current_block(number)
        if block.kind == "body":
            self._body_paragraph(number, line, block, new_paragraph=False)
        elif block.markers:
            # After (一)(二)…, an unmarked line is the rest of the last point (a wrapped line or 1. 2.).
            block.entries[-1] = _join(block.entries[-1], line)
        elif block.entries and (block.entries[-1][-1] not in _SENTENCE_END or _SUB_MARKER_RE.match(line)):
            block.entries[-1] = _join(block.entries[-1], line)
        else:
            block.entries.append(line)
            block.entry_lines.append(number)

    def _body_paragraph(self, number: int, line: str, block: _Block, new_paragraph: bool) -> None:
        if self.awaiting_title is not None:
            self.awaiting_title.title = line
            self.awaiting_title = None
            if self.item is not None:
                self._maybe_wrapped(self.item)
            return
        entries = block.entries
        if (
            entries
            and not new_paragraph
            and entries[-1][-1] not in _SENTENCE_END
            and not _SUB_MARKER_RE.match(line)
            and not _LABEL_START_RE.match(line)
        ):
            entries[-1] = _join(entries[-1], line)
        else:
            entries.append(line)
            block.entry_lines.append(number)

    def _current_block(self, number: int) -> _Block:
        if self.block is None:  # cannot happen once a section exists; kept as a clear error, not a crash
            raise ParseError(number, "無法歸類的文字")
        return self.block

    def _close_block(self) -> None:
        block = self.block
        if block is None:
            return
        if self.awaiting_title is not None:
            raise ParseError(self.awaiting_title.line, f"{block.what}沒有標題")
        if block.kind != "body":
            if not block.entries:
                raise ParseError(block.line, f"{block.what}之後沒有內容")
            for text, line in zip(block.entries, block.entry_lines, strict=True):
                if not text:
                    raise ParseError(line, f"{block.what}的項次內容空白")
        self.block = None

    # -- adjournment --------------------------------------------------------------------------------------

    def _split_adjournment(self, line: str) -> tuple[str, str | None]:
        """散會(10時45分) alone, or glued to the end of the last line by the converter: (rest, time)."""
        starts = list(_ADJOURN_START_RE.finditer(line))
        if not starts:
            return line, None
        start = starts[-1].start()
        match = _ADJOURN_RE.match(line[start:])
        if match is None:
            return line, None
        time_text = match.group("paren") if match.group("paren") is not None else match.group("colon")
        time_text = (time_text or "").strip()
        before = line[:start].rstrip()
        # 陸、散會：下午 4 時 10 分: some offices number the adjournment like a section.
        if _BULLET_ONLY_RE.fullmatch(before) or _SECTION_PREFIX_RE.fullmatch(before):
            before = ""
        # Glued only after a finished sentence or with a time: 會後宣布散會 is a sentence, not the end.
        if before and (not self.sections or not (time_text or before[-1] in _SENTENCE_END)):
            return line, None
        return before, time_text

    def _adjourn(self, number: int, time_text: str) -> None:
        if time_text:
            try:
                self.adjourned_at = parse_roc_time(time_text)
            except ValueError:
                raise ParseError(
                    number, f"無法辨識散會時間「{time_text}」（應為「10時45分」等形式）"
                ) from None
        self.adjourned_line = number


def _clean(line: str) -> str:
    return _EDGE_SPACE_RE.sub("", line)


def parse_minutes(text: str) -> ParsedMeeting:
    """Reads a meeting record's text into a ParsedMeeting; anything it cannot place is a ParseError."""
    if not isinstance(text, str):
        raise TypeError("parse_minutes 需要字串")
    return _Reader().read(text)
