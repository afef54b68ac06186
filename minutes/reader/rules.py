"""The kinds of line a meeting record is made of, as data: the patterns the reader, its messages and the PDF's
line-break guard all ask."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from minutes.reader.casenumbers import NUMBER_PATTERN

# Patterns. Colons come as ：, : or the vertical-form ︰ some PDF fonts map to.

COLON = "[：:︰]"
DIGIT = "0-9０-９"
ZH_NUM = "〇零一二三四五六七八九十"

# Spaces other than the plain one: tabs, no-break, typographic and ideographic (\u3000) spaces become one
# space; zero-width characters and the byte-order mark vanish. Spread labels (主　　席) still match.
SPACES = str.maketrans(
    {
        **{ch: " " for ch in "\t\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
           "\u200a\u202f\u205f\u3000"},
        **{ch: "" for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad"},
    }
)  # fmt: skip
# Breaks inside a physical line: a form feed (pdftotext's page break) or a Unicode line separator.
INNER_BREAK_RE = re.compile(r"[\f\v\x1c\x1d\x1e\x85\u2028\u2029]")
EDGE_SPACE_RE = re.compile(r"^\s+|\s+$")
TABLE_ROW_RE = re.compile(r"\S\t+\S")
RUN_OF_SPACES_RE = re.compile(r" {2,}")
# PDF-to-text converters put list bullets in front of numbered lines: "- (二)", "• 一、".
# Including the shapes web pages and Word use (■ ◆ ➢ ※, and Word's Symbol-font bullets in the private-use area).
BULLETS = "-‐‑–—•●・▪◦*■□◆◇◎★►➢➤※‧·→✓✔\uf06c\uf0d8\uf0b7\uf0a7\uf076\uf0fc"
BULLET_RE = re.compile(rf"^[{BULLETS}]\s*(?=\S)")
BULLET_ONLY_RE = re.compile(rf"[{BULLETS}]?")

# Page furniture, matched on the NFKC form without spaces: - 2 -, 2, 第 2 頁, 第 2 頁，共 5 頁, 2/5, Page 2 of 5.
PAGE_NUMBER_RE = re.compile(
    r"^(?:[-‐‑–—―~〜_=]*\d{1,4}[-‐‑–—―~〜_=]*"
    r"|[-‐‑–—―]*第[\d一二三四五六七八九十百]{1,5}頁(?:[,、/|]?共[\d一二三四五六七八九十百]{1,5}頁)?[-‐‑–—―]*"
    r"|共[\d一二三四五六七八九十百]{1,5}頁[,、/|]?第[\d一二三四五六七八九十百]{1,5}頁"
    r"|(?:頁次:?)?\d{1,4}/\d{1,4}|(?:page|p\.?)\d{1,4}(?:(?:of|/)\d{1,4})?)$",
    re.IGNORECASE,
)

# The last 第 N 次 is the meeting's number: 臺北市議會第14屆第3次定期大會民政委員會第5次會議紀錄 is meeting 5.
TITLE_RE = re.compile(
    rf"^(?P<org>.*)第\s*(?P<num>[{DIGIT}]+|[〇零一二三四五六七八九十百]+)\s*次\s*(?P<kind>.*?)\s*"
    r"(?P<meeting>會議|會報)\s*(?:[紀記]錄|紀要)(?:\s*[（(][^()（）]{1,12}[)）])?$"
)
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
SPACED_DIGITS_RE = re.compile(r"\s*([0-9]+)\s*")
# 113 年, 113 年度, 113 學年度 before 第 N 次: a year, not an organisation.
YEAR_PREFIX_RE = re.compile(r"^(?:民國)?\s*[0-9０-９]{2,3}\s*(?:學年度|年度|年)$")
TITLE_LIKE_RE = re.compile(r"會[議報]\s*(?:[紀記]錄|紀要)(?:\s*[（(][^()（）]{1,12}[)）])?$")

HEADER_LABELS: dict[str, str] = {
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
HEADER_LABEL = (
    "(?P<label>"
    + "|".join(r"\s*".join(map(re.escape, label)) for label in sorted(HEADER_LABELS, key=len, reverse=True))
    + ")"
)
HEADER_RE = re.compile(rf"^{HEADER_LABEL}\s*{COLON}\s*(?P<value>.*)$")
NUMBERED_HEADER_RE = re.compile(
    r"^(?P<numeral>[一二三四五六七八九十]{1,3}|[壹貳參叁叄肆伍陸柒捌玖拾]{1,3}|[0-9０-９]{1,2})\s*[、．.]\s*(?P<field>.+)$"
)
# Fields with one value: a line after them that starts with a label of its own is not their continuation.
ONE_VALUE_HEADERS = ("place", "chair", "recorder")
UNKNOWN_LABEL_RE = re.compile(rf"^(?P<label>[\u3400-\u9fff]{{2,8}})\s*{COLON}")
# A header kept as a table (Word "save as text" writes its cells with a tab): 時　　間\t113年5月14日
BARE_HEADER_RE = re.compile(rf"^{HEADER_LABEL}\s+(?P<value>\S.*)$")
# 主席：王局長明華          紀錄：李小美 — a further field on the same line, after white space.
INNER_HEADER_RE = re.compile(rf"(?<=\s){HEADER_LABEL}\s*{COLON}")

SECTION_RE = re.compile(r"^(?P<num>[壹貳參叁叄肆伍陸柒捌玖拾]{1,4})\s*[、．.]\s*(?P<rest>.*)$")
# Section titles common enough to recognise when the converter lost their numeral.
UNNUMBERED_SECTION_RE = re.compile(
    r"^(?P<title>宣讀.{0,40}?會議[紀記]錄|確認.{0,10}?會議[紀記]錄|(?:上次|前次)會議(?:決議|結論|決定)事項(?:辦理|執行)情形"
    r"|歷次會議(?:決議|結論|決定)?(?:列管|追蹤)事項(?:辦理|執行)?(?:情形)?"
    r"|主席致詞|主席報告|報告事項|討論事項|臨時動議|(?:各單位|各組室|各科室|各處室)?業務報告|工作報告|專案報告"
    r"|專題報告|提案討論|討論提案|選舉事項|其他事項|其他)\s*"
    rf"(?:{COLON}\s*(?:無|略|[（(]\s*略\s*[)）]))?\s*[。：:]?$"
)
SECTION_PREFIX_RE = re.compile(
    rf"[{BULLETS}]?\s*(?:[壹貳參叁叄肆伍陸柒捌玖拾]{{1,4}}|[一二三四五六七八九十]{{1,3}})\s*[、．.]"
)
ITEM_RE = re.compile(rf"^(?P<num>[{ZH_NUM}]{{1,4}})\s*[、．.]\s*(?P<rest>.*)$")
# 1、 1. １、 — items in records that number them with Arabic numerals (and the 1. level everywhere else).
ARABIC_ITEM_RE = re.compile(rf"^(?P<num>[{DIGIT}]{{1,3}})\s*[、．.](?![{DIGIT}])\s*(?P<rest>.*)$")
# (1) (2) right after 決議： are its points, like (一) (二); elsewhere they stay inside the text.
PAREN_ARABIC_RE = re.compile(rf"^[(（]\s*(?P<num>[{DIGIT}]{{1,2}})\s*[)）]\s*(?P<rest>.*)$")
CASE_ITEM_RE = re.compile(
    rf"^第\s*(?P<num>[{ZH_NUM}百]{{1,6}}|[{DIGIT}]{{1,4}})\s*案\s*(?:[、．.]|{COLON})?\s*(?P<rest>.*)$"
)
# 案由一：… 提案一： 討論案一 報告案一： 臨時動議一：
PROPOSAL_ITEM_RE = re.compile(
    r"^(?:案由|提案|議案|討論案|報告案|臨時動議|臨時提案|動議)\s*(?:第\s*)?"
    rf"(?P<num>[{ZH_NUM}百]{{1,6}}|[{DIGIT}]{{1,4}})\s*案?(?:\s*(?:[、．.]|{COLON})\s*(?P<rest>.*)|\s+(?P<spaced>\S.*))?$"
)
CONCLUSION_LABELS = (
    "會議結論", "會議決議", "會議決定", "主席裁示", "主席指示", "主席提示", "主席結論", "主席裁決", "主席決定",
    "主席裁示事項", "主席指示事項", "主席提示事項", "主席裁（指）示", "主席結語", "決議事項", "決定事項",
    "主席裁定", "主席裁示如下", "決議如下", "決定如下", "決議（定）", "主持人裁示", "主持人指示", "主持人結論",
    "主任裁示", "主任指示", "局長裁示", "局長指示", "處長裁示", "處長指示", "校長裁示", "校長指示",
    "院長裁示", "院長指示", "區長裁示", "區長指示", "所長裁示", "所長指示", "大隊長裁示", "大隊長指示",
    "決定", "決議", "結論", "裁示",
)  # fmt: skip
# Parentheses in a label (主席裁（指）示) come in either width.
LABEL_CHAR = {"（": "[（(]", "）": "[）)]"}
CONCLUSION_LABEL = (
    "(?P<label>"
    + "|".join(r"\s*".join(LABEL_CHAR.get(char, char) for char in label) for label in CONCLUSION_LABELS)
    + ")"
)
CONCLUSION_RE = re.compile(
    rf"^(?:{CONCLUSION_LABEL}\s*{COLON}|[【\[［〔（(]\s*{CONCLUSION_LABEL.replace('label', 'blabel')}\s*[】\]］〕）)]"
    rf"\s*{COLON}?)\s*(?P<rest>.*)$"
)
# The label alone on its line, without a colon: 決議
CONCLUSION_ALONE_RE = re.compile(rf"^{CONCLUSION_LABEL}$")
# 民政課林課長（代理）補充報告： — a short note in parentheses may follow the reporter.
REPORT_RE = re.compile(
    r"^(?P<heading>[^。，、；：:,;！？!?()（）]{0,30}?(?:[（(][^。，、；：:,;()（）]{1,6}[)）])?)\s*"
    r"(?P<rlabel>補\s*充\s*(?:報\s*告|說\s*明))\s*"
    rf"{COLON}\s*(?P<rest>.*)$"
)
POINT_RE = re.compile(
    r"^(?P<marker>[(（]\s*(?P<num>[〇零一二三四五六七八九十百]{1,6})\s*[)）])\s*(?P<rest>.*)$"
)
# Lower numbering levels (1. and (1)) stay inside the point they belong to.
SUB_MARKER_RE = re.compile(
    r"^(?:[0-9０-９]{1,3}\s*[.．、](?![0-9０-９])|[(（]\s*[0-9０-９]{1,3}\s*[)）]|[①-⒇])"
)
ADJOURN_RE = re.compile(
    r"^散\s*會\s*(?:時\s*間)?\s*(?:[。.]?\s*[（(]\s*(?P<paren>[^()（）]*?)\s*[)）]|[：:︰]\s*(?P<colon>.*?))?\s*[。.]?$"
)
ADJOURN_START_RE = re.compile(r"散\s*會")
# A record copied from a web page brings the page's path above it and its footer below:
# 首頁 > 資訊公開 > 會議紀錄, 首頁/公告, 目前位置：…
BREADCRUMB_RE = re.compile(
    r"^.*?\S\s*[>＞›»]\s*\S.*[>＞›»]\s*\S|^(?:目前|現在|您的|您現在的|您目前的|所在)?位置\s*[：:︰]|^首頁\s*[/／>＞]\s*\S"
)
WEB_FOOTER_RE = re.compile(
    r"^(?:回上一頁|回上頁|回首頁|回頁首|回頂端|回到頂端|友善列印|列印本頁|列印|分享|TOP|Top|top"
    r"|(?:瀏覽人次|點閱次數|點閱數|瀏覽次數|更新日期|發布日期|公告日期|上版日期|最後更新|資料來源|發布單位|發布機關"
    r"|資料更新|張貼日期)\s*[：:︰].*)$"
)
# A web page's navigation, a line made only of its words: 跳到主要內容區塊, :::, 首頁 | 網站導覽 | English.
WEB_NAV_WORDS = frozenset(
    {
        "跳到主要內容", "跳到主要內容區塊", "跳至主要內容", "跳到主要內容區", ":::", "網站導覽", "回首頁", "首頁",
        "English", "ENGLISH", "RSS", "字級", "字級：", "字級:", "小", "中", "大", "友善列印", "列印", "分享",
        "Facebook", "facebook", "Line", "LINE", "Twitter", "X", "轉寄", "回上一頁", "回上頁", "回頂端", "TOP",
        "Top", "上一則", "下一則", "上一筆", "下一筆", "會員登入", "登入", "搜尋", "進階搜尋", "常見問答",
        "雙語詞彙", "無障礙", "網站地圖", "聯絡我們", "選單", "開啟選單", "關閉選單", "Menu", "MENU",
    }
)  # fmt: skip
_NAV_SEPARATOR_RE = re.compile(r"[\s|｜/／·•、]+")


class _NavLine:
    """A pattern-like test for a line made only of navigation words (see WEB_NAV_WORDS)."""

    pattern = "web navigation"
    _WHOLE = re.compile(r"(?s).+")

    @classmethod
    def match(cls, text: str) -> re.Match[str] | None:
        words = [word for word in _NAV_SEPARATOR_RE.split(text) if word]
        return cls._WHOLE.match(text) if words and all(word in WEB_NAV_WORDS for word in words) else None


WEB_NAV_RE = _NavLine()
# A record sent by e-mail: the message's header lines, the forwarded-message marker, the greeting and the
# letter around the record (檢送…紀錄，敬請查照。 … 秘書室 敬上).
EMAIL_HEADER_RE = re.compile(
    r"^(?:寄件者|寄件人|收件者|收件人|副本|密件副本|主旨|主題|傳送時間|寄件時間|寄件日期|傳送日期|日期|重要性|附件"
    r"|From|To|Cc|Bcc|Sent|Date|Subject|Attachments?|Importance|Reply-To)\s*[:：︰]",
    re.IGNORECASE,
)
FORWARD_RE = re.compile(
    r"^[-–—_=*>\s]*(?:Original Message|Forwarded message|Begin forwarded message|原始郵件|原始訊息|轉寄的郵件"
    r"|轉寄郵件|轉寄的訊息|以下為轉寄郵件)[-–—_=*:：\s]*$|^(?:Fw|Fwd|RE|轉寄|回覆)\s*[:：]",
    re.IGNORECASE,
)
# An e-mail's signature separator ("-- ", or a rule of dashes or underscores): what follows is the sender's.
MAIL_SIGNATURE_RE = re.compile(r"^(?:--|[-_=]{5,})$")
GREETING_RE = re.compile(
    r"^(?:各位|親愛的|敬愛的)?\s*(?:同仁|長官|委員|主管|先進|夥伴|老師|同事|大家|您)\s*們?\s*(?:大家)?\s*"
    r"(?:好|您好|平安|鈞鑒|鈞鑑|惠鑒|台鑒)\s*[：:，,！!。～~]*$|^Dear\b",
    re.IGNORECASE,
)
LETTER_RE = re.compile(
    r"^(?:.*?(?:敬請查照|請查照|請查收|請參閱|敬請卓參|檢送|檢附|茲送|如附件|謝謝|感謝您|敬上|謹上|敬啟|順頌|敬頌"
    r"|敬祝|時祺|此致|Best regards|Sent from)|祝\s*\S|Regards|Thanks)",
    re.IGNORECASE,
)
# Letter-spaced text (OCR, or a title spread to fill the line): 臺 中 市 立 … 第 5 次 … 會 議 紀 錄.
SPACED_LABEL_RE = re.compile(r"^(?:[\u3400-\u9fff] ){1,6}[\u3400-\u9fff](?=\s*[：:︰])")
# A signature line with nothing signed, printed on every page or left in the text: 主席：＿＿＿　紀錄：
BLANK_SIGNATURE_RE = re.compile(
    r"^(?:(?:主\s*席|主\s*持\s*人|[紀記]\s*錄(?:\s*人員?)?|承\s*辦\s*人|核\s*稿|決\s*行|單\s*位\s*主\s*管)"
    r"\s*(?:簽\s*[名章])?\s*[：:︰][\s_＿.．…]*)+$"
)
SIGNATURE_AFTER_RE = re.compile(r"\s+(?=(?:主\s*席|主\s*持\s*人|[紀記]\s*錄(?:\s*人員?)?)\s*[：:︰])")
TIME_IN_PARENS_RE = re.compile(
    r"[（(]\s*(?:散會時間\s*[：:︰]?\s*)?(?P<time>[^()（）]{2,20}?)\s*[)）]\s*[。.]?"
)
# 會議於上午 10 時 30 分結束。 / 本次會議於 12 時結束: the adjournment, worded without 散會.
MEETING_ENDED_RE = re.compile(
    r"^(?:本次)?會議\s*(?:於|在)?\s*(?P<time>[^，,。：:]{2,20}?)\s*(?:結束|圓滿結束)\s*[。.]?$"
    r"|^(?:本次)?會議結束(?:時間)?\s*[：:︰]\s*(?P<time2>[^，,。]{2,20}?)\s*[。.]?$"
)
# 下午 4 時 10 分散會。 — the time in front.
ADJOURN_TIME_FIRST_RE = re.compile(
    r"^(?:本次)?(?:會議)?(?:於)?\s*(?P<time>[^，,。]{2,20}?)\s*[，,]?\s*(?:宣布)?$"
)
# After 散會: the signature lines (主席：陳志銘　紀錄：王小明, 主席簽名：, or the labels alone with room to
# sign), the sign-off line this app prints, and references to attachments (附件：簽到表, 附件二、簡報).
SIGNATURE_LABEL = (
    r"(?:會\s*議\s*)?主\s*席|主\s*持\s*人|[紀記]\s*錄(?:\s*人(?:\s*員)?)?|主\s*任|[局處校院區所館站科課]\s*長"
    r"|(?:主\s*席|[紀記]\s*錄(?:\s*人)?)\s*(?:簽\s*[名章核]|核\s*[閱定])"
)
SIGNATURE_RE = re.compile(
    rf"^(?:(?:{SIGNATURE_LABEL})\s*{COLON}.*|(?:{SIGNATURE_LABEL})(?:\s+(?:{SIGNATURE_LABEL}))*"
    r"|本紀錄(?:已於|為草稿).*)$"
)
# The rest of a signature line's name, wrapped: short, no label, no sentence.
SIGNATURE_TAIL_RE = re.compile(r"^[^：:︰。，,；;]{1,12}$")
# The case number a PDF prints after a tracked conclusion: 同意備查。（列管案號 10801）
# Other offices write it （列管案號：901）。, （列管案號 9-01）, 【追蹤案號 701】, （管制編號 901，秘書室）.
CASE_MARK_RE = re.compile(
    r"\s*[（(【\[［]\s*(?:列管|追蹤|管制)(?:案號|編號)\s*[：:]?\s*"
    r"(?P<case>[0-9０-９]{3,7}|[0-9０-９]{1,4}\s*[-－‐]\s*[0-9０-９]{2})"
    r"\s*(?:[，,、；;][^()（）【】\[\]]{1,12})?[)）】\]］]\s*[。．.]?\s*$"
)
LONG_ATTACHMENT = 40  # columns (20 CJK characters): an attachment line this long may have been cut
ATTACHMENT_RE = re.compile(rf"^附\s*[件錄表]\s*(?:[{ZH_NUM}{DIGIT}]{{1,3}})?\s*(?:$|[、．.]|{COLON}|[（(])")
# 提案單位：教務處 before 案由：… under 提案一: who proposed it, not what it is about; the title is still to come.
PROPOSER_RE = re.compile(r"^(?:(?:提案|報告|主辦|承辦)\s*(?:單位|人|者|機關)|連署人)\s*[：:︰]")
# A proposal's parts (討論事項, 臨時動議): who proposed it, what it is about, why, what is proposed. The points
# (一、1.(1)) under 說明 or 辦法 are that part's, never agenda items. The parts that start a proposal come
# before 說明; those after it (辦法, 擬辦) never start one, so a numbered line before them is still a point.
OPENING_PARTS = ("提案單位", "提案人", "提案者", "連署人", "附議人", "案由", "事由", "說明")
LATER_PARTS = ("辦法", "擬辦", "建議辦法", "擬辦意見", "處理意見", "決議辦法")


def _spaced(words: tuple[str, ...]) -> str:
    """Words as a pattern that also reads them letter-spaced (說 明), longest first."""
    return "|".join(r"\s*".join(map(re.escape, word)) for word in sorted(words, key=len, reverse=True))


OPENING_PART_RE = re.compile(rf"^(?P<label>{_spaced(OPENING_PARTS)})\s*{COLON}\s*(?P<rest>.*)$")
LATER_PART_RE = re.compile(rf"^(?P<label>{_spaced(LATER_PARTS)})\s*{COLON}\s*(?P<rest>.*)$")
# A proposal's outcome, as the meeting words it: 決議：照案通過。 (經討論後修正通過), 保留, 不予通過, 另案處理.
PROPOSAL_OUTCOMES = (
    "照案通過", "修正通過", "修正後通過", "原則通過", "無異議通過", "表決通過", "保留", "不予通過",
    "另案處理", "撤回", "撤案", "緩議", "暫緩", "擱置", "交付審查", "退回", "照案辦理",
)  # fmt: skip
OUTCOME_RE = re.compile(
    r"^(?:本案|經討論後?|經表決(?:後)?|經出席人員同意|經出席委員同意|經與會人員討論後?)?[，,、]?\s*"
    rf"(?P<outcome>{'|'.join(sorted(PROPOSAL_OUTCOMES, key=len, reverse=True))})"
)
# The columns of a table of tracked cases (the review of 辦理情形), by what they hold, with the headings
# offices give them. A heading names one column only: 決定 as a heading is never a conclusion's label.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "case_number": ("案號", "列管案號", "列管編號", "編號", "追蹤案號", "管制編號", "案次", "列管序號"),
    "subject": ("案由", "事由", "決議事項", "決定事項", "列管事項", "會議結論", "案由摘要", "主席裁示事項",
                "決議（定）事項", "列管內容", "執行事項", "追蹤事項", "交辦事項"),
    "unit": ("主辦單位", "承辦單位", "辦理單位", "權責單位", "執行單位", "負責單位", "主（協）辦單位", "主辦",
             "承辦", "主協辦單位"),
    "cooperating": ("協辦單位", "協辦"),
    "progress": ("辦理情形", "執行情形", "辦理進度", "執行進度", "辦理情形及進度", "處理情形", "辦理經過",
                 "執行情形說明", "辦理情形說明"),
    "suggestion": ("列管建議", "建議", "單位建議", "擬辦", "建議事項", "建議列管情形", "自評", "擬辦意見",
                   "列管情形建議", "建議處理"),
    "decision": ("決定", "會議決定", "主席裁示", "決議", "裁示", "主席決定", "會議決議", "主席裁（指）示",
                 "列管決定", "審議結果", "決定事項（列管與否）"),
    "due": ("預定完成日期", "完成期限", "預計完成日期", "期限", "辦理期限", "預定完成時間"),
    "index": ("序號", "項次", "編次"),
}  # fmt: skip
TABLE_HEADINGS: dict[str, str] = {
    unicodedata.normalize("NFKC", heading): column for column, headings in TABLE_COLUMNS.items() for heading in headings
}
# A line of headings, the header row of such a table as any converter leaves it (tabs, spaces, or one alone).
_HEADING = "|".join(re.escape(heading) for heading in sorted(TABLE_HEADINGS, key=len, reverse=True))
TABLE_HEADER_RE = re.compile(rf"^(?:{_HEADING})(?:[ \t]+(?:{_HEADING}))*$")

# A tracked case reviewed in running text: 列管第 8802 案：…, 列管案號 8802：…, 案號：8802. The labels after it
# (辦理情形：, 列管建議：, 決定：) are that case's, up to the next case.
CASE_NUMBER_FORM = rf"(?:{NUMBER_PATTERN}|[0-9０-９]{{3,}})"
CASE_ENTRY_RE = re.compile(
    rf"^(?:(?:列管|追蹤|管制)(?:案號|編號)|案號|列管(?=\s*第))\s*{COLON}?\s*(?:第\s*)?(?P<number>{CASE_NUMBER_FORM})"
    rf"(?![0-9A-Za-z])\s*(?:號|案)?\s*(?:{COLON}\s*(?P<rest>.*)|$)"
)
CASE_FIELDS: dict[str, tuple[str, ...]] = {
    "unit": ("主辦單位", "承辦單位", "辦理單位"),
    "progress": ("辦理情形", "執行情形", "辦理進度", "執行進度", "處理情形"),
    "suggestion": ("列管建議", "單位建議", "建議"),
    "decision": ("會議決定", "主席裁示", "主席裁決", "決定", "決議", "裁示"),
}
CASE_FIELD_RE = re.compile(
    "(?P<label>" + "|".join(re.escape(word) for words in CASE_FIELDS.values() for word in words) + rf")\s*{COLON}"
)

# Body lines such as 說明： or 案由：… start a labelled paragraph, never the tail of a wrapped title.
LABEL_LENGTH = 6  # characters before the colon of a label (主席裁示事項：)
LABEL_START_RE = re.compile(rf"^[^\s：:︰]{{1,{LABEL_LENGTH}}}[：:︰]")

# Any line at all: for a row whose handler decides by where the line stands, not by what it says.
ANY_LINE_RE = re.compile(r"(?=.)")

SENTENCE_END = "。！？!?；;"
# Only a full stop ends a paragraph: a line ending in ； is a clause the converter wrapped.
PARAGRAPH_END = "。！？!?"
TITLE_END = SENTENCE_END + "：:︰」』"
# A line ending in these reads as finished (a sentence, a label, a note in parentheses): what follows starts anew.
FINISHED_LINE_END = TITLE_END + "）)"
# Closing punctuation never starts a line in Chinese typesetting: a line starting with it continues.
CLOSING = "。，、；：:︰,;！？!?）)」』】〕"
# Short titles that are complete without final punctuation: 報告事項, 主席致詞, 人事室業務報告.
# …事項 ends a title, and so does a sentence followed by the unit it is for: …完成評估。（民政課）
COMPLETE_TITLE_WORDS = "報告|致詞|事項|動議|討論|結論|裁示|提示|指示|其他|[紀記]錄|無"
COMPLETE_TITLE_RE = re.compile(
    rf"(?:{COMPLETE_TITLE_WORDS}|[（(]略[)）]|[。！？][（(][^（）()]{{1,20}}[)）])$"
)
# A short review's title (上次會議決定事項辦理情形, 前次會議決議事項追蹤) is complete too, unless the next line
# goes on with a conjunction (…推動情形 / 暨下月工作重點報告); a long one ending so may have been cut there.
REVIEW_TITLE_RE = re.compile(r"(?:情形|追蹤)$")
TITLE_GOES_ON_RE = re.compile(r"^[暨及與和並或、]")
# Sections, items and points are numbered 1..99 (壹..玖拾玖, 一..九十九), as the numerals module writes them.
MAX_NUMBER = 99
TITLES = sorted(
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
UNIT_SUFFIXES = (
    "辦公室", "中心", "小組", "組", "室", "處", "科", "課", "局", "所", "隊", "會", "股", "部", "館",
    "院", "署", "府", "廳", "站", "校", "團", "司", "區",
)  # fmt: skip
# A title that is only a unit's name (人文課, 秘書室, 公管中心): a unit reporting, nothing more to come.
UNIT_TITLE_RE = re.compile(rf"[\u3400-\u9fff]{{1,8}}(?:{'|'.join(UNIT_SUFFIXES)})")
COMPOUND_SURNAMES = (
    "歐陽", "司馬", "諸葛", "上官", "張簡", "范姜", "東方", "皇甫", "司徒", "夏侯", "令狐", "長孫",
    "慕容", "端木", "公孫", "西門",
)  # fmt: skip
CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def clean_line(line: str) -> str:
    return RUN_OF_SPACES_RE.sub(" ", EDGE_SPACE_RE.sub("", line.translate(SPACES)))


_WHITE_RE = re.compile(r"\s+")


def compact_text(text: str) -> str:
    """NFKC without any space: the form page furniture and headings are compared in."""
    return _WHITE_RE.sub("", text if text.isascii() else unicodedata.normalize("NFKC", text))


# pdftotext -layout may also set a watermark character on a line of the text, far from it by a wide gap:
#                草        主席：蔡區長靜宜
MERGED_WATERMARK_RE = re.compile(
    r"^[ \t\u3000]{4,}[草稿](?=[ \t\u3000]{4,}\S)|(?<=\S)[ \t\u3000]{4,}[草稿][ \t\u3000]*$"
)
# A draft's watermark, which pdftotext writes as lines of their own wherever it crosses the text: 草, 稿.
WATERMARK_RE = re.compile(r"^(?:草稿|草|稿)$")


def label_of(match: re.Match[str]) -> str:
    label = match.groupdict().get("label") or match.groupdict().get("blabel") or ""
    return re.sub(r"\s+", "", label)


# ---------------------------------------------------------------------------------------------------------
# The table. Like the states of docutils' reStructuredText parser (each an ordered list of transitions that
# the state machine tries in turn) and Python-Markdown's block processors (each a test() and a run(), tried
# by priority), every kind of line is a row: its name, how messages call it, its pattern, what it opens,
# and the phases of the record where it is tried. The reader tries a phase's rows in this order; the first
# whose pattern matches decides (its handler takes the line, or leaves it as text). A new form of record is
# a new row, or a new word in a row's list.


class Phase(enum.Enum):
    """Where the reader is in a record. One value; each phase has its own rows of the table."""

    TITLE = "標題之前"
    CARRIER = "郵件或網頁"  # before the title, inside what carried the record: an e-mail's letter, a web page
    HEADER = "表頭"  # between the title and the first section
    BODY = "內文"  # sections, items, reports, conclusions
    ADJOURNED = "散會"  # the lines of 散會 itself: its time may go on, or stand on the next line
    CLOSING = "散會之後"  # after 散會: signature lines, 附件
    SIGNATURE = "簽名欄"  # right after a signature line: a long name may wrap onto the next
    SIGNOFF = "簽核文字"  # inside the sign-off sentence this app prints, up to its full stop
    ATTACHMENTS = "附件"  # after 附件：, its numbered list or its wrapped lines
    APPENDIX = "列管附表"  # this app's appendix table of reviewed tracked items, made again on import
    MAIL_SIGNATURE = "郵件簽名檔"  # after an e-mail's "-- " below the record: the sender's name, unit, extension


AFTER_ADJOURNMENT = frozenset(
    {Phase.CLOSING, Phase.SIGNATURE, Phase.SIGNOFF, Phase.ATTACHMENTS, Phase.APPENDIX, Phase.MAIL_SIGNATURE}
)
_BEFORE = frozenset({Phase.TITLE, Phase.CARRIER})
_BEFORE_AND_AFTER = frozenset({*_BEFORE, *AFTER_ADJOURNMENT})
_HEADER = frozenset({Phase.HEADER})
_BODY = frozenset({Phase.BODY})
_HEADER_AND_BODY = frozenset({Phase.HEADER, Phase.BODY})
_EVERYWHERE = frozenset(Phase)


@dataclass(frozen=True)
class Rule:
    name: str  # the reader handles a line of this kind in its method _on_<name>
    what: str  # how messages call it
    pattern: re.Pattern[str]
    opens: str  # what a line of this kind starts: "section", "item", "conclusion", … ("" for text within)
    phases: frozenset[Phase]
    # Matched on the compact form (NFKC, no spaces) rather than the cleaned line: page furniture.
    compact: bool = False
    # Never read so right after a line the converter cut mid-sentence: the line is that sentence going on.
    not_mid: bool = False
    # "shifted": only in records that number their agenda 一、 and its items (一); "plain": only in others.
    style: str = ""
    # Standing alone on a line it reads as a part of its own (業務報告, 決議, 散會, 第 2 頁): the PDF must never
    # leave a paragraph's last line so.
    alone: bool = False
    # At the start of a printed line it reads as this part: the PDF never breaks a line right before it.
    marker: str = ""

    def matches(self, text: str) -> re.Match[str] | None:
        return self.pattern.match(compact_text(text) if self.compact else text)


_ZH_MARKER = "[〇零一二三四五六七八九十]{1,3}\\s*[、．.]"
RULES: tuple[Rule, ...] = (
    # -- furniture: what the converter or the carrier put around and between the pages ----------------------
    Rule("page_number", "頁碼（第 2 頁，共 4 頁）", PAGE_NUMBER_RE, "furniture", _EVERYWHERE, compact=True,
         alone=True),
    Rule("watermark", "草稿浮水印", WATERMARK_RE, "furniture", _EVERYWHERE, compact=True, alone=True),
    Rule("blank_signature", "空白的簽名欄（主席：＿＿＿）", BLANK_SIGNATURE_RE, "furniture", _BODY),
    Rule("email_header", "郵件標頭（寄件者：、主旨：…）", EMAIL_HEADER_RE, "carrier", _BEFORE_AND_AFTER),
    Rule("forward_marker", "轉寄郵件標記", FORWARD_RE, "carrier", _BEFORE_AND_AFTER),
    Rule("greeting", "郵件問候語（各位同仁好：）", GREETING_RE, "carrier", _BEFORE),
    Rule("mail_signature", "郵件簽名檔（-- 之後）", MAIL_SIGNATURE_RE, "carrier", AFTER_ADJOURNMENT),
    Rule("letter", "郵件內文（檢送…，敬請查照）", LETTER_RE, "carrier", frozenset({Phase.CARRIER, *AFTER_ADJOURNMENT})),
    Rule("breadcrumb", "網頁路徑（首頁 > …）", BREADCRUMB_RE, "carrier", _BEFORE_AND_AFTER),
    Rule("web_navigation", "網頁導覽", WEB_NAV_RE, "carrier", _BEFORE_AND_AFTER),  # type: ignore[arg-type]
    # A web page may also set its own lines (發布單位：…, 更新日期：…) between the record's title and its header.
    Rule("web_footer", "網頁頁尾（回上一頁、發布日期：…）", WEB_FOOTER_RE, "carrier", _BEFORE_AND_AFTER | _HEADER),
    # -- the title and the header ------------------------------------------------------------------------------
    Rule("title", "標題（○○第 N 次○○會議紀錄）", TITLE_RE, "title", _BEFORE),
    Rule("numbered_header", "表頭欄位（一、開會時間：…）", NUMBERED_HEADER_RE, "field", _HEADER),
    Rule("agenda_item", "段落（一、二、三…）", ITEM_RE, "section", _HEADER_AND_BODY, style="shifted",
         marker=_ZH_MARKER),
    Rule("agenda_point", "項目（(一)(二)…）", POINT_RE, "item", _BODY, style="shifted"),
    Rule("section", "段落（壹、貳、參…）", SECTION_RE, "section", _HEADER_AND_BODY,
         marker="[壹貳參叁叄肆伍陸柒捌玖拾]{1,4}\\s*[、．.]"),
    Rule("unnumbered_section", "段落標題（報告事項、討論事項…）", UNNUMBERED_SECTION_RE, "section",
         _HEADER_AND_BODY, not_mid=True, alone=True),
    Rule("header_field", "表頭欄位（時間、地點、主席、紀錄、出席…）", HEADER_RE, "field", _HEADER),
    Rule("continued_line", "上一行的續行", ANY_LINE_RE, "field", _HEADER),
    Rule("bare_header_field", "表頭欄位（時　　間 113年5月14日）", BARE_HEADER_RE, "field", _HEADER),
    Rule("item", "項目（一、二、三…）", ITEM_RE, "item", _HEADER_AND_BODY, marker=_ZH_MARKER),
    Rule("arabic_item", "項目（1、2、3…）", ARABIC_ITEM_RE, "item", _BODY,
         marker="[0-9０-９]{1,3}\\s*[、．.](?![0-9０-９])"),
    Rule("paren_arabic_item", "項次（(1)(2)…）", PAREN_ARABIC_RE, "list", _BODY),
    Rule("case_item", "提案（第一案…）", CASE_ITEM_RE, "item", _HEADER_AND_BODY,
         marker="第\\s*[一二三四五六七八九十百0-9０-９]+\\s*案"),
    Rule("proposal_item", "提案（提案一、案由一…）", PROPOSAL_ITEM_RE, "item", _HEADER_AND_BODY,
         marker="(?:案由|提案|議案|討論案|報告案|臨時動議)\\s*[一二三四五六七八九十0-9０-９]"),
    # The table's rows are read as one block (see tables.find_tables), before any line of it is classified.
    Rule("table_header", "列管案件表格（案號、案由、主辦單位、辦理情形、列管建議、決定）", TABLE_HEADER_RE, "table", _BODY),
    Rule("case_entry", "列管案件（列管第 8802 案：…）", CASE_ENTRY_RE, "case", _BODY, not_mid=True,
         marker="(?:列管|追蹤|管制)(?:案號|編號)|列管\\s*第|案號\\s*[：:]?\\s*[0-9０-９]"),
    Rule("opening_part", "提案的部分（提案單位：、案由：、說明：）", OPENING_PART_RE, "part", _BODY, not_mid=True),
    Rule("later_part", "提案的部分（辦法：、擬辦：）", LATER_PART_RE, "part", _BODY, not_mid=True),
    Rule("conclusion", "結論（決定：、決議：、會議結論：…）", CONCLUSION_RE, "conclusion", _HEADER_AND_BODY),
    Rule("conclusion_alone", "結論（決議）", CONCLUSION_ALONE_RE, "conclusion", _HEADER_AND_BODY, not_mid=True,
         alone=True),
    Rule("report", "補充報告（○○組○組長補充報告：）", REPORT_RE, "report", _HEADER_AND_BODY),
    Rule("point", "項次（(一)(二)…）", POINT_RE, "point", _BODY, style="plain",
         marker="[(（]\\s*(?:[〇零一二三四五六七八九十百]{1,4}|[0-9０-９]{1,3})\\s*[)）]"),
    Rule("sub_point", "細項（1.、(1)、①）", SUB_MARKER_RE, "", _BODY, marker="[①-⒇]"),
    Rule("labelled_paragraph", "標示段落（說明：、辦理情形：…）", LABEL_START_RE, "paragraph", _BODY),
    # -- the end -----------------------------------------------------------------------------------------------
    Rule("adjournment", "散會（散會：上午 11 時 20 分）", ADJOURN_RE, "adjournment", _HEADER_AND_BODY, alone=True),
    Rule("meeting_ended", "散會（會議於上午 10 時 30 分結束）", MEETING_ENDED_RE, "adjournment", _BODY),
    Rule("signature", "簽名欄（主席：、紀錄：）", SIGNATURE_RE, "signature", AFTER_ADJOURNMENT),
    Rule("signature_tail", "簽名欄的續行", SIGNATURE_TAIL_RE, "signature", frozenset({Phase.SIGNATURE})),
    Rule("attachment", "附件（附件：…）", ATTACHMENT_RE, "attachment", AFTER_ADJOURNMENT),
)  # fmt: skip
RULE: dict[str, Rule] = {rule.name: rule for rule in RULES}


def rules_for(phase: Phase, *, shifted: bool) -> tuple[Rule, ...]:
    """A phase's rows in the order the reader tries them; the agenda's numbering picks the rows of its style."""
    return _RULES_FOR[phase, shifted]


_RULES_FOR = {
    (phase, shifted): tuple(
        rule
        for rule in RULES
        if phase in rule.phases and rule.style in ("", "shifted" if shifted else "plain") and rule.opens
    )
    for phase in Phase
    for shifted in (False, True)
}


# What a line ahead announces, for a reader weighing the line in front of it: the rows' `opens`, coarser.
_AHEAD = {"section": "section", "conclusion": "conclusion", "report": "report", "item": "numbered",
          "point": "numbered", "paragraph": "label", "part": "label"}  # fmt: skip
# 辦法： comes after 說明's points, never at the start of a proposal: a numbered line before it stays a point.
_AHEAD_BY_NAME = {"later_part": "part"}
_AHEAD_RULES = tuple(
    (rule, _AHEAD_BY_NAME.get(rule.name) or _AHEAD[rule.opens])
    for rule in RULES
    if rule.opens in _AHEAD and rule.style != "shifted" and Phase.BODY in rule.phases
)


def kind_ahead(text: str) -> str | None:
    """ "section", "conclusion", "report", "numbered" or "label" for a line that opens one; None for text."""
    return next((kind for rule, kind in _AHEAD_RULES if rule.pattern.match(text)), None)


def expected(*names: str) -> str:
    """What may stand somewhere, for a message: the rows' names, joined as a person would list them."""
    whats = [RULE[name].what for name in names]
    return "、".join(whats[:-1]) + "或" + whats[-1] if len(whats) > 1 else whats[0]


