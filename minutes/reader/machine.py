"""Reads the plain text of a meeting record into plain data, with no Django involved.

The text may come from any converter: pdftotext (hard-wrapped lines, form feeds, page numbers, the title
repeated as a running header), Word "save as text" (tabs, full-width spaces, CR line ends), a copy from a web
page or an e-mail. `lines.prepare` and `lines.drop_furniture` remove what the converter added,
`tables.find_tables` reads the tables of tracked cases as blocks and `lines.mark_full` marks the lines the
converter cut at the page width. The reader then takes the lines one by one in its phase (rules.Phase): it
tries the phase's rows of the table (rules.RULES) in order and calls the handler of the first that matches
(`_header_<row>` in the header, `_on_<row>` in the body); what no row takes is text, joined to where it belongs.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from minutes.reader.casenumbers import read_case_number
from minutes.reader.cases import decides, read_cases
from minutes.reader.lines import Line, display_width, drop_furniture, join_lines, mark_full, prepare
from minutes.reader.numerals import from_zh, from_zh_formal, parse_number, to_paren, to_zh_formal
from minutes.reader.parsed import (
    ParsedConclusion,
    ParsedItem,
    ParsedMeeting,
    ParsedReport,
    ParsedRow,
    ParsedSection,
    ParsedTable,
    ParseError,
    Text,
    Wording,
)
from minutes.reader.proposals import part_start, read_parts, stock_outcome
from minutes.reader.rocdate import parse_roc_date, parse_roc_datetime, parse_roc_time
from minutes.reader.rules import (
    ADJOURN_RE,
    ADJOURN_START_RE,
    ADJOURN_TIME_FIRST_RE,
    AFTER_ADJOURNMENT,
    ATTACHMENT_RE,
    BULLET_ONLY_RE,
    BULLET_RE,
    CASE_ENTRY_RE,
    CASE_FIELD_RE,
    CASE_MARK_RE,
    CJK_RE,
    CLOSING,
    COMPLETE_TITLE_RE,
    COMPOUND_SURNAMES,
    FINISHED_LINE_END,
    FULLWIDTH_DIGITS,
    HEADER_LABELS,
    HEADER_RE,
    INNER_HEADER_RE,
    ITEM_RE,
    LABEL_START_RE,
    LONG_ATTACHMENT,
    MAX_NUMBER,
    MEETING_ENDED_RE,
    NUMBERED_HEADER_RE,
    ONE_VALUE_HEADERS,
    PARAGRAPH_END,
    POINT_RE,
    PROPOSER_RE,
    REVIEW_TITLE_RE,
    RULE,
    SECTION_PREFIX_RE,
    SECTION_RE,
    SENTENCE_END,
    SIGNATURE_AFTER_RE,
    SPACED_DIGITS_RE,
    SUB_MARKER_RE,
    TIME_IN_PARENS_RE,
    TITLE_END,
    TITLE_GOES_ON_RE,
    TITLE_LIKE_RE,
    TITLE_RE,
    TITLES,
    UNIT_SUFFIXES,
    UNIT_TITLE_RE,
    UNKNOWN_LABEL_RE,
    UNNUMBERED_SECTION_RE,
    YEAR_PREFIX_RE,
    Phase,
    Rule,
    compact_text,
    expected,
    kind_ahead,
    label_of,
    rules_for,
)
from minutes.reader.sentences import outcome_of
from minutes.reader.tables import FoundTable, cell_case_number, find_tables

# A review's title is short (上次會議決定事項辦理情形); a longer line ending so was more likely cut there.
SHORT_REVIEW_TITLE = 16


def split_report_heading(heading: str) -> tuple[str, str, str]:
    """文書組高組長 → (文書組, 高, 組長); 林副秘書長 → ("", 林, 副秘書長); unreadable → ("", "", "")."""
    compact = re.sub(r"\s+", "", heading)
    for title in TITLES:
        if compact.endswith(title) and len(compact) > len(title):
            prefix = compact[: -len(title)]
            break
    else:
        return "", "", ""
    for surname_length in (2, 1):
        surname = prefix[-surname_length:]
        if len(prefix) < surname_length or (surname_length == 2 and surname not in COMPOUND_SURNAMES):
            continue
        if not CJK_RE.fullmatch(surname):
            continue
        unit = prefix[:-surname_length]
        if not unit or unit.endswith(UNIT_SUFFIXES):
            return unit, surname, title
    return "", "", ""


@dataclass
class _Block:
    """Where plain lines go now: a section or item body, a report, or a conclusion."""

    kind: str  # "body", "report" or "conclusion"
    entries: list[str]
    line: int
    what: str  # how the error messages name the block: 「文書組高組長補充報告」
    markers: int = 0  # points seen so far: (一)(二)…, or 一、二、 / 1. 2. when the block is such a list
    entry_lines: list[int] = field(default_factory=list)
    # "zh" (一、) or "arabic" (1.) when the block is a list that started right after its label
    numbered: str = ""
    list_next: int = 0
    owner: ParsedItem | None = None  # the item whose body this is (its parts are read off it on closing)
    part: str = ""  # the proposal's part the body is in (說明, 辦法): its numbered lines are its points
    case_line: int = 0  # the line of the case the body is reviewing in running text (列管第 8802 案：…)
    case_decided: bool = False  # that case's decision (決定：解除列管。) has been read
    holder: ParsedItem | ParsedSection | None = None  # whose body this is


class _Reader:
    def __init__(self) -> None:
        self.pre_title: list[tuple[int, str, bool]] = []  # line, text, within the carrier
        self.title_line = 0
        self.organisation = ""
        self.kind = ""
        self.number = 0
        self.headers: dict[str, tuple[str, int]] = {}
        self.counts: list[str] = []  # 應出席人數：86人, …
        self.last_header = ""
        self.starts_at: dt.datetime | None = None
        self.date: dt.date | None = None  # from 日期：, when the time has a line of its own
        self.sections: list[ParsedSection] = []
        self.arabic_sections: set[int] = set()  # positions of sections whose items are numbered 1、2、
        self.paren_sections: set[int] = set()  # positions of sections whose items are numbered (一)(二)
        self.item: ParsedItem | None = None
        self.block: _Block | None = None
        self.awaiting_title: ParsedItem | None = None
        self.wrapped_title: ParsedItem | ParsedSection | None = None
        self.titled: ParsedItem | ParsedSection | None = None  # whose title the previous line wrote
        self.adjourned_at: dt.time | None = None
        self.adjourned_line = 0
        self.adjourned_text = ""
        self.attachments: list[Text] = []
        self.labels: dict[str, str] = {}  # the header's labels as written, by field
        self.header_numbered = ""  # "一" or "壹" when the header's fields are numbered like a list (一、開會時間：…)
        self.title = ""
        self.proposals: list[ParsedItem] = []  # items numbered 提案一, 第一案, 案由一
        self.title_lines: dict[int, int] = {}  # the line of a title given below its number (第一案 / 案由：…)
        self.adjournment = ""  # 散會 as written
        self.phase = Phase.TITLE
        self.title_complete = False  # the previous line ended a title that needs no more (see _line)
        self.lines: list[Line] = []
        self.index = 0
        self.previous: Line | None = None
        self.current = Line(0, "")
        # 一、主席致詞 二、業務報告 (一)…: no 壹、貳、, the agenda is numbered 一、 and its items (一).
        self.shifted = False
        self.page_width = 0
        self.after_title = False

    # -- driving ------------------------------------------------------------------------------------------

    def read(self, text: str) -> ParsedMeeting:
        lines = prepare(text)
        if not lines:
            raise ParseError(1, "內容空白，沒有可以匯入的會議紀錄")
        lines = drop_furniture(lines)
        self.tables = find_tables(lines)
        self.lines = mark_full(lines)
        self.shifted = _agenda_numbered_like_items(self.lines)
        skip_to = 0
        for index, line in enumerate(self.lines):
            if index < skip_to:
                continue
            self.index, self.current = index, line
            self.title_complete = False
            if self.phase is Phase.BODY and (table := self.tables.get(index)) is not None:
                self._table(table)
                skip_to = table.end
                self.previous = self.lines[table.end - 1]
                continue
            if self.phase in (Phase.TITLE, Phase.CARRIER):
                self._title_stage(line.number, line.text)
            elif self.phase is Phase.ADJOURNED:
                self._adjourned(line)
            elif self.phase in AFTER_ADJOURNMENT:
                self._after_adjournment(line)
            else:
                rest, adjournment = self._split_adjournment(line.text)
                if rest:
                    self._line(line.number, rest)
                if adjournment is not None:
                    self._adjourn(line.number, adjournment, line.text[len(rest) :].strip())
            self.previous = line
        return self._finish()

    def _dispatch(self, number: int, text: str, line: str) -> bool:
        """Tries the phase's rows of the table in order: the first that matches and whose handler
        answers decides (True: the line is that part; False: it stays text). A handler that answers None
        passes the line on to the next row, as docutils' TransitionCorrection does."""
        mid = self.mid_sentence
        for rule, handler in _handled_rules(self.phase, self.shifted):
            if (rule.not_mid and mid) or (match := rule.pattern.match(text)) is None:
                continue
            taken = handler(self, number, match, line)
            if taken is not None:
                return taken
        return False

    @property
    def previous_open(self) -> bool:
        """The previous line stopped without closing punctuation: its sentence may go on."""
        return self.previous is not None and self.previous.text[-1] not in TITLE_END

    @property
    def previous_full(self) -> bool:
        return self.previous is not None and self.previous.full

    @property
    def mid_sentence(self) -> bool:
        """The converter cut the previous line at the page width in the middle of a sentence."""
        if self.title_complete:
            return False
        if self.previous is not None and self.previous.exact:
            # Cut at a character count, wherever the sentence was; after a full stop it may also be a
            # paragraph that happened to be that long.
            return self.previous.text[-1] not in PARAGRAPH_END
        return self.previous_full and self.previous_open

    def _join(self, previous: str, following: str) -> str:
        """join for the current line: a continuation of `previous`, which ended on the line before."""
        glue = None
        if self.previous is not None and self.previous.exact:
            glue = " " if self.previous.space_after or self.current.space_before else ""
        spaced = (self.previous is not None and self.previous.space_after) or self.current.space_before
        return join_lines(previous, following, self.previous_full, glue, spaced)

    def _finish(self) -> ParsedMeeting:
        if not self.title_line:
            first = self.pre_title[0][0] if self.pre_title else 1
            raise ParseError(first, "找不到會議紀錄標題（應為「○○第 N 次○○會議紀錄」）")
        if not self.sections:
            self._read_header()
        self._close_block()
        self._read_adjournment()
        self._read_case_marks()
        if self.starts_at is None and self.date is not None:
            self.starts_at = dt.datetime.combine(self.date, dt.time())
        if self.starts_at is None:
            raise ParseError(self.title_line, "缺少「時間：」欄位，無法得知開會日期")
        if not self.sections:
            raise ParseError(self.title_line, "找不到任何段落（壹、貳、參…），紀錄沒有內容")

        def value(key: str) -> str:
            text, line = self.headers.get(key, ("", 0))
            return Text(text, line)

        for holder in (holder for section in self.sections for holder in (section, *section.items)):
            if holder.conclusion is not None:
                holder.conclusion.outcome = stock_outcome(holder.conclusion.points)
            # Cases in running text, and an item that is one case (一、列管案號 5101：… / 決定：本案解除列管。).
            title = [Text(holder.title, holder.line)] if isinstance(holder, ParsedItem) else []
            conclusion = list(holder.conclusion.points) if holder.conclusion is not None else []
            if cases := read_cases([*title, *holder.body], conclusion=conclusion if title else []):
                holder.cases = sorted([*holder.cases, *cases], key=lambda row: row.line)

        return ParsedMeeting(
            organisation=self.organisation,
            kind=self.kind,
            number=self.number,
            starts_at=self.starts_at,
            place=value("place"),
            chair=value("chair"),
            recorder=value("recorder"),
            attendees="；".join(part for part in (value("attendees"), "，".join(self.counts)) if part),
            observers=value("observers"),
            absentees=value("absentees"),
            sections=self.sections,
            adjourned_at=self.adjourned_at,
            attachments=self.attachments,
            wording=Wording(
                title=self.title,
                labels={key: label for key, label in self.labels.items() if key != "count"},
                time=value("time"),
                date=value("date"),
                adjournment=Text(self.adjournment, self.adjourned_line),
                header_numbered=self.header_numbered,
            ),
        )

    # -- title and header ---------------------------------------------------------------------------------

    def _title_stage(self, number: int, line: str) -> None:
        """A line before the title: what carried the record (dropped), the organisation's line, or the title.

        An e-mail's header lines or greeting, or a web page's path or navigation, start the carrier: from
        then on, until the title, the letter around the record is the carrier's too."""
        rule = self._carrier_rule(line)
        if rule is not None:
            if rule.name in ("breadcrumb", "web_navigation"):
                # The site's name above its navigation (財政部關務署基隆關 / ::: / 首頁 / …): the page's, too.
                self.pre_title = [
                    (at, text, carried or not _SENTENCE_MARKS_RE.search(text)) for at, text, carried in self.pre_title
                ]
            self.phase = Phase.CARRIER
            return
        match = TITLE_RE.match(line) or self._wrapped_title(line)
        if match is None:
            if TITLE_LIKE_RE.search(line):
                raise ParseError(number, "標題缺少會議次數（應為「○○第 N 次○○會議紀錄」）")
            self.pre_title.append((number, line, self.phase is Phase.CARRIER))
            return
        organisation = match.group("org").strip()
        title_lines = []
        # The organisation centred on a line of its own above 第 108 次處務會議紀錄 (or 113 年第 5 次…): the
        # line right above, after nothing but the carrier's lines.
        if (
            (not organisation or YEAR_PREFIX_RE.match(organisation))
            and self.pre_title
            and all(carried for _, _, carried in self.pre_title[:-1])
        ):
            title_lines.append(self.pre_title.pop()[1])
            organisation = title_lines[0] + organisation
        unplaced = [(line_number, text) for line_number, text, carried in self.pre_title if not carried]
        if unplaced:
            line_number, text = unplaced[0]
            raise ParseError(
                line_number,
                f"標題之前有無法歸類的文字「{_shown(text)}」：標題之前只能有"
                f"{expected('email_header', 'greeting', 'breadcrumb', 'web_navigation')}，或機關名稱一行",
            )
        # １１３學年度, 113 學年度 and 113學年度 are one series: digits in ASCII, no spaces around them.
        organisation = SPACED_DIGITS_RE.sub(r"\1", organisation.translate(FULLWIDTH_DIGITS))
        if not organisation:
            raise ParseError(number, "標題缺少機關名稱（應為「○○第 N 次○○會議紀錄」）")
        try:
            meeting_number = parse_number(match.group("num"))
        except ValueError:
            raise ParseError(number, f"無法辨識會議次數「{match.group('num')}」") from None
        if meeting_number < 1:
            raise ParseError(number, "會議次數必須大於 0")
        self.title_line = number
        self.title = "\n".join(title_lines + [match.string])
        self.organisation = organisation
        self.number = meeting_number
        kind = match.group("kind").strip()
        # 部務會報 keeps its word; 處務會議 is stored as 處務.
        self.kind = kind + "會報" if match.group("meeting") == "會報" else kind
        self.phase = Phase.HEADER

    def _carrier_rule(self, line: str) -> Rule | None:
        return next(
            (rule for rule in rules_for(self.phase, shifted=False) if rule.opens == "carrier" and rule.matches(line)),
            None,
        )

    def _wrapped_title(self, line: str) -> re.Match[str] | None:
        """A title the converter wrapped over two or three lines: 國立○○大學 113 學年度第 3 次行政會議紀 / 錄,
        臺北市立圖書館 / 第 12 次館務會議 / 紀錄. The pieces above have no punctuation of a sentence."""
        pieces: list[str] = []
        for _, text, _ in reversed(self.pre_title[-2:]):
            if _SENTENCE_MARKS_RE.search(text):
                break
            pieces.insert(0, text)
            joined = TITLE_RE.match("".join(pieces) + line)
            if joined is not None and joined.group("org").strip():
                del self.pre_title[-len(pieces) :]
                return joined
        return None

    def _header_stage(self, number: int, line: str, structural: str) -> None:
        """A line between the title and the first section: fields, or the rest of the last field."""
        if not self._dispatch(number, structural, line):
            self._header_fields(number, line)

    # The header's rows of the table (see rules.RULES); each answers True (taken) or None (not this row).

    def _header_numbered_header(self, number: int, match: re.Match[str], line: str) -> bool | None:
        # 一、開會時間：… — some offices number the header fields like a list.
        if not HEADER_RE.match(match.group("field")):
            return None
        # 一、 or 壹、: the numerals the header is printed back with.
        self.header_numbered = self.header_numbered or ("壹" if match.group("numeral")[0] in "壹貳參叁叄肆伍陸柒捌玖拾" else "一")
        self._header_fields(number, match.group("field"))
        return True

    def _header_agenda_item(self, number: int, match: re.Match[str], line: str) -> bool:
        self._agenda_section(number, match.group("num"), match.group("rest"), match.string)
        return True

    def _header_section(self, number: int, match: re.Match[str], line: str) -> bool:
        self._numbered_section(number, match)
        return True

    def _header_unnumbered_section(self, number: int, match: re.Match[str], line: str) -> bool:
        self._section(number, None, match.string.rstrip("：:︰"), "")
        return True

    def _header_header_field(self, number: int, match: re.Match[str], line: str) -> bool:
        self._header_fields(number, line)
        return True

    def _header_continued_line(self, number: int, match: re.Match[str], line: str) -> bool | None:
        """The rest of a field the converter cut: whatever the line looks like, it goes on the last field."""
        if not (self.mid_sentence or line[0] in CLOSING):
            return None
        self._header_fields(number, line)
        return True

    def _header_web_footer(self, number: int, match: re.Match[str], line: str) -> bool:
        return True  # the web page's own line (發布單位：秘書室) inside the record it shows: not the record's

    def _header_bare_header_field(self, number: int, match: re.Match[str], line: str) -> bool:
        self._header(number, match.group("label"), match.group("value").strip())
        return True

    @staticmethod
    def _refused_in_header(name: str):
        def handler(self: _Reader, number: int, match: re.Match[str], line: str) -> bool:
            raise ParseError(
                number,
                f"{RULE[name].what}「{_shown(match.string)}」出現在任何段落（壹、貳、參…）之前；"
                f"標題與第一個段落之間只能有{expected('header_field', 'section')}",
            )

        return handler

    _header_item = _refused_in_header("item")
    _header_case_item = _refused_in_header("case_item")
    _header_proposal_item = _refused_in_header("proposal_item")
    _header_conclusion = _refused_in_header("conclusion")
    _header_conclusion_alone = _refused_in_header("conclusion_alone")
    _header_report = _refused_in_header("report")

    def _header_fields(self, number: int, line: str) -> None:
        """主席：王局長明華          紀錄：李小美 holds two fields; a line without a label continues the last."""
        first = HEADER_RE.match(line)
        start = first.start("value") if first is not None else 0
        starts = [match.start() for match in INNER_HEADER_RE.finditer(line, start)]
        ends = [*starts[1:], len(line)] if starts else []
        head = line[: starts[0]].rstrip() if starts else line
        segments = [line[begin:end].strip() for begin, end in zip(starts, ends, strict=True)]
        if first is None:
            if head:
                self._header_continuation(number, head)
        else:
            segments.insert(0, head)
        for segment in segments:
            # Each segment starts with its label: the head keeps the line's own, the others were found so.
            match = HEADER_RE.match(segment)
            if match is None:  # pragma: no cover - kept as a clear error rather than a crash
                raise ParseError(number, f"無法辨識的欄位「{segment}」")
            self._header(number, match.group("label"), match.group("value").strip())

    def _header(self, number: int, label: str, value: str) -> None:
        label = re.sub(r"\s+", "", label)
        key = HEADER_LABELS[label]
        self.labels.setdefault(key, label)
        if key == "count":
            self.counts.append(f"{label}：{value}")
            self.last_header = ""  # a count does not go on over lines
            return
        if key in self.headers:
            raise ParseError(number, f"「{label}」欄位重複（第 {self.headers[key][1]} 行已有）")
        self.headers[key] = (value, number)
        self.last_header = key

    def _header_continuation(self, number: int, line: str) -> None:
        # Attendee lists and places wrap onto the next lines; a date only when the converter cut its line.
        value, first_line = self.headers.get(self.last_header, ("", 0))
        if self.last_header in ONE_VALUE_HEADERS and (unknown := UNKNOWN_LABEL_RE.match(line)):
            # 紀錄：王小明 then 應出席人數：30人 — not the recorder's name going on.
            raise ParseError(
                number,
                f"無法辨識的欄位「{unknown.group('label')}」：標題與第一個段落之間只能有"
                f"{expected('header_field', 'section')}；請刪除這一行，或把它併入出席欄",
            )
        if self.last_header == "" or (
            self.last_header in ("time", "date")
            and not self.previous_full
            and line[0] not in CLOSING
            and not (not _readable_time(value) and _readable_time(join_lines(value, line)))
        ):
            raise ParseError(
                number,
                f"無法歸類的文字「{_shown(line)}」：標題與第一個段落之間只能有{expected('header_field', 'section')}",
            )
        joined = self._join(value, line)
        # 紀錄： cut in two by the page width shows up only once the pieces are joined.
        starts = [match.start() for match in INNER_HEADER_RE.finditer(joined)]
        self.headers[self.last_header] = (joined[: starts[0]].rstrip() if starts else joined, first_line)
        for begin, end in zip(starts, [*starts[1:], len(joined)][: len(starts)], strict=True):
            match = HEADER_RE.match(joined[begin:end].strip())
            if match is not None:
                self._header(number, match.group("label"), match.group("value").strip())

    def _read_header(self) -> None:
        """Reads the date and time once the header is complete (the converter may have wrapped them)."""
        if "date" in self.headers:
            value, number = self.headers["date"]
            try:
                self.date = parse_roc_date(value.rstrip("。．."))
            except ValueError as exc:
                raise ParseError(number, f"無法辨識會議日期「{value}」：{exc}") from None
        if "time" in self.headers:
            value, number = self.headers["time"]
            self.starts_at = self._read_time(number, value.rstrip("。．."))

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

    # -- the body -----------------------------------------------------------------------------------------

    def _line(self, number: int, line: str) -> None:
        structural = BULLET_RE.sub("", line, count=1)
        if not self.sections:
            self._header_stage(number, line, structural)
            return
        wrapped, self.wrapped_title = self.wrapped_title, None
        titled, self.titled = self.titled, None
        self.after_title = titled is not None  # the line above was a heading: this one starts afresh
        # The previous line finished a title (…業務報告) even if it filled the line: this one starts afresh.
        self.title_complete = titled is not None and wrapped is None and bool(titled.title)
        continues = line[0] in CLOSING  # Chinese typesetting never starts a line with 。，、）
        if continues and titled is not None:
            wrapped = titled
        if not continues and self._dispatch(number, structural, structural):
            return
        point = None if continues or self.shifted else POINT_RE.match(structural)
        # A title that fills the line and ends like a complete one (…業務報告) is not continued by 說明：.
        complete = (
            wrapped is not None and COMPLETE_TITLE_RE.search(wrapped.title) and LABEL_START_RE.match(line)
        )
        # 1. or (1) opens the item's list: a title cut at the page width does not go on with it (the PDF
        # never starts a printed line there), unless the converter cut at an exact character count.
        if wrapped is not None and SUB_MARKER_RE.match(line) and not (self.previous and self.previous.exact):
            complete = True
        if (
            wrapped is not None
            and point is None
            and (continues or (self.mid_sentence and not complete) or self._continues_title(line))
            and not self._indented_below_title()
        ):
            wrapped.title = self._join(wrapped.title, line)
            self._maybe_wrapped(wrapped)
        else:
            self._plain(number, line)

    # The body's rows of the table (see rules.RULES): True, the line is that part; False, it stays text.

    def _on_blank_signature(self, number: int, match: re.Match[str], line: str) -> bool:
        return True  # 主席：＿＿＿　紀錄： printed on every page: nothing of the record

    def _on_agenda_item(self, number: int, match: re.Match[str], line: str) -> bool:
        return self._agenda_section(number, match.group("num"), match.group("rest"), line)

    def _on_agenda_point(self, number: int, match: re.Match[str], line: str) -> bool:
        return self._numbered(number, "paren_zh", match.group("num"), match.group("rest"), line)

    def _on_section(self, number: int, match: re.Match[str], line: str) -> bool:
        return self._numbered_section(number, match)

    def _on_unnumbered_section(self, number: int, match: re.Match[str], line: str) -> bool:
        self._section(number, None, line.rstrip("：:︰"), "")
        return True

    def _on_item(self, number: int, match: re.Match[str], line: str) -> bool:
        return self._numbered(number, "zh", match.group("num"), match.group("rest"), line)

    def _on_arabic_item(self, number: int, match: re.Match[str], line: str) -> bool:
        return self._numbered(number, "arabic", match.group("num"), match.group("rest"), line)

    def _on_paren_arabic_item(self, number: int, match: re.Match[str], line: str) -> bool:
        return self._numbered(number, "paren", match.group("num"), match.group("rest"), line)

    def _on_case_item(self, number: int, match: re.Match[str], line: str) -> bool:
        rest = match.group("rest") or match.groupdict().get("spaced") or ""
        return self._numbered(number, "case", match.group("num"), rest, line)

    _on_proposal_item = _on_case_item

    def _on_opening_part(self, number: int, match: re.Match[str], line: str) -> None:
        """說明：, 辦法：… in an item's body: the numbered lines that follow are this part's points, so the
        part's list starts afresh. The line itself stays a paragraph of the body (None: read on as text)."""
        block = self.block
        if block is None or block.kind != "body" or self.item is None:
            return
        block.part = re.sub(r"\s+", "", match.group("label"))
        block.numbered, block.list_next = "", 0
        # 說明：一、依據… — the part's list starts on its label's line.
        for style, name in (("zh", "item"), ("arabic", "arabic_item")):
            if (first := RULE[name].matches(match.group("rest"))) and first.group("num") in ("一", "1", "１"):
                block.numbered, block.list_next = style, 2
        return

    _on_later_part = _on_opening_part

    def _on_case_entry(self, number: int, match: re.Match[str], line: str) -> bool | None:
        """列管第 8802 案：… starts a paragraph of its own; the labels after it are that case's."""
        block = self.block
        if block is None or block.kind != "body" or self.awaiting_title is not None:
            return None
        if not self.after_title and self.previous is not None and self.previous.text[-1] not in FINISHED_LINE_END:
            return None  # the sentence above goes on: …依 / 列管案號 8802 之辦理情形
        self._body_paragraph(number, line, block, new_paragraph=True)
        return True

    def _on_conclusion(self, number: int, match: re.Match[str], line: str) -> bool:
        rest = match.groupdict().get("rest") or ""
        block = self.block
        if (
            block is not None
            and block.kind == "body"
            and block.case_line
            and not block.case_decided
            and outcome_of(rest) is not None
        ):
            # 決定：解除列管。 right after 列管第 8802 案： and its 辦理情形: that case's decision, not the item's.
            self._body_paragraph(number, line, block, new_paragraph=True)
            block.case_decided = True
            return True
        self._conclusion(number, label_of(match), rest)
        return True

    _on_conclusion_alone = _on_conclusion

    def _on_report(self, number: int, match: re.Match[str], line: str) -> bool:
        label = re.sub(r"\s+", "", match.group("rlabel"))
        self._report(number, match.group("heading").strip(), match.group("rest"), label)
        return True

    def _on_point(self, number: int, match: re.Match[str], line: str) -> bool:
        return self._paren_item(number, line, match) or self._point(number, line, match)

    def _indented_below_title(self) -> bool:
        """四、人文課 then an indented line: the title stops well short of the page's right edge, so the
        converter did not cut it, and the indented line starts the body. A title the converter cut reaches
        the edge; its rest, even set in with a hanging indent, goes on with it."""
        previous, current = self.previous, self.current
        if previous is None or previous.full or previous.exact or not current.raw:
            return False
        if current.indent < previous.indent + 2:
            return False
        if not self.page_width:
            self.page_width = _page_width(self.lines)
        return display_width(previous.raw.rstrip().expandtabs(8)) * 10 < self.page_width * 6

    @staticmethod
    def _continues_title(line: str) -> bool:
        return not SUB_MARKER_RE.match(line) and not LABEL_START_RE.match(line)

    def _numbered_section(self, number: int, match: re.Match[str]) -> bool:
        numeral = match.group("num")
        try:
            section_number = from_zh_formal(numeral)
        except ValueError:
            if self.sections and self.previous_open:
                return False
            raise ParseError(number, f"無法辨識的段落編號「{numeral}」") from None
        if self.sections and section_number <= self.sections[-1].number and self.previous_open:
            return False  # 第壹、貳 in a sentence the converter cut, not a section out of order
        self._section(number, section_number, match.group("rest"), numeral)
        return True

    def _agenda_section(self, number: int, numeral: str, title: str, line: str) -> bool:
        """一、 opening a section in a record whose agenda is numbered like items (see `shifted`)."""
        try:
            value = parse_number(numeral)
        except ValueError:
            if self.previous_open:
                return False
            raise ParseError(number, f"無法辨識的段落編號「{numeral}」") from None
        expected = self.sections[-1].number + 1 if self.sections else 1
        block = self.block
        if block is not None and self.sections:
            # 決議： followed by 一、二、: its points, unless the number opens the next section and the line
            # reads like a heading rather than a sentence.
            if block.numbered == "zh" and value == block.list_next:
                if value != expected or line[-1] in SENTENCE_END:
                    self._list_entry(number, line, title, block, value)
                    return True
            elif value == 1 and self._list_may_start(block):
                block.numbered = "zh"
                self._list_entry(number, line, title, block, value)
                return True
        if self.mid_sentence and value != expected:
            return False
        if not 1 <= value <= MAX_NUMBER or (self.sections and value <= self.sections[-1].number):
            if self.previous_open and self.sections:
                return False
            if not 1 <= value <= MAX_NUMBER:
                raise ParseError(number, f"段落編號「{numeral}」超出範圍（應為一到九十九）")
        self._section(number, value, title, numeral)
        return True

    def _section(self, number: int, section_number: int | None, title: str, numeral: str) -> None:
        if not self.sections:
            self._read_header()
            self.phase = Phase.BODY
        self._close_block()
        previous = self.sections[-1] if self.sections else None
        given = section_number is not None
        if section_number is None:
            section_number = previous.number + 1 if previous else 1
            if section_number > MAX_NUMBER:
                raise ParseError(number, f"段落「{title}」沒有編號，且前一段已是最後的編號玖拾玖")
        elif previous is not None and section_number <= previous.number:
            raise ParseError(
                number,
                f"段落編號「{numeral}」未依序："
                f"前一段（第 {previous.line} 行）已是「{to_zh_formal(previous.number)}」",
            )
        if not title:
            raise ParseError(number, f"段落「{numeral}、」沒有標題")
        section = ParsedSection(
            number=section_number,
            title=title,
            line=number,
            number_given=given,
            wording=Wording(numbering=_numbering(numeral)),
        )
        self.sections.append(section)
        self.item = None
        self.block = _Block("body", section.body, number, f"段落「{title}」", holder=section)
        self._maybe_wrapped(section)

    def _numbered(self, number: int, style: str, numeral: str, title: str, line: str) -> bool:
        """一、 1. 第一案 案由一：: a new item, the next entry of a list in the current block, or text."""
        try:
            value = parse_number(numeral)
        except ValueError:
            if self.previous_open or style in ("arabic", "paren"):
                return False
            raise ParseError(number, f"無法辨識的項目編號「{numeral}」") from None
        section = self.sections[-1]
        last = section.items[-1] if section.items else None
        expected = last.number + 1 if last is not None else 1
        block = self._current_block(number)
        # 二、案由：… opens the next proposal, whatever list the one before it ends with.
        opens_proposal = value == expected and part_start(title) is not None
        if style != "case" and not opens_proposal:
            # 決議： followed by 一、二、 (or 說明： by 1. 2.): the block's own list, not new items.
            if block.numbered == style and value == block.list_next:
                if value != expected or not self._next_is_item(block):
                    self._list_entry(number, line, title, block, value)
                    return True
            elif value == 1 and self._list_may_start(block):
                block.numbered = style
                self._list_entry(number, line, title, block, value)
                return True
        if style == "paren":
            return False  # (1) never opens an item
        in_part = block.kind == "body" and block.part and not opens_proposal and style in ("zh", "arabic")
        if in_part and (value < expected or self._next_kind() == "part"):
            # 說明： then 二、 that cannot be the next item (it would be out of order), or with 辦法： still to
            # come: the part's point, never an agenda item.
            self._body_paragraph(number, line, block, new_paragraph=True)
            return True
        if style in ("zh", "arabic") and self.item is not None and self.item in self.proposals:
            # Under 提案一 or 第一案, 一、 and 1. are the proposal's points (of 說明, 辦法…), never items.
            if block.kind != "body":
                return False
            self._body_paragraph(number, line, block, new_paragraph=True)
            return True
        if style == "arabic":
            # 1、 opens items only where an item can begin: first in a section, or next after item 1、.
            first = self.item is None and last is None and value == 1
            following = (
                len(self.sections) - 1 in self.arabic_sections and self.item is last and value == expected
            )
            if not (first or following):
                return False
            self.arabic_sections.add(len(self.sections) - 1)
        if self.mid_sentence and value != expected:
            return False
        if not 1 <= value <= MAX_NUMBER:
            if self.previous_open:
                return False
            raise ParseError(number, f"項目編號「{numeral}」超出範圍（應為一到九十九）")
        if last is not None and value <= last.number:
            if self.previous_open:
                return False
            raise ParseError(
                number,
                f"項目編號「{numeral}」未依序：前一項（第 {last.line} 行）已是第 {last.number} 項",
            )
        self._item(number, value, title, line[: len(line) - len(title)].strip() if title else line)
        if style == "case":
            self.proposals.append(self.item)
        return True

    def _list_may_start(self, block: _Block) -> bool:
        if block.markers or block.numbered:
            return False
        if block.part:
            return True  # 說明： or 辦法：, then 一、: the part's points, whatever its first line said
        if block.kind in ("conclusion", "report"):
            return not block.entries  # right after 決議： or 補充報告：
        # 說明： ending an item's body paragraph, or 人事室報告： ending its title, announces a list.
        if self.item is None:
            return False
        if block.entries:
            return block.entries[-1][-1] in "：:︰"
        return bool(self.item.title) and self.item.title[-1] in "：:︰"

    def _list_entry(self, number: int, line: str, text: str, block: _Block, value: int) -> None:
        block.list_next = value + 1
        if block.kind == "body":
            self._body_paragraph(number, line, block, new_paragraph=True)
            return
        block.markers += 1
        block.entries.append(text)
        block.entry_lines.append(number)

    def _next_is_item(self, block: _Block) -> bool:
        """Whether a number that both continues the block's list and the items opens an item.

        It does when what follows belongs to an item's start (說明：, or a conclusion or report after a
        conclusion list), not to a list entry.
        """
        following = self._next_kind()
        if block.kind == "conclusion":
            return following in ("conclusion", "report", "label")
        return following == "label"

    def _next_kind(self) -> str:
        """What the next line that opens something opens (see rules.kind_ahead); "end" at 散會 or the end."""
        for line in self.lines[self.index + 1 : self.index + 60]:
            if line.table:
                return "table"
            text = BULLET_RE.sub("", line.text, count=1)
            if kind := kind_ahead(text):
                return kind
            if ADJOURN_START_RE.match(text):
                return "end"
        return "end"

    def _table(self, found: FoundTable) -> None:
        """A table of tracked cases, read as one block (see tables.py): kept as a table by the item (or the
        section) it stands in, its rows as that item's cases, and each row a paragraph of its text."""
        block = self._current_block(found.line)
        self.wrapped_title = self.titled = None
        owner = self.item if self.item is not None else self.sections[-1]
        rows = [_parsed_row(found, line, cells) for line, cells in found.rows]
        owner.tables.append(ParsedTable(found.headings, found.columns, rows, found.line, found.form))
        owner.cases.extend(rows)
        for line, cells in [(found.line, found.headings), *found.rows]:
            block.entries.append(" ".join(cell for cell in cells if cell))
            block.entry_lines.append(line)

    def _item(self, number: int, item_number: int, title: str, numeral: str) -> None:
        section = self.sections[-1]
        self._close_block()
        item = ParsedItem(
            number=item_number, title=title, line=number, wording=Wording(numbering=_numbering(numeral))
        )
        section.items.append(item)
        self.item = item
        self.block = _Block("body", item.body, number, f"項目「{numeral}」", owner=item, holder=item)
        if not title:
            # 第一案 alone on its line: the next paragraph (often 案由：…) is the title.
            self.awaiting_title = item
        self._maybe_wrapped(item)

    def _maybe_wrapped(self, target: ParsedItem | ParsedSection) -> None:
        """A title without final punctuation may go on in the next line (the converter cut it)."""
        title = target.title
        self.titled = target
        if not title:
            return
        if self.current.exact:
            # Cut at a character count, wherever the title was; 業務報告 that happens to fill the line is done.
            wraps = title[-1] not in PARAGRAPH_END and not COMPLETE_TITLE_RE.search(title)
        elif self.current.full:
            # …要點」 / 部分條文案 at the page width go on; 業務報告 / 討論事項 that happen to fill it do not.
            wraps = title[-1] not in PARAGRAPH_END + "：:︰" and not COMPLETE_TITLE_RE.search(title)
        else:
            # 四、人文課: a unit's name alone is a whole title; a line short of the page width is not cut there.
            wraps = (
                title[-1] not in TITLE_END
                and not COMPLETE_TITLE_RE.search(title)
                and not UNIT_TITLE_RE.fullmatch(title)
            )
        if wraps and REVIEW_TITLE_RE.search(title) and len(title) <= SHORT_REVIEW_TITLE:
            following = self.lines[self.index + 1].text if self.index + 1 < len(self.lines) else ""
            wraps = bool(TITLE_GOES_ON_RE.match(following))
        if wraps:
            self.wrapped_title = target

    def _conclusion(self, number: int, label: str, rest: str) -> None:
        section = self.sections[-1]
        owner: ParsedItem | ParsedSection = self.item if self.item is not None else section
        if (
            self.item is not None
            and self.item.conclusion is None
            and section.conclusion is None
            and len(section.items) >= 2
            and rest.startswith("以上")
        ):
            # 主席裁示：以上報告洽悉。 after the last report: the section's conclusion on all its items.
            owner, self.item = section, None
        if owner.conclusion is not None:
            raise ParseError(
                number,
                f"這裡已有一段結論（第 {owner.conclusion.line} 行），不能再有第二段「{label}」；"
                f"若這是另一項的結論，它之前應有{expected('item', 'case_item')}",
            )
        self._close_block()
        conclusion = ParsedConclusion(label=label, points=[], line=number)
        owner.conclusion = conclusion
        self.block = _Block("conclusion", conclusion.points, number, f"「{label}」")
        self._inline_rest(number, rest)

    def _report(self, number: int, heading: str, rest: str, label: str = "補充報告") -> None:
        if self.item is None:
            raise ParseError(number, f"「{heading}補充報告」必須位於某個{RULE['item'].what}之下")
        self._close_block()
        # With a note in parentheses the heading is kept as written: split, the note would be lost.
        unit, surname, title = (
            ("", "", "") if re.search(r"[()（）]", heading) else split_report_heading(heading)
        )
        report = ParsedReport(
            heading=heading, unit=unit, surname=surname, title=title, points=[], line=number, label=label
        )
        self.item.reports.append(report)
        self.block = _Block("report", report.points, number, f"「{heading}補充報告」")
        self._inline_rest(number, rest)

    def _inline_rest(self, number: int, rest: str) -> None:
        # 會議結論：同意備查。 carries its only point on the heading line itself.
        if not rest:
            return
        match = POINT_RE.match(rest)
        if match and self.shifted:
            if self._numbered(number, "paren_zh", match.group("num"), match.group("rest"), rest):
                return
        elif match and self._point(number, rest, match):
            return
        self._plain(number, rest)

    def _paren_item(self, number: int, line: str, match: re.Match[str]) -> bool:
        """(一) as an item straight under 壹、: 參、業務報告 / (一)人事室報告 / 決定：洽悉。 / (二)會計室報告.

        (一) opens items when the first one is followed by its own conclusion, report or 說明：; the
        section's later (二)(三) then continue the items, unless the current block's points reach them.
        """
        try:
            value = from_zh(match.group("num"))
        except ValueError:
            return False
        position = len(self.sections) - 1
        section = self.sections[position]
        block = self._current_block(number)
        if position not in self.paren_sections:
            if not (
                value == 1
                and self.item is None
                and not section.items
                and block.kind == "body"
                and self._next_kind() in ("conclusion", "report", "label")
            ):
                return False
            self.paren_sections.add(position)
        elif self.item is None or self.item is not section.items[-1] or value != self.item.number + 1:
            return False
        elif (
            block.kind != "body"
            and not block.numbered
            and block.markers + 1 == value
            and not self._next_is_item(block)
        ):
            return False  # the next point of the conclusion or report
        if self.mid_sentence and section.items and value != section.items[-1].number + 1:
            return False
        marker = match.group("marker")
        self._item(number, value, match.group("rest"), marker)
        return True

    def _point(self, number: int, line: str, match: re.Match[str]) -> bool:
        block = self._current_block(number)
        if block.kind == "body":
            self._body_paragraph(number, line, block, new_paragraph=True)
            return True
        if block.numbered:
            # (一) under 一、: a lower level, kept inside its entry.
            block.entries[-1] += "\n" + line
            return True
        marker = match.group("marker")
        try:
            point_number = from_zh(match.group("num"))
        except ValueError:
            if self.previous_open:
                return False
            raise ParseError(number, f"無法辨識的項次「{marker}」") from None
        expected = block.markers + 1
        if point_number != expected:
            if self.previous_open and block.entries:
                return False  # (二) in a sentence the converter cut
            if block.markers == 0 and block.entries and block.kind == "conclusion":
                # 決定：解除列管。 then （二）列管案號 11702：… — sub-cases under one item, each decided.
                raise ParseError(
                    number,
                    f"「{marker}」接在{block.what}（一段未編號的文字）之後，不能當作它的第二點；"
                    "若這是另一個案件、各有自己的決定，請把各案改為項目（一、二、…），每項各有一段決定",
                )
            # The points carry no numbers of their own, so a gap would silently renumber the record.
            raise ParseError(
                number, f"{block.what}的項次「{marker}」不連續：此處應為「{to_paren(expected)}」"
            )
        block.markers += 1
        block.entries.append(match.group("rest"))
        block.entry_lines.append(number)
        return True

    def _plain(self, number: int, line: str) -> None:
        block = self._current_block(number)
        entries = block.entries
        wrapped = self.previous_full
        if block.kind == "body":
            self._body_paragraph(number, line, block, new_paragraph=False)
        elif block.markers:
            # After (一)(二)…, an unmarked line is the rest of the last point (a wrapped line or 1. 2.).
            entries[-1] = self._join(entries[-1], line)
        elif entries and (
            wrapped or entries[-1][-1] not in PARAGRAPH_END or SUB_MARKER_RE.match(line) or line[0] in CLOSING
        ):
            entries[-1] = self._join(entries[-1], line)
        else:
            entries.append(line)
            block.entry_lines.append(number)

    def _body_paragraph(self, number: int, line: str, block: _Block, new_paragraph: bool) -> None:
        if self.awaiting_title is not None and not PROPOSER_RE.match(line):
            self.awaiting_title.title = line
            self.title_lines[id(self.awaiting_title)] = number
            self.awaiting_title = None
            if self.item is not None:
                self._maybe_wrapped(self.item)
            return
        entries = block.entries
        exact = self.previous is not None and self.previous.exact
        joins = (
            entries
            and not new_paragraph
            and not self.current.row
            and not (self.previous is not None and self.previous.row)
            and (exact or not SUB_MARKER_RE.match(line))
            and (
                self.mid_sentence
                or line[0] in CLOSING
                or (
                    (self.previous_full or entries[-1][-1] not in PARAGRAPH_END)
                    and not LABEL_START_RE.match(line)
                )
            )
        )
        if joins:
            entries[-1] = self._join(entries[-1], line)
            return
        entries.append(line)
        block.entry_lines.append(number)
        # Only a case that starts its line (not （一）列管案號 401：, a point: see _point) takes the 決定： below it.
        if (entry := CASE_ENTRY_RE.match(line)) is not None:
            block.case_line, block.case_decided = number, decides(entry.group("rest") or "")
        elif not CASE_FIELD_RE.match(line):
            block.case_line = 0

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
        # Every paragraph and point knows its own line from now on (see parsed.Text).
        block.entries[:] = [
            Text(text, line) for text, line in zip(block.entries, block.entry_lines, strict=True)
        ]
        if block.kind == "body" and block.owner is not None:
            read_parts(block.owner, self.title_lines.get(id(block.owner), block.owner.line))
        self.block = None

    # -- adjournment --------------------------------------------------------------------------------------

    def _split_adjournment(self, line: str) -> tuple[str, str | None]:
        """散會(10時45分) alone, or glued to the end of the last line by the converter: (rest, time)."""
        starts = list(ADJOURN_START_RE.finditer(line))
        if not starts:
            # 會議於上午 10 時 30 分結束。 — the end of the meeting without the word 散會.
            if self.sections and (ended := MEETING_ENDED_RE.match(line)):
                time_text = ended.group("time") or ended.group("time2")
                try:
                    parse_roc_time(time_text)
                except ValueError:
                    return line, None
                return "", time_text
            return line, None
        start = starts[-1].start()
        match = ADJOURN_RE.match(line[start:])
        if match is None:
            return line, None
        time_text = match.group("paren") if match.group("paren") is not None else match.group("colon")
        # 散會：下午 3 時 10 分　主席：王局長 — the signature line set on the same line.
        time_text = SIGNATURE_AFTER_RE.split(time_text or "", maxsplit=1)[0].strip()
        before = line[:start].rstrip()
        # 陸、散會：下午 4 時 10 分: some offices number the adjournment like a section.
        if BULLET_ONLY_RE.fullmatch(before) or SECTION_PREFIX_RE.fullmatch(before):
            before = ""
        if before and not time_text and (time_first := ADJOURN_TIME_FIRST_RE.match(before)):
            # 下午 4 時 10 分散會。
            try:
                parse_roc_time(time_first.group("time"))
            except ValueError:
                pass
            else:
                return "", time_first.group("time")
        if not before and not time_text and self.mid_sentence:
            return line, None  # …會後宣布 / 散會。 in a sentence the converter cut
        # Glued only after a finished sentence or with a time: 會後宣布散會 is a sentence, not the end.
        if before and (not self.sections or not (time_text or before[-1] in SENTENCE_END)):
            return line, None
        return before, time_text

    def _adjournment_time_below(self, line: str) -> bool:
        """陸、散會 with its time on the next line, in parentheses: （下午 2 時 30 分）."""
        match = TIME_IN_PARENS_RE.fullmatch(line)
        if self.adjourned_text or match is None:
            return False
        try:
            parse_roc_time(match.group("time"))
        except ValueError:
            return False
        self.adjourned_text = match.group("time")
        return True

    def _read_case_marks(self) -> None:
        """（列管案號 10801） at the end of a conclusion's point says it is tracked; it is not its text."""
        holders = [holder for section in self.sections for holder in (section, *section.items)]
        for conclusion in (holder.conclusion for holder in holders if holder.conclusion is not None):
            # Only a case of this meeting (108 → 10801…10899) was opened by the point; another is its text.
            marks = [
                mark if mark and self._case_of_this_meeting(mark.group("case")) else None
                for mark in (CASE_MARK_RE.search(point) for point in conclusion.points)
            ]
            if not any(marks):
                continue
            conclusion.case_numbers = [_mark_case(mark) if mark else "" for mark in marks]
            conclusion.points = [
                point[: mark.start()] if mark and mark.start() else point
                for point, mark in zip(conclusion.points, marks, strict=True)
            ]

    def _case_of_this_meeting(self, case_number: str) -> bool:
        case_number = re.sub(r"[\s\-‐]", "", unicodedata.normalize("NFKC", case_number))
        return case_number[:-2] == str(self.number) and case_number[-2:] != "00"

    def _adjourned(self, line: Line) -> None:
        """A line right after 散會: the rest of its time, its time in parentheses, or what follows 散會."""
        if self.adjourned_text and self.mid_sentence:
            self.adjourned_text = self._join(self.adjourned_text, line.text)
            self.adjournment = self._join(self.adjournment, line.text)
            return
        if self._adjournment_time_below(line.text):
            self.adjournment += line.text
            self.phase = Phase.CLOSING
            return
        self.phase = Phase.CLOSING
        self._after_adjournment(line)

    def _after_adjournment(self, line: Line) -> None:
        """Signature lines after 散會 are the document's, not the record's; 附件 lines are kept as a note."""
        text = line.text
        if self.phase is Phase.MAIL_SIGNATURE or RULE["mail_signature"].matches(text):
            self.phase = Phase.MAIL_SIGNATURE  # the sender's name, unit and extension: the e-mail's, to its end
            return
        if self.phase is Phase.APPENDIX or self._appendix_starts(line):
            # This app's own appendix, a table of the tracked items reviewed (案號 案由 …): it is made
            # again from the tracked items, and pdftotext scatters its cells, so it is not read.
            self.phase = Phase.APPENDIX
            return
        if self.phase is Phase.SIGNOFF or RULE["signature"].matches(text):
            # 本紀錄已於…簽核（簽核人：…）。 may be wrapped by the narrow signature column: read to its 。
            signoff = self.phase is Phase.SIGNOFF or text.startswith("本紀錄")
            self.phase = Phase.SIGNOFF if signoff and not text.endswith("。") else Phase.SIGNATURE
            return
        if self.phase is Phase.SIGNATURE:
            if self.previous_open and RULE["signature_tail"].matches(text):
                # 主席：黃主任委員○○（兼法制局局 / 長）: a long name wrapped by the narrow signature column.
                return
            self.phase = Phase.CLOSING
        if RULE["attachment"].matches(text):
            self.phase = Phase.ATTACHMENTS
            self.attachments.append(Text(text, line.number))
            return
        if self.phase is Phase.ATTACHMENTS:
            # 附件： followed by its list (一、簽到表), or a reference the converter wrapped.
            numbered = any(RULE[name].matches(text) for name in ("item", "arabic_item", "point"))
            # A long entry that stops mid-sentence was cut, even where the page width cannot be told.
            cut = self.mid_sentence or (
                self.previous_open and display_width(self.previous.text) >= LONG_ATTACHMENT
            )
            if (cut and not numbered) or text[0] in CLOSING:
                self.attachments[-1] = Text(self._join(self.attachments[-1], text), self.attachments[-1].line)
                return
            if numbered:
                self.attachments.append(Text(text, line.number))
                return
        if any(
            rule.matches(text)
            for rule in rules_for(self.phase, shifted=self.shifted)
            if rule.opens == "carrier"
        ):
            return  # 回上一頁, 瀏覽人次：…: the web page around a record copied from it
        raise ParseError(
            line.number,
            f"「散會」（第 {self.adjourned_line} 行）之後只能有{expected('signature', 'attachment')}；"
            f"請刪除「{text[:30]}」或把它移到散會之前",
        )

    def _appendix_starts(self, line: Line) -> bool:
        following = self.lines[self.index + 1] if self.index + 1 < len(self.lines) else None
        # Titled …列管案件辦理情形及決定一覽表 today; files signed before were titled 附件：…列管案件辦理情形.
        return bool(
            (ATTACHMENT_RE.match(line.text) or compact_text(line.text).endswith("一覽表"))
            and "列管" in line.text
            and following is not None
            and compact_text(following.text).startswith("案號")
        )

    def _adjourn(self, number: int, time_text: str, written: str) -> None:
        # Read at the end: the page width may have cut 散會：上午 10 時 30 / 分。
        self.adjourned_text = time_text
        self.adjourned_line = number
        self.adjournment = written
        self.phase = Phase.ADJOURNED

    def _read_adjournment(self) -> None:
        time_text = self.adjourned_text.rstrip("。．.")
        if not time_text:
            return
        try:
            self.adjourned_at = parse_roc_time(time_text)
        except ValueError:
            raise ParseError(
                self.adjourned_line, f"無法辨識散會時間「{time_text}」（應為「10時45分」等形式）"
            ) from None


