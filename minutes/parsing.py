"""Reads the plain text of a meeting record into plain data, with no Django involved.

The text may come from any converter: pdftotext (hard-wrapped lines, form feeds, page numbers, the title
repeated as a running header), Word "save as text" (tabs, full-width spaces, CR line ends) or a copy from
a web page (non-breaking spaces). `_prepare` and `_drop_furniture` remove what the converter added and
`_mark_full` marks the lines it cut at the page width; the reader then decides, line by line, where each
line belongs, joining the lines the converter broke.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

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
# Patterns. Colons come as ：, : or the vertical-form ︰ some PDF fonts map to.

_COLON = "[：:︰]"
_DIGIT = "0-9０-９"
_ZH_NUM = "〇零一二三四五六七八九十"

# Spaces other than the plain one: tabs, no-break, typographic and ideographic (\u3000) spaces become one
# space; zero-width characters and the byte-order mark vanish. Spread labels (主　　席) still match.
_SPACES = str.maketrans(
    {
        **{ch: " " for ch in "\t\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
           "\u200a\u202f\u205f\u3000"},
        **{ch: "" for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad"},
    }
)  # fmt: skip
# Breaks inside a physical line: a form feed (pdftotext's page break) or a Unicode line separator.
_INNER_BREAK_RE = re.compile(r"[\f\v\x1c\x1d\x1e\x85\u2028\u2029]")
_EDGE_SPACE_RE = re.compile(r"^\s+|\s+$")
_TABLE_ROW_RE = re.compile(r"\S\t+\S")
_RUN_OF_SPACES_RE = re.compile(r" {2,}")
# PDF-to-text converters put list bullets in front of numbered lines: "- (二)", "• 一、".
# Including the shapes web pages and Word use (■ ◆ ➢ ※, and Word's Symbol-font bullets in the private-use area).
_BULLETS = "-‐‑–—•●・▪◦*■□◆◇◎★►➢➤※‧·→✓✔\uf06c\uf0d8\uf0b7\uf0a7\uf076\uf0fc"
_BULLET_RE = re.compile(rf"^[{_BULLETS}]\s*(?=\S)")
_BULLET_ONLY_RE = re.compile(rf"[{_BULLETS}]?")

# Page furniture, matched on the NFKC form without spaces: - 2 -, 2, 第 2 頁, 第 2 頁，共 5 頁, 2/5, Page 2 of 5.
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-‐‑–—―~〜_=]*\d{1,4}[-‐‑–—―~〜_=]*"
    r"|[-‐‑–—―]*第[\d一二三四五六七八九十百]{1,5}頁(?:[,、/|]?共[\d一二三四五六七八九十百]{1,5}頁)?[-‐‑–—―]*"
    r"|共[\d一二三四五六七八九十百]{1,5}頁[,、/|]?第[\d一二三四五六七八九十百]{1,5}頁"
    r"|(?:頁次:?)?\d{1,4}/\d{1,4}|(?:page|p\.?)\d{1,4}(?:(?:of|/)\d{1,4})?)$",
    re.IGNORECASE,
)

# The last 第 N 次 is the meeting's number: 臺北市議會第14屆第3次定期大會民政委員會第5次會議紀錄 is meeting 5.
_TITLE_RE = re.compile(
    rf"^(?P<org>.*)第\s*(?P<num>[{_DIGIT}]+|[〇零一二三四五六七八九十百]+)\s*次\s*(?P<kind>.*?)\s*"
    r"(?P<meeting>會議|會報)\s*(?:[紀記]錄|紀要)(?:\s*[（(][^()（）]{1,12}[)）])?$"
)
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_SPACED_DIGITS_RE = re.compile(r"\s*([0-9]+)\s*")
# 113 年, 113 年度, 113 學年度 before 第 N 次: a year, not an organisation.
_YEAR_PREFIX_RE = re.compile(r"^(?:民國)?\s*[0-9０-９]{2,3}\s*(?:學年度|年度|年)$")
_TITLE_LIKE_RE = re.compile(r"會[議報]\s*(?:[紀記]錄|紀要)(?:\s*[（(][^()（）]{1,12}[)）])?$")

_HEADER_LABELS: dict[str, str] = {
    "時間": "time",
    "開會時間": "time",
    "會議時間": "time",
    "日期": "date",
    "開會日期": "date",
    "會議日期": "date",
    "地點": "place",
    "開會地點": "place",
    "會議地點": "place",
    "主席": "chair",
    "會議主席": "chair",
    "主持人": "chair",
    "紀錄": "recorder",
    "記錄": "recorder",
    "紀錄人": "recorder",
    "記錄人": "recorder",
    "紀錄人員": "recorder",
    "記錄人員": "recorder",
    "出席": "attendees",
    "出席人員": "attendees",
    "出席者": "attendees",
    "出席單位": "attendees",
    "出席委員": "attendees",
    "出（列）席": "attendees",
    "出（列）席人員": "attendees",
    "出(列)席": "attendees",
    "出(列)席人員": "attendees",
    "出列席人員": "attendees",
    "出列席": "attendees",
    "出席單位及人員": "attendees",
    "出席人員及單位": "attendees",
    "與會人員": "attendees",
    "與會單位": "attendees",
    "參加人員": "attendees",
    "列席": "observers",
    "列席人員": "observers",
    "列席單位及人員": "observers",
    "列席人員及單位": "observers",
    # Head counts (應出席人數：86人　實際出席人數：79人), kept with the attendance as written.
    "應出席人數": "count",
    "實際出席人數": "count",
    "實到人數": "count",
    "應到人數": "count",
    "出席人數": "count",
    "請假人數": "count",
    "缺席人數": "count",
    "缺席": "absentees",
    "缺席人員": "absentees",
    "未出席": "absentees",
    "列席者": "observers",
    "列席單位": "observers",
    "請假": "absentees",
    "請假人員": "absentees",
    "請假者": "absentees",
    "請假委員": "absentees",
}
# Labels are often spread out to align the colons: 時　　間：
_HEADER_LABEL = (
    "(?P<label>"
    + "|".join(r"\s*".join(map(re.escape, label)) for label in sorted(_HEADER_LABELS, key=len, reverse=True))
    + ")"
)
_HEADER_RE = re.compile(rf"^{_HEADER_LABEL}\s*{_COLON}\s*(?P<value>.*)$")
_NUMBERED_HEADER_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})\s*[、．.]\s*(?P<field>.+)$")
# Fields with one value: a line after them that starts with a label of its own is not their continuation.
_ONE_VALUE_HEADERS = ("place", "chair", "recorder")
_UNKNOWN_LABEL_RE = re.compile(rf"^(?P<label>[\u3400-\u9fff]{{2,8}})\s*{_COLON}")
# A header kept as a table (Word "save as text" writes its cells with a tab): 時　　間\t113年5月14日
_BARE_HEADER_RE = re.compile(rf"^{_HEADER_LABEL}\s+(?P<value>\S.*)$")
# 主席：王局長明華          紀錄：李小美 — a further field on the same line, after white space.
_INNER_HEADER_RE = re.compile(rf"(?<=\s){_HEADER_LABEL}\s*{_COLON}")

_SECTION_RE = re.compile(r"^(?P<num>[壹貳參叁叄肆伍陸柒捌玖拾]{1,4})\s*[、．.]\s*(?P<rest>.*)$")
# Section titles common enough to recognise when the converter lost their numeral.
_UNNUMBERED_SECTION_RE = re.compile(
    r"^(?P<title>宣讀.{0,40}?會議[紀記]錄|確認.{0,10}?會議[紀記]錄|上次會議(?:決議|結論|決定)事項(?:辦理|執行)情形"
    r"|主席致詞|主席報告|報告事項|討論事項|臨時動議|(?:各單位|各組室|各科室|各處室)?業務報告|工作報告|專案報告"
    r"|專題報告|提案討論|討論提案|選舉事項|其他事項|其他)\s*"
    rf"(?:{_COLON}\s*(?:無|略|[（(]\s*略\s*[)）]))?\s*[。：:]?$"
)
_SECTION_PREFIX_RE = re.compile(
    rf"[{_BULLETS}]?\s*(?:[壹貳參叁叄肆伍陸柒捌玖拾]{{1,4}}|[一二三四五六七八九十]{{1,3}})\s*[、．.]"
)
_ITEM_RE = re.compile(rf"^(?P<num>[{_ZH_NUM}]{{1,4}})\s*[、．.]\s*(?P<rest>.*)$")
# 1、 1. １、 — items in records that number them with Arabic numerals (and the 1. level everywhere else).
_ARABIC_ITEM_RE = re.compile(rf"^(?P<num>[{_DIGIT}]{{1,3}})\s*[、．.](?![{_DIGIT}])\s*(?P<rest>.*)$")
# (1) (2) right after 決議： are its points, like (一) (二); elsewhere they stay inside the text.
_PAREN_ARABIC_RE = re.compile(rf"^[(（]\s*(?P<num>[{_DIGIT}]{{1,2}})\s*[)）]\s*(?P<rest>.*)$")
_CASE_ITEM_RE = re.compile(
    rf"^第\s*(?P<num>[{_ZH_NUM}百]{{1,6}}|[{_DIGIT}]{{1,4}})\s*案\s*(?:[、．.]|{_COLON})?\s*(?P<rest>.*)$"
)
# 案由一：… 提案一： 討論案一 報告案一： 臨時動議一：
_PROPOSAL_ITEM_RE = re.compile(
    r"^(?:案由|提案|議案|討論案|報告案|臨時動議|臨時提案|動議)\s*(?:第\s*)?"
    rf"(?P<num>[{_ZH_NUM}百]{{1,6}}|[{_DIGIT}]{{1,4}})\s*案?(?:\s*(?:[、．.]|{_COLON})\s*(?P<rest>.*)|\s+(?P<spaced>\S.*))?$"
)
_CONCLUSION_LABELS = (
    "會議結論", "會議決議", "會議決定", "主席裁示", "主席指示", "主席提示", "主席結論", "主席裁決", "主席決定",
    "主席裁示事項", "主席指示事項", "主席提示事項", "主席裁（指）示", "主席結語", "決議事項", "決定事項",
    "主席裁定", "主席裁示如下", "決議如下", "決定如下", "決議（定）", "主持人裁示", "主持人指示", "主持人結論",
    "主任裁示", "主任指示", "局長裁示", "局長指示", "處長裁示", "處長指示", "校長裁示", "校長指示",
    "院長裁示", "院長指示", "區長裁示", "區長指示", "所長裁示", "所長指示", "大隊長裁示", "大隊長指示",
    "決定", "決議", "結論", "裁示",
)  # fmt: skip
# Parentheses in a label (主席裁（指）示) come in either width.
_LABEL_CHAR = {"（": "[（(]", "）": "[）)]"}
_CONCLUSION_LABEL = (
    "(?P<label>"
    + "|".join(r"\s*".join(_LABEL_CHAR.get(char, char) for char in label) for label in _CONCLUSION_LABELS)
    + ")"
)
_CONCLUSION_RE = re.compile(
    rf"^(?:{_CONCLUSION_LABEL}\s*{_COLON}|[【\[［〔（(]\s*{_CONCLUSION_LABEL.replace('label', 'blabel')}\s*[】\]］〕）)]"
    rf"\s*{_COLON}?)\s*(?P<rest>.*)$"
)
# The label alone on its line, without a colon: 決議
_CONCLUSION_ALONE_RE = re.compile(rf"^{_CONCLUSION_LABEL}$")
# 民政課林課長（代理）補充報告： — a short note in parentheses may follow the reporter.
_REPORT_RE = re.compile(
    r"^(?P<heading>[^。，、；：:,;！？!?()（）]{0,30}?(?:[（(][^。，、；：:,;()（）]{1,6}[)）])?)\s*"
    r"(?P<rlabel>補\s*充\s*(?:報\s*告|說\s*明))\s*"
    rf"{_COLON}\s*(?P<rest>.*)$"
)
_POINT_RE = re.compile(
    r"^(?P<marker>[(（]\s*(?P<num>[〇零一二三四五六七八九十百]{1,6})\s*[)）])\s*(?P<rest>.*)$"
)
# Lower numbering levels (1. and (1)) stay inside the point they belong to.
_SUB_MARKER_RE = re.compile(
    r"^(?:[0-9０-９]{1,3}\s*[.．、](?![0-9０-９])|[(（]\s*[0-9０-９]{1,3}\s*[)）]|[①-⒇])"
)
_ADJOURN_RE = re.compile(
    r"^散\s*會\s*(?:時\s*間)?\s*(?:[。.]?\s*[（(]\s*(?P<paren>[^()（）]*?)\s*[)）]|[：:︰]\s*(?P<colon>.*?))?\s*[。.]?$"
)
_ADJOURN_START_RE = re.compile(r"散\s*會")
# A record copied from a web page brings the page's path above it and its footer below.
_BREADCRUMB_RE = re.compile(r"\S\s*[>＞›»]\s*\S.*[>＞›»]\s*\S")
_WEB_FOOTER_RE = re.compile(
    r"^(?:回上一頁|回上頁|回首頁|回頂端|回到頂端|友善列印|列印本頁|列印|分享|TOP|Top|top"
    r"|(?:瀏覽人次|點閱次數|點閱數|瀏覽次數|更新日期|發布日期|上版日期|最後更新|資料來源|發布單位)\s*[：:︰].*)$"
)
_SIGNATURE_AFTER_RE = re.compile(r"\s+(?=(?:主\s*席|主\s*持\s*人|[紀記]\s*錄(?:\s*人員?)?)\s*[：:︰])")
_TIME_IN_PARENS_RE = re.compile(r"[（(]\s*(?:散會時間\s*[：:︰]?\s*)?(?P<time>[^()（）]{2,20}?)\s*[)）]\s*[。.]?")
# 會議於上午 10 時 30 分結束。 / 本次會議於 12 時結束: the adjournment, worded without 散會.
_MEETING_ENDED_RE = re.compile(
    r"^(?:本次)?會議\s*(?:於|在)?\s*(?P<time>[^，,。：:]{2,20}?)\s*(?:結束|圓滿結束)\s*[。.]?$"
    r"|^(?:本次)?會議結束(?:時間)?\s*[：:︰]\s*(?P<time2>[^，,。]{2,20}?)\s*[。.]?$"
)
# 下午 4 時 10 分散會。 — the time in front.
_ADJOURN_TIME_FIRST_RE = re.compile(
    r"^(?:本次)?(?:會議)?(?:於)?\s*(?P<time>[^，,。]{2,20}?)\s*[，,]?\s*(?:宣布)?$"
)
# After 散會: the signature lines (主席：陳志銘　紀錄：王小明, 主席簽名：, or the labels alone with room to
# sign), the sign-off line this app prints, and references to attachments (附件：簽到表, 附件二、簡報).
_SIGNATURE_LABEL = (
    r"(?:會\s*議\s*)?主\s*席|主\s*持\s*人|[紀記]\s*錄(?:\s*人(?:\s*員)?)?|主\s*任|[局處校院區所館站科課]\s*長"
    r"|(?:主\s*席|[紀記]\s*錄(?:\s*人)?)\s*(?:簽\s*[名章核]|核\s*[閱定])"
)
_SIGNATURE_RE = re.compile(
    rf"^(?:(?:{_SIGNATURE_LABEL})\s*{_COLON}.*|(?:{_SIGNATURE_LABEL})(?:\s+(?:{_SIGNATURE_LABEL}))*"
    r"|本紀錄(?:已於|為草稿).*)$"
)
# The rest of a signature line's name, wrapped: short, no label, no sentence.
_SIGNATURE_TAIL_RE = re.compile(r"^[^：:︰。，,；;]{1,12}$")
# The case number a PDF prints after a tracked conclusion: 同意備查。（列管案號 10801）
# Other offices write it （列管案號：901）。, （列管案號 9-01）, 【追蹤案號 701】, （管制編號 901，秘書室）.
_CASE_MARK_RE = re.compile(
    r"\s*[（(【\[［]\s*(?:列管|追蹤|管制)(?:案號|編號)\s*[：:]?\s*"
    r"(?P<case>[0-9０-９]{3,7}|[0-9０-９]{1,4}\s*[-－‐]\s*[0-9０-９]{2})"
    r"\s*(?:[，,、；;][^()（）【】\[\]]{1,12})?[)）】\]］]\s*[。．.]?\s*$"
)
_LONG_ATTACHMENT = 40  # columns (20 CJK characters): an attachment line this long may have been cut
_ATTACHMENT_RE = re.compile(
    rf"^附\s*[件錄表]\s*(?:[{_ZH_NUM}{_DIGIT}]{{1,3}})?\s*(?:$|[、．.]|{_COLON}|[（(])"
)
# 提案單位：教務處 before 案由：… under 提案一: who proposed it, not what it is about; the title is still to come.
_PROPOSER_RE = re.compile(r"^(?:(?:提案|報告|主辦|承辦)\s*(?:單位|人|者|機關)|連署人)\s*[：:︰]")
# Body lines such as 說明： or 案由：… start a labelled paragraph, never the tail of a wrapped title.
_LABEL_START_RE = re.compile(r"^[^\s：:︰]{1,6}[：:︰]")

_SENTENCE_END = "。！？!?；;"
# Only a full stop ends a paragraph: a line ending in ； is a clause the converter wrapped.
_PARAGRAPH_END = "。！？!?"
_TITLE_END = _SENTENCE_END + "：:︰」』"
# Closing punctuation never starts a line in Chinese typesetting: a line starting with it continues.
_CLOSING = "。，、；：:︰,;！？!?）)」』】〕"
# Short titles that are complete without final punctuation: 報告事項, 主席致詞, 人事室業務報告.
# …事項 ends a title, and so does a sentence followed by the unit it is for: …完成評估。（民政課）
_COMPLETE_TITLE_RE = re.compile(
    r"(?:報告|致詞|事項|動議|討論|結論|裁示|提示|指示|其他|[紀記]錄|[（(]略[)）]|無"
    r"|[。！？][（(][^（）()]{1,20}[)）])$"
)
# Sections, items and points are numbered 1..99 (壹..玖拾玖, 一..九十九), as the numerals module writes them.
_MAX_NUMBER = 99
_TITLES = sorted(
    [
        "組長", "副組長", "主任", "副主任", "處長", "副處長", "主任秘書", "主秘", "秘書長", "副秘書長",
        "科長", "副科長", "股長", "課長", "專門委員", "參事", "局長", "副局長", "主任委員", "副主任委員",
        "主委", "副主委", "執行秘書", "秘書", "所長", "隊長", "大隊長", "副大隊長", "分隊長", "館長",
        "院長", "副院長", "執行長", "副執行長", "總幹事", "委員", "技正", "專員", "視察", "簡任視察",
        "督導", "組員", "主計主任", "人事主任", "政風主任", "會計主任", "站長", "中心主任", "校長",
        "區長", "副區長", "督導長", "護理長", "教務長", "學務長", "總務長", "研發長", "副校長",
        "系主任", "董事長", "總經理", "經理", "副理", "襄理", "里長", "鄉長", "鎮長", "市長",
        "副市長", "縣長", "副縣長", "署長", "副署長", "司長", "副司長", "廳長", "主計長", "審計長",
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


def _join(
    previous: str, following: str, wrapped: bool = False, glue: str | None = None, spaced: bool = False
) -> str:
    """Joins a continuation line to what came before it, the way the text was before it was wrapped.

    `wrapped`: the previous line was cut at the page width, so even a full stop there ends no paragraph.
    `glue`: what stood at the cut when the text was cut at an exact character count ("" or " ").
    `spaced`: a space stood at the cut (end of one line, start of the next), kept next to a number or a
    Latin word.
    """
    if not previous:
        return following
    if glue is not None:
        return previous + glue + following
    if _SUB_MARKER_RE.match(following) or (previous[-1] in _PARAGRAPH_END and not wrapped):
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
class _Line:
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


def _clean(line: str) -> str:
    return _RUN_OF_SPACES_RE.sub(" ", _EDGE_SPACE_RE.sub("", line.translate(_SPACES)))


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _is_page_number(text: str) -> bool:
    return _PAGE_NUMBER_RE.match(_compact(text)) is not None


# pdftotext -layout may also set a watermark character on a line of the text, far from it by a wide gap:
#                草        主席：蔡區長靜宜
_MERGED_WATERMARK_RE = re.compile(r"^[ \t\u3000]{4,}[草稿](?=[ \t\u3000]{4,}\S)|(?<=\S)[ \t\u3000]{4,}[草稿][ \t\u3000]*$")
# A draft's watermark, which pdftotext writes as lines of their own wherever it crosses the text: 草, 稿.
_WATERMARKS = frozenset({"草", "稿", "草稿"})


def _is_furniture(text: str) -> bool:
    return _is_page_number(text) or _compact(text) in _WATERMARKS


def _prepare(text: str) -> list[_Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for number, physical in enumerate(text.split("\n"), 1):
        for part in _INNER_BREAK_RE.split(physical):
            part = _MERGED_WATERMARK_RE.sub("", part)
            cleaned = _clean(part)
            if cleaned:
                spaced = part.translate(_SPACES)
                lines.append(
                    _Line(
                        number,
                        cleaned,
                        raw_length=len(spaced),
                        space_before=spaced[0].isspace(),
                        space_after=spaced[-1].isspace(),
                        row=_TABLE_ROW_RE.search(part) is not None,
                    )
                )
    return lines


def _drop_furniture(lines: list[_Line]) -> list[_Line]:
    """Drops page numbers, a draft's watermark, and the title when it comes back as a running header."""
    lines = [line for line in lines if not _is_furniture(line.text)]
    title_index = next((i for i, line in enumerate(lines) if _TITLE_RE.match(line.text)), None)
    if title_index is None:
        return lines
    title = _compact(lines[title_index].text)
    forms = [title]
    organisation = ""
    match = _TITLE_RE.match(lines[title_index].text)
    if match is not None and not match.group("org").strip() and title_index > 0:
        organisation = _compact(lines[title_index - 1].text)
        forms.insert(0, organisation + title)

    def running_header(text: str) -> bool:
        compact = _compact(text)
        return any(
            compact == form or (compact.startswith(form) and _PAGE_NUMBER_RE.match(compact[len(form) :]))
            for form in forms
        )

    kept = lines[: title_index + 1]
    rest = lines[title_index + 1 :]
    index = 0
    while index < len(rest):
        if running_header(rest[index].text):
            index += 1
        elif (
            organisation
            and _compact(rest[index].text) == organisation
            and index + 1 < len(rest)
            and running_header(rest[index + 1].text)
        ):
            index += 2
        else:
            kept.append(rest[index])
            index += 1
    return kept


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap_width(widths: list[int], open_ends: list[bool], tolerance: int) -> int | None:
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