# Page numbers and watermarks are short (第 12 頁，共 40 頁, Page 12 of 40): a longer line is never one.
_LONGEST_FURNITURE = 30


def is_furniture(text: str) -> bool:
    """A page number or a draft's watermark: what the converter put on every page, never the record."""
    if len(text) > _LONGEST_FURNITURE:
        return False
    compact = compact_text(text)
    return any(rule.pattern.match(compact) for rule in _FURNITURE)


_FURNITURE = tuple(rule for rule in RULES if rule.opens == "furniture" and rule.compact)
_CARRIER = tuple(rule for rule in RULES if rule.opens == "carrier")


def is_carrier(text: str) -> bool:
    """An e-mail's header or greeting, a web page's path, navigation or footer: around the record, not in it."""
    return any(rule.pattern.match(text) for rule in _CARRIER)


# One letter of letter-spaced text: a CJK character, perhaps with the punctuation after it (議:, 無。).
_SPACED_LETTER_RE = re.compile(r"[\u3400-\u9fff][：:︰，,。、；;]?")


def unspaced(text: str) -> str:
    """Letter-spaced text closed up: 臺 中 市 立 … 會 議 紀 錄 → 臺中市立…會議紀錄, 壹、報 告 事 項 → 壹、報告事項,
    說 明：… → 說明：…. Words of two or more characters keep their spaces."""
    if " " not in text:
        return text
    words = text.split(" ")
    if (
        len(words) >= 4
        and all(len(word) <= 2 for word in words)
        and sum(len(word) == 1 for word in words) * 5 >= len(words) * 4
        and CJK_RE.search(text)
    ):
        return "".join(words)
    if (label := SPACED_LABEL_RE.match(text)) is not None:
        text = label.group(0).replace(" ", "") + text[label.end() :]
        words = text.split(" ")
    letters = [_SPACED_LETTER_RE.fullmatch(word) is not None for word in words]
    if sum(letters) < 3:
        return " ".join(words)
    out = [words[0]]
    for index in range(1, len(words)):
        # A space goes between two letters of a spread word (three letters or more in a row), or between a
        # word and the spread letters that go on with it (壹、報 告 事 項).
        run = letters[index] and (
            (
                letters[index - 1]
                and (index >= 2 and letters[index - 2] or index + 1 < len(words) and letters[index + 1])
            )
            or (
                index + 2 < len(words)
                and letters[index + 1]
                and letters[index + 2]
                and CJK_RE.match(words[index - 1][-1])
            )
        )
        if run and words[index - 1][-1:] not in "：:︰":
            out[-1] += words[index]
        else:
            out.append(words[index])
    return " ".join(out)