def _mark_case(mark: re.Match[str]) -> str:
    """The case number of a mark: 9-01 and ９０１ are 901."""
    return re.sub(r"[\s\-‐]", "", unicodedata.normalize("NFKC", mark.group("case")))


def _numbered_header(line: str) -> str | None:
    """一、開會時間：113年11月5日 → 開會時間：113年11月5日; None for anything else."""
    match = NUMBERED_HEADER_RE.match(line)
    return match.group("field") if match and HEADER_RE.match(match.group("field")) else None


def _agenda_numbered_like_items(lines: list[Line]) -> bool:
    """Whether the record numbers its agenda 一、二、 (and its items (一)(二)) instead of 壹、貳、."""
    first = None
    for line in lines:
        if line.table:
            continue
        text = BULLET_RE.sub("", line.text, count=1)
        if _numbered_header(text):
            continue
        if SECTION_RE.match(text):
            return False
        if first is None and (ITEM_RE.match(text) or UNNUMBERED_SECTION_RE.match(text)):
            first = "item" if ITEM_RE.match(text) else "section"
    return first == "item"


# What stands in a sentence, never in a title's pieces: 。，；： and the like.
_SENTENCE_MARKS_RE = re.compile(r"[。，、；：:！？!?,;]")


@cache
def _handled_rules(phase: Phase, shifted: bool) -> tuple[tuple[Rule, object], ...]:
    """A phase's rows of the table that the reader handles, each with its handler: _header_<name> between
    the title and the first section, _on_<name> in the body."""
    prefix = "_header_" if phase is Phase.HEADER else "_on_"
    return tuple(
        (rule, getattr(_Reader, prefix + rule.name))
        for rule in rules_for(phase, shifted=shifted)
        if hasattr(_Reader, prefix + rule.name) and not rule.compact
    )