def _mark_full(lines: list[_Line]) -> list[_Line]:
    open_ends = [line.text[-1] not in _TITLE_END for line in lines]
    chars = [len(line.text) for line in lines]
    columns = [_display_width(line.text) for line in lines]
    # Counted in characters (a converter that wraps at N characters) and in columns, where a CJK
    # character is two (a PDF line holds fewer characters when they are all wide).
    by_chars = _wrap_width(chars, open_ends, 3)
    by_columns = _wrap_width(columns, open_ends, 5)
    exactly = _wrap_width([line.raw_length for line in lines], open_ends, 0)
    for line, length, width in zip(lines, chars, columns, strict=True):
        line.exact = line.raw_length == exactly
        line.full = (
            line.exact
            or (by_chars is not None and length >= by_chars - 3)
            or (by_columns is not None and width >= by_columns - 5)
        )
    return lines


# ---------------------------------------------------------------------------------------------------------
# The reader. Lines are classified one at a time; a small state machine decides where plain text belongs.


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


class _Reader:
    def __init__(self) -> None:
        self.pre_title: list[tuple[int, str]] = []
        self.title_line = 0
        self.organisation = ""
        self.kind = ""
        self.number = 0
        self.headers: dict[str, tuple[str, int]] = {}
        self.counts: list[str] = []  # 應出席人數：86人, …
        self.last_header = ""
        self.header_read = False
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
        self.attachments: list[str] = []
        self.in_attachments = False
        self.signoff_open = False  # the sign-off line after 散會 has not reached its full stop yet
        self.signature_line = False  # the line before was a signature line (主席：…)
        self.signature_part = False  # past the lines of 散會 itself: signature lines and 附件
        self.title_complete = False  # the previous line ended a title that needs no more (see _line)
        self.in_appendix = False  # reading past this app's appendix of reviewed tracked items
        self.lines: list[_Line] = []
        self.index = 0
        self.previous: _Line | None = None
        self.current = _Line(0, "")
        # 一、主席致詞 二、業務報告 (一)…: no 壹、貳、, the agenda is numbered 一、 and its items (一).
        self.shifted = False

    # -- driving ------------------------------------------------------------------------------------------

    def read(self, text: str) -> ParsedMeeting:
        lines = _prepare(text)
        if not lines:
            raise ParseError(1, "內容空白，沒有可以匯入的會議紀錄")
        self.lines = _mark_full(_drop_furniture(lines))
        self.shifted = _agenda_numbered_like_items(self.lines)
        for index, line in enumerate(self.lines):
            self.index, self.current = index, line
            self.title_complete = False
            if self.adjourned_line and self.adjourned_text and self.mid_sentence and not self.signature_part:
                self.adjourned_text = self._join(self.adjourned_text, line.text)
            elif self.adjourned_line and not self.signature_part and self._adjournment_time_below(line.text):
                self.signature_part = True
            elif self.adjourned_line:
                self.signature_part = True
                self._after_adjournment(line)
            elif not self.title_line:
                self._title_stage(line.number, line.text)
            else:
                rest, adjournment = self._split_adjournment(line.text)
                if rest:
                    self._line(line.number, rest)
                if adjournment is not None:
                    self._adjourn(line.number, adjournment)
            self.previous = line
        return self._finish()

    @property
    def previous_open(self) -> bool:
        """The previous line stopped without closing punctuation: its sentence may go on."""
        return self.previous is not None and self.previous.text[-1] not in _TITLE_END

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
            return self.previous.text[-1] not in _PARAGRAPH_END
        return self.previous_full and self.previous_open

    def _join(self, previous: str, following: str) -> str:
        """_join for the current line: a continuation of `previous`, which ended on the line before."""
        glue = None
        if self.previous is not None and self.previous.exact:
            glue = " " if self.previous.space_after or self.current.space_before else ""
        spaced = (self.previous is not None and self.previous.space_after) or self.current.space_before
        return _join(previous, following, self.previous_full, glue, spaced)

    def _finish(self) -> ParsedMeeting:
        if not self.title_line:
            first = self.pre_title[0][0] if self.pre_title else 1
            raise ParseError(first, "找不到會議紀錄標題（應為「○○第 N 次○○會議紀錄」）")
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
            return self.headers.get(key, ("", 0))[0]

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
        )

    # -- title and header ---------------------------------------------------------------------------------

    def _title_stage(self, number: int, line: str) -> None:
        match = _TITLE_RE.match(line)
        if match is None and self.pre_title:
            # A title the converter wrapped: 國立○○大學 113 學年度第 3 次行政會議紀 / 錄
            joined = _TITLE_RE.match(self.pre_title[-1][1] + line)
            if joined is not None and joined.group("org").strip():
                self.pre_title.pop()
                match = joined
        if match is None:
            if _BREADCRUMB_RE.search(line):
                return  # 首頁 > 資訊公開 > 會議紀錄: the web page's path, copied with the record
            if _TITLE_LIKE_RE.search(line):
                raise ParseError(number, "標題缺少會議次數（應為「○○第 N 次○○會議紀錄」）")
            self.pre_title.append((number, line))
            return
        organisation = match.group("org").strip()
        if len(self.pre_title) == 1 and (not organisation or _YEAR_PREFIX_RE.match(organisation)):
            # The organisation centred on a line of its own above 第 108 次處務會議紀錄 (or 113 年第 5 次…).
            organisation = self.pre_title.pop()[1] + organisation
        if self.pre_title:
            raise ParseError(self.pre_title[0][0], "標題之前有無法歸類的文字")
        # １１３學年度, 113 學年度 and 113學年度 are one series: digits in ASCII, no spaces around them.
        organisation = _SPACED_DIGITS_RE.sub(r"\1", organisation.translate(_FULLWIDTH_DIGITS))
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
        kind = match.group("kind").strip()
        # 部務會報 keeps its word; 處務會議 is stored as 處務.
        self.kind = kind + "會報" if match.group("meeting") == "會報" else kind

    def _header_stage(self, number: int, line: str, structural: str) -> None:
        """A line between the title and the first section: fields, or the rest of the last field."""
        if field := _numbered_header(structural):
            # 一、開會時間：… — some offices number the header fields like a list.
            self._header_fields(number, field)
        elif self.shifted and (match := _ITEM_RE.match(structural)):
            self._agenda_section(number, match.group("num"), match.group("rest"), structural)
        elif match := _SECTION_RE.match(structural):
            self._numbered_section(number, match)
        elif _UNNUMBERED_SECTION_RE.match(structural) and not self.mid_sentence:
            self._section(number, None, structural.rstrip("：:︰"), "")
        elif _HEADER_RE.match(line) or self.mid_sentence or line[0] in _CLOSING:
            self._header_fields(number, line)
        elif match := _BARE_HEADER_RE.match(line):
            self._header(number, match.group("label"), match.group("value").strip())
        elif (match := _ITEM_RE.match(structural)) or (match := _CASE_ITEM_RE.match(structural)):
            raise ParseError(number, f"項目「{match.group('num')}、」出現在任何段落（壹、貳、參…）之前")
        elif match := _PROPOSAL_ITEM_RE.match(structural):
            raise ParseError(number, f"項目「{match.group('num')}」出現在任何段落（壹、貳、參…）之前")
        elif (match := _CONCLUSION_RE.match(structural)) or (match := _CONCLUSION_ALONE_RE.match(structural)):
            label = _label(match)
            raise ParseError(number, f"「{label}」出現在任何段落（壹、貳、參…）之前")
        elif match := _REPORT_RE.match(structural):
            raise ParseError(
                number, f"「{match.group('heading').strip()}補充報告」必須位於某個項目（一、二、三…）之下"
            )
        else:
            self._header_fields(number, line)

    def _header_fields(self, number: int, line: str) -> None:
        """主席：王局長明華          紀錄：李小美 holds two fields; a line without a label continues the last."""
        first = _HEADER_RE.match(line)
        start = first.start("value") if first is not None else 0
        starts = [match.start() for match in _INNER_HEADER_RE.finditer(line, start)]
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
            match = _HEADER_RE.match(segment)
            if match is None:  # pragma: no cover - kept as a clear error rather than a crash
                raise ParseError(number, f"無法辨識的欄位「{segment}」")
            self._header(number, match.group("label"), match.group("value").strip())

    def _header(self, number: int, label: str, value: str) -> None:
        label = re.sub(r"\s+", "", label)
        key = _HEADER_LABELS[label]
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
        if self.last_header in _ONE_VALUE_HEADERS and (unknown := _UNKNOWN_LABEL_RE.match(line)):
            # 紀錄：王小明 then 應出席人數：30人 — not the recorder's name going on.
            raise ParseError(
                number,
                f"無法辨識的欄位「{unknown.group('label')}」：標題與第一個段落之間只能有時間、地點、主席、紀錄、"
                "出席、列席、請假等欄位；請刪除這一行，或把它併入出席欄",
            )
        if self.last_header == "" or (
            self.last_header in ("time", "date")
            and not self.previous_full
            and line[0] not in _CLOSING
            and not (not _readable_time(value) and _readable_time(_join(value, line)))
        ):
            raise ParseError(
                number, "無法歸類的文字：標題與第一個段落之間只能有時間、地點、主席、紀錄、出席等欄位"
            )
        joined = self._join(value, line)
        # 紀錄： cut in two by the page width shows up only once the pieces are joined.
        starts = [match.start() for match in _INNER_HEADER_RE.finditer(joined)]
        self.headers[self.last_header] = (joined[: starts[0]].rstrip() if starts else joined, first_line)
        for begin, end in zip(starts, [*starts[1:], len(joined)][: len(starts)], strict=True):
            match = _HEADER_RE.match(joined[begin:end].strip())
            if match is not None:
                self._header(number, match.group("label"), match.group("value").strip())

    def _read_header(self) -> None:
        """Reads the date and time once the header is complete (the converter may have wrapped them)."""
        if self.header_read:
            return
        self.header_read = True
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
        structural = _BULLET_RE.sub("", line, count=1)
        if not self.sections:
            self._header_stage(number, line, structural)
            return
        wrapped, self.wrapped_title = self.wrapped_title, None
        titled, self.titled = self.titled, None
        # The previous line finished a title (…業務報告) even if it filled the line: this one starts afresh.
        self.title_complete = titled is not None and wrapped is None and bool(titled.title)
        continues = line[0] in _CLOSING  # Chinese typesetting never starts a line with 。，、）
        if continues and titled is not None:
            wrapped = titled
        if not continues and self._structural(number, structural):
            return
        point = None if continues or self.shifted else _POINT_RE.match(structural)
        # A title that fills the line and ends like a complete one (…業務報告) is not continued by 說明：.
        complete = (
            wrapped is not None and _COMPLETE_TITLE_RE.search(wrapped.title) and _LABEL_START_RE.match(line)
        )
        # 1. or (1) opens the item's list: a title cut at the page width does not go on with it (the PDF
        # never starts a printed line there), unless the converter cut at an exact character count.
        if wrapped is not None and _SUB_MARKER_RE.match(line) and not (self.previous and self.previous.exact):
            complete = True
        if (
            wrapped is not None
            and point is None
            and (continues or (self.mid_sentence and not complete) or self._continues_title(line))
        ):
            wrapped.title = self._join(wrapped.title, line)
            self._maybe_wrapped(wrapped)
        elif point is not None and self._paren_item(number, structural, point):
            return
        elif point is None or not self._point(number, structural, point):
            self._plain(number, line)

    def _structural(self, number: int, line: str) -> bool:
        """Opens a section, item, report or conclusion when the line is one; False for text."""
        mid = self.mid_sentence
        if self.shifted:
            if match := _ITEM_RE.match(line):
                return self._agenda_section(number, match.group("num"), match.group("rest"), line)
            if match := _POINT_RE.match(line):
                return self._numbered(number, "paren_zh", match.group("num"), match.group("rest"), line)
        if match := _SECTION_RE.match(line):
            return self._numbered_section(number, match)
        if _UNNUMBERED_SECTION_RE.match(line) and not mid:
            self._section(number, None, line.rstrip("：:︰"), "")
            return True
        if match := _ITEM_RE.match(line):
            return self._numbered(number, "zh", match.group("num"), match.group("rest"), line)
        if match := _ARABIC_ITEM_RE.match(line):
            return self._numbered(number, "arabic", match.group("num"), match.group("rest"), line)
        if match := _PAREN_ARABIC_RE.match(line):
            return self._numbered(number, "paren", match.group("num"), match.group("rest"), line)
        if (match := _CASE_ITEM_RE.match(line)) or (match := _PROPOSAL_ITEM_RE.match(line)):
            rest = match.group("rest") or match.groupdict().get("spaced") or ""
            return self._numbered(number, "case", match.group("num"), rest, line)
        if match := _CONCLUSION_RE.match(line):
            self._conclusion(number, _label(match), match.group("rest"))
            return True
        if not mid and (match := _CONCLUSION_ALONE_RE.match(line)):
            self._conclusion(number, _label(match), "")
            return True
        if match := _REPORT_RE.match(line):
            label = re.sub(r"\s+", "", match.group("rlabel"))
            self._report(number, match.group("heading").strip(), match.group("rest"), label)
            return True
        return False

    @staticmethod
    def _continues_title(line: str) -> bool:
        return not _SUB_MARKER_RE.match(line) and not _LABEL_START_RE.match(line)

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
                if value != expected or line[-1] in _SENTENCE_END:
                    self._list_entry(number, line, title, block, value)
                    return True
            elif value == 1 and self._list_may_start(block):
                block.numbered = "zh"
                self._list_entry(number, line, title, block, value)
                return True
        if self.mid_sentence and value != expected:
            return False
        if not 1 <= value <= _MAX_NUMBER or (self.sections and value <= self.sections[-1].number):
            if self.previous_open and self.sections:
                return False
            if not 1 <= value <= _MAX_NUMBER:
                raise ParseError(number, f"段落編號「{numeral}」超出範圍（應為一到九十九）")
        self._section(number, value, title, numeral)
        return True

    def _section(self, number: int, section_number: int | None, title: str, numeral: str) -> None:
        self._read_header()
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
        if style != "case":
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
        if not 1 <= value <= _MAX_NUMBER:
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
        return True

    def _list_may_start(self, block: _Block) -> bool:
        if block.markers or block.numbered:
            return False
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
        for line in self.lines[self.index + 1 : self.index + 60]:
            text = _BULLET_RE.sub("", line.text, count=1)
            if _SECTION_RE.match(text) or _UNNUMBERED_SECTION_RE.match(text):
                return "section"
            if _CONCLUSION_RE.match(text) or _CONCLUSION_ALONE_RE.match(text):
                return "conclusion"
            if _REPORT_RE.match(text):
                return "report"
            if any(
                pattern.match(text)
                for pattern in (_ITEM_RE, _ARABIC_ITEM_RE, _CASE_ITEM_RE, _PROPOSAL_ITEM_RE, _POINT_RE)
            ):
                return "numbered"
            if _LABEL_START_RE.match(text):
                return "label"
            if _ADJOURN_START_RE.match(text):
                return "end"
        return "end"

    def _item(self, number: int, item_number: int, title: str, numeral: str) -> None:
        section = self.sections[-1]
        self._close_block()
        item = ParsedItem(number=item_number, title=title, line=number)
        section.items.append(item)
        self.item = item
        self.block = _Block("body", item.body, number, f"項目「{numeral}」")
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
            wraps = title[-1] not in _PARAGRAPH_END and not _COMPLETE_TITLE_RE.search(title)
        elif self.current.full:
            # …要點」 / 部分條文案 at the page width go on; 業務報告 / 討論事項 that happen to fill it do not.
            wraps = title[-1] not in _PARAGRAPH_END + "：:︰" and not _COMPLETE_TITLE_RE.search(title)
        else:
            wraps = title[-1] not in _TITLE_END and not _COMPLETE_TITLE_RE.search(title)
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
                number, f"這裡已有一段結論（第 {owner.conclusion.line} 行），不能再有第二段「{label}」"
            )
        self._close_block()
        conclusion = ParsedConclusion(label=label, points=[], line=number)
        owner.conclusion = conclusion
        self.block = _Block("conclusion", conclusion.points, number, f"「{label}」")
        self._inline_rest(number, rest)

    def _report(self, number: int, heading: str, rest: str, label: str = "補充報告") -> None:
        if self.item is None:
            raise ParseError(number, f"「{heading}補充報告」必須位於某個項目（一、二、三…）之下")
        self._close_block()
        # With a note in parentheses the heading is kept as written: split, the note would be lost.
        unit, surname, title = ("", "", "") if re.search(r"[()（）]", heading) else split_report_heading(heading)
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
        match = _POINT_RE.match(rest)
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
            wrapped
            or entries[-1][-1] not in _PARAGRAPH_END
            or _SUB_MARKER_RE.match(line)
            or line[0] in _CLOSING
        ):
            entries[-1] = self._join(entries[-1], line)
        else:
            entries.append(line)
            block.entry_lines.append(number)

    def _body_paragraph(self, number: int, line: str, block: _Block, new_paragraph: bool) -> None:
        if self.awaiting_title is not None and not _PROPOSER_RE.match(line):
            self.awaiting_title.title = line
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
            and (exact or not _SUB_MARKER_RE.match(line))
            and (
                self.mid_sentence
                or line[0] in _CLOSING
                or (
                    (self.previous_full or entries[-1][-1] not in _PARAGRAPH_END)
                    and not _LABEL_START_RE.match(line)
                )
            )
        )
        if joins:
            entries[-1] = self._join(entries[-1], line)
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
            # 會議於上午 10 時 30 分結束。 — the end of the meeting without the word 散會.
            if self.sections and (ended := _MEETING_ENDED_RE.match(line)):
                time_text = ended.group("time") or ended.group("time2")
                try:
                    parse_roc_time(time_text)
                except ValueError:
                    return line, None
                return "", time_text
            return line, None
        start = starts[-1].start()
        match = _ADJOURN_RE.match(line[start:])
        if match is None:
            return line, None
        time_text = match.group("paren") if match.group("paren") is not None else match.group("colon")
        # 散會：下午 3 時 10 分　主席：王局長 — the signature line set on the same line.
        time_text = _SIGNATURE_AFTER_RE.split(time_text or "", maxsplit=1)[0].strip()
        before = line[:start].rstrip()
        # 陸、散會：下午 4 時 10 分: some offices number the adjournment like a section.
        if _BULLET_ONLY_RE.fullmatch(before) or _SECTION_PREFIX_RE.fullmatch(before):
            before = ""
        if before and not time_text and (time_first := _ADJOURN_TIME_FIRST_RE.match(before)):
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
        if before and (not self.sections or not (time_text or before[-1] in _SENTENCE_END)):
            return line, None
        return before, time_text

    def _adjournment_time_below(self, line: str) -> bool:
        """陸、散會 with its time on the next line, in parentheses: （下午 2 時 30 分）."""
        match = _TIME_IN_PARENS_RE.fullmatch(line)
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
                for mark in (_CASE_MARK_RE.search(point) for point in conclusion.points)
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

    def _after_adjournment(self, line: _Line) -> None:
        """Signature lines after 散會 are the document's, not the record's; 附件 lines are kept as a note."""
        if self.in_appendix or self._appendix_starts(line):
            # This app's own appendix, a table of the tracked items reviewed (案號 案由 …): it is made
            # again from the tracked items, and pdftotext scatters its cells, so it is not read.
            self.in_appendix = True
            return
        if self.signoff_open or _SIGNATURE_RE.match(line.text):
            # 本紀錄已於…簽核（簽核人：…）。 may be wrapped by the narrow signature column: read to its 。
            self.signoff_open = line.text.startswith("本紀錄") or self.signoff_open
            self.signoff_open = self.signoff_open and not line.text.endswith("。")
            self.in_attachments = False
            self.signature_line = True
            return
        if self.signature_line and self.previous_open and _SIGNATURE_TAIL_RE.match(line.text):
            # 主席：黃主任委員○○（兼法制局局 / 長）: a long name wrapped by the narrow signature column.
            return
        self.signature_line = False
        if _ATTACHMENT_RE.match(line.text):
            self.in_attachments = True
            self.attachments.append(line.text)
            return
        if self.in_attachments:
            # 附件： followed by its list (一、簽到表), or a reference the converter wrapped.
            numbered = any(pattern.match(line.text) for pattern in (_ITEM_RE, _ARABIC_ITEM_RE, _POINT_RE))
            # A long entry that stops mid-sentence was cut, even where the page width cannot be told.
            cut = self.mid_sentence or (
                self.previous_open and _display_width(self.previous.text) >= _LONG_ATTACHMENT
            )
            if (cut and not numbered) or line.text[0] in _CLOSING:
                self.attachments[-1] = self._join(self.attachments[-1], line.text)
                return
            if numbered:
                self.attachments.append(line.text)
                return
        if _WEB_FOOTER_RE.match(line.text):
            return  # 回上一頁, 瀏覽人次：…: the web page around a record copied from it
        raise ParseError(
            line.number,
            f"「散會」（第 {self.adjourned_line} 行）之後只能有簽名欄（主席：、紀錄：）或附件（附件：…）；"
            f"請刪除「{line.text[:30]}」或把它移到散會之前",
        )

    def _appendix_starts(self, line: _Line) -> bool:
        following = self.lines[self.index + 1] if self.index + 1 < len(self.lines) else None
        # Titled …列管案件辦理情形及決定一覽表 today; files signed before were titled 附件：…列管案件辦理情形.
        return bool(
            (_ATTACHMENT_RE.match(line.text) or _compact(line.text).endswith("一覽表"))
            and "列管" in line.text
            and following is not None
            and _compact(following.text).startswith("案號")
        )

    def _adjourn(self, number: int, time_text: str) -> None:
        # Read at the end: the page width may have cut 散會：上午 10 時 30 / 分。
        self.adjourned_text = time_text
        self.adjourned_line = number

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
    match = _NUMBERED_HEADER_RE.match(line)
    return match.group("field") if match and _HEADER_RE.match(match.group("field")) else None