_ALONE = tuple(rule for rule in RULES if rule.alone and not rule.compact)
_ALONE_COMPACT = tuple(rule for rule in RULES if rule.alone and rule.compact)


def reads_as_its_own_part(line: str) -> bool:
    """Whether `line`, standing alone on a line, reads as something other than text that goes on.

    The rows marked `alone`: 業務報告 (an unnumbered section), 決議 (a conclusion label), 散會。 and 第 2 頁 are
    read so wherever they stand alone; the PDF keeps the last line of a paragraph from being only that.
    """
    text = clean_line(line)
    return bool(text and (any(rule.pattern.match(text) for rule in _ALONE) or is_furniture(text)))


def line_start_markers() -> str:
    """The rows' markers as one pattern: what, at the start of a printed line, reads as a part of its own."""
    return "|".join(dict.fromkeys(rule.marker for rule in RULES if rule.marker))


# The same parts found at every position of a longer line where one begins and runs to its end (a lookahead
# matches nothing, so finditer tries every position, in C); `pattern.match(text, pos)` never matches ^ after
# the start, so the anchor goes.
OWN_PART_AHEAD_RE = re.compile(
    "(?=" + "|".join(f"(?:{rule.pattern.pattern.removeprefix('^')})" for rule in _ALONE) + ")"
)
FURNITURE_AHEAD_RE = re.compile(
    "(?=" + "|".join(f"(?:{rule.pattern.pattern.removeprefix('^')})" for rule in _ALONE_COMPACT) + ")",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def nfkc_char(char: str) -> str:
    return unicodedata.normalize("NFKC", char)


def own_part_starts(line: str, within: int) -> list[int]:
    """The positions among the last `within` characters of `line` from which the rest of the line, standing
    alone on a line, reads_as_its_own_part.

    The same answer as asking reads_as_its_own_part of every ending, in one pass: the ending is cleaned once,
    with where each character came from kept, and the patterns find every position they match from.
    """
    first = max(len(line) - within, 0)
    cleaned, origin = [], []  # as clean has it: other spaces become one, zero-width ones go
    for index in range(first, len(line)):
        char = SPACES.get(ord(line[index]), line[index])
        if char and not (char == " " and cleaned and cleaned[-1] == " "):
            cleaned.append(char)
            origin.append(index)
    text = "".join(cleaned).rstrip()
    starts = {match.start() for match in OWN_PART_AHEAD_RE.finditer(text)}

    # Furniture is matched on the compact form: NFKC, without spaces. NFKC character by character is the
    # string's NFKC unless something composed (a combining mark); then each ending is asked.
    pieces = [nfkc_char(char) for char in text]
    if "".join(pieces) == unicodedata.normalize("NFKC", text):
        compact, compact_origin = [], []
        for position, piece in enumerate(pieces):
            for char in piece:
                if not char.isspace():
                    compact.append(char)
                    compact_origin.append(position)
        for match in FURNITURE_AHEAD_RE.finditer("".join(compact)):
            k = match.start()
            if k < len(compact):  # the empty ending is nothing
                # The ending from compact[k] is that of every position after the previous compact character.
                starts.update(range(compact_origin[k - 1] + 1 if k else 0, compact_origin[k] + 1))
    else:
        starts.update(position for position in range(len(text)) if is_furniture(text[position:]))

    # An ending that starts with spaces is the ending after them; so is one that starts with what clean drops.
    result, previous = [], first
    for position, char in enumerate(text):
        if not char.isspace():
            if position in starts:
                result.extend(range(previous, origin[position] + 1))
            previous = origin[position] + 1
    return result