def _parsed_row(found: FoundTable, line: int, cells: list[str]) -> ParsedRow:
    fields = {column: Text(cell, line) for column, cell in zip(found.columns, cells, strict=True) if column}
    number = cell_case_number(fields.get("case_number", "")) or fields.get("case_number", "")
    read = read_case_number(number)
    return ParsedRow(
        case_number=number,
        key=read.key if read else "",
        scheme=read.scheme if read else "",
        subject=fields.get("subject", ""),
        unit=fields.get("unit", ""),
        progress=fields.get("progress", ""),
        suggestion=fields.get("suggestion", ""),
        decision=fields.get("decision", ""),
        line=line,
        cells=[Text(cell, line) for cell in cells],
    )


def _page_width(lines: list[Line]) -> int:
    """How wide the record's lines run, in columns: the width most long lines reach (a few over-long ones,
    a table's, do not count)."""
    widths = sorted(display_width(line.raw.rstrip().expandtabs(8)) for line in lines)
    return widths[len(widths) * 9 // 10] if widths else 0


def _numbering(numeral: str) -> str:
    """一、 → 一; 提案一： → 提案一; （一） → （一）: an item's or a section's number as the record wrote it."""
    return re.sub(r"\s+", "", numeral).rstrip("、．.：:︰")


def _shown(text: str) -> str:
    """A line as a message quotes it: short enough to read."""
    return text if len(text) <= 20 else text[:20] + "…"


def _readable_time(value: str) -> bool:
    for parse in (parse_roc_datetime, parse_roc_time):
        try:
            parse(value.rstrip("。．."))
        except ValueError:
            continue
        return True
    return False


def meeting_name(kind: str) -> str:
    """處務 → 處務會議; a kind that already names its gathering (部務會報) stays as it is."""
    return kind if kind.endswith(("會議", "會報")) else f"{kind}會議"


def parse_minutes(text: str) -> ParsedMeeting:
    """Reads a meeting record's text into a ParsedMeeting; anything it cannot place is a ParseError."""
    if not isinstance(text, str):
        raise TypeError("parse_minutes 需要字串")
    return _Reader().read(text)