def _agenda_numbered_like_items(lines: list[_Line]) -> bool:
    """Whether the record numbers its agenda 一、二、 (and its items (一)(二)) instead of 壹、貳、."""
    first = None
    for line in lines:
        text = _BULLET_RE.sub("", line.text, count=1)
        if _numbered_header(text):
            continue
        if _SECTION_RE.match(text):
            return False
        if first is None and (_ITEM_RE.match(text) or _UNNUMBERED_SECTION_RE.match(text)):
            first = "item" if _ITEM_RE.match(text) else "section"
    return first == "item"


def _readable_time(value: str) -> bool:
    for parse in (parse_roc_datetime, parse_roc_time):
        try:
            parse(value.rstrip("。．."))
        except ValueError:
            continue
        return True
    return False


def _label(match: re.Match[str]) -> str:
    label = match.groupdict().get("label") or match.groupdict().get("blabel") or ""
    return re.sub(r"\s+", "", label)


def reads_as_its_own_part(line: str) -> bool:
    """Whether `line`, standing alone on a line, reads as something other than text that goes on.

    業務報告 (an unnumbered section), 決議 (a conclusion label), 散會。 and 第 2 頁 are read so wherever they
    stand alone; the PDF keeps the last line of a paragraph from being only that.
    """
    text = _clean(line)
    return bool(
        text
        and (
            _UNNUMBERED_SECTION_RE.match(text)
            or _CONCLUSION_ALONE_RE.match(text)
            or _ADJOURN_RE.match(text)
            or _is_furniture(text)
        )
    )


# The same parts found at the end of a longer line, from any position: `pattern.match(text, pos)` never
# matches ^ after the start, so the anchor goes.
# The same parts found at every position of a longer line where one begins and runs to its end (a lookahead
# matches nothing, so finditer tries every position, in C).
_OWN_PART_AHEAD_RE = re.compile(
    "(?="
    + "|".join(
        f"(?:{p.pattern.removeprefix('^')})"
        for p in (_UNNUMBERED_SECTION_RE, _CONCLUSION_ALONE_RE, _ADJOURN_RE)
    )
    + ")"
)
_FURNITURE_AHEAD_RE = re.compile(
    f"(?=(?:{_PAGE_NUMBER_RE.pattern.removeprefix('^')})|(?:{'|'.join(sorted(_WATERMARKS, key=len, reverse=True))})$)",
    _PAGE_NUMBER_RE.flags,
)


@lru_cache(maxsize=8192)
def _nfkc_char(char: str) -> str:
    return unicodedata.normalize("NFKC", char)


def own_part_starts(line: str, within: int) -> list[int]:
    """The positions among the last `within` characters of `line` from which the rest of the line, standing
    alone on a line, reads_as_its_own_part.

    The same answer as asking reads_as_its_own_part of every ending, in one pass: the ending is cleaned once,
    with where each character came from kept, and the patterns find every position they match from.
    """
    first = max(len(line) - within, 0)
    cleaned, origin = [], []  # as _clean has it: other spaces become one, zero-width ones go
    for index in range(first, len(line)):
        char = _SPACES.get(ord(line[index]), line[index])
        if char and not (char == " " and cleaned and cleaned[-1] == " "):
            cleaned.append(char)
            origin.append(index)
    text = "".join(cleaned).rstrip()
    starts = {match.start() for match in _OWN_PART_AHEAD_RE.finditer(text)}

    # Furniture is matched on the compact form: NFKC, without spaces. NFKC character by character is the
    # string's NFKC unless something composed (a combining mark); then each ending is asked.
    pieces = [_nfkc_char(char) for char in text]
    if "".join(pieces) == unicodedata.normalize("NFKC", text):
        compact, compact_origin = [], []
        for position, piece in enumerate(pieces):
            for char in piece:
                if not char.isspace():
                    compact.append(char)
                    compact_origin.append(position)
        for match in _FURNITURE_AHEAD_RE.finditer("".join(compact)):
            k = match.start()
            if k < len(compact):  # the empty ending is nothing
                # The ending from compact[k] is that of every position after the previous compact character.
                starts.update(range(compact_origin[k - 1] + 1 if k else 0, compact_origin[k] + 1))
    else:
        starts.update(position for position in range(len(text)) if _is_furniture(text[position:]))

    # An ending that starts with spaces is the ending after them; so is one that starts with what _clean drops.
    result, previous = [], first
    for position, char in enumerate(text):
        if not char.isspace():
            if position in starts:
                result.extend(range(previous, origin[position] + 1))
            previous = origin[position] + 1
    return result


def meeting_name(kind: str) -> str:
    """處務 → 處務會議; a kind that already names its gathering (部務會報) stays as it is."""
    return kind if kind.endswith(("會議", "會報")) else f"{kind}會議"


def parse_minutes(text: str) -> ParsedMeeting:
    """Reads a meeting record's text into a ParsedMeeting; anything it cannot place is a ParseError."""
    if not isinstance(text, str):
        raise TypeError("parse_minutes 需要字串")
    return _Reader().read(text)
