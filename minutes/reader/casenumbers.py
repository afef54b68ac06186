"""Tracked-item case numbers (列管案號) in each office's scheme: how to recognise one, its key, the next one.

This app's own scheme, and the default, is the meeting number followed by a two-digit sequence (10801); other
offices number by year and sequence (113-01), meeting and sequence with a hyphen (11303-1), the meeting's date
(1130305-1), a prefix (A11301), or year, meeting and sequence (1130501, or 113-05-01). Each scheme is a row of
SCHEMES.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

_DIGITS_RE = re.compile(r"[0-9]+")
# A meeting series will not reach a billion meetings; a longer digit run is garbage, not a case number.
_MAX_LENGTH = 11


def format_case_number(meeting_number: int, sequence: int) -> str:
    """(107, 1) → "10701", (99, 3) → "9903"."""
    for name, value in (("會議次數", meeting_number), ("案件序號", sequence)):
        # bool is an int subclass; True as a meeting number is always a caller bug.
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name}必須是整數，收到 {value!r}")
    if meeting_number < 1:
        raise ValueError(f"會議次數必須大於 0，收到 {meeting_number}")
    if not 1 <= sequence <= 99:
        raise ValueError(f"案件序號必須介於 1 到 99 之間，收到 {sequence}")
    return f"{meeting_number}{sequence:02d}"


def parse_case_number(value: int | str) -> tuple[int, int]:
    """ "10701" → (107, 1), 9903 → (99, 3); full-width digits are accepted.

    The leading digits are a meeting number, never an ROC year, even when they look like one (107).
    """
    if isinstance(value, bool):
        raise TypeError(f"列管案號必須是數字或字串，收到 {value!r}")
    if isinstance(value, int):
        text = str(value) if value >= 0 else ""
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
    else:
        raise TypeError(f"列管案號必須是數字或字串，收到 {value!r}")
    if not _DIGITS_RE.fullmatch(text) or len(text) > _MAX_LENGTH:
        raise ValueError(f"無法辨識的列管案號：「{value}」（應為會議次數加兩位序號，例如 10701）")
    if len(text) < 3:
        raise ValueError(f"列管案號「{value}」太短：應為會議次數加兩位序號，例如 10701")
    meeting_text, sequence = text[:-2], int(text[-2:])
    # A leading zero would make two spellings of one case ("0101" and "101"); only one is valid.
    if meeting_text.startswith("0"):
        raise ValueError(f"列管案號「{value}」的會議次數不可以 0 開頭")
    if sequence < 1:
        raise ValueError(f"列管案號「{value}」的序號不可為 00")
    return int(meeting_text), sequence


def normalise_case_number(value: int | str) -> str:
    """ "１０７０１" or 10701 → "10701"; raises ValueError for anything that is not a case number."""
    return format_case_number(*parse_case_number(value))


# ---------------------------------------------------------------------------------------------------------
# The schemes, as data. A number is recognised by the first scheme whose pattern matches the whole number (so
# the more particular shapes come first); its key is the prefix, the digits before the sequence and the
# sequence in two digits, the same for every way of writing one case (113-01 and 11301, 11303-1 and 1130301),
# so that one key finds a case however the record wrote it.


@dataclass(frozen=True)
class Scheme:
    name: str
    label: str  # how the recorder sees it, with an example
    pattern: re.Pattern[str]  # the whole number, NFKC: groups prefix (optional), left (and left2), seq
    template: str  # the n-th new number: {prefix} {meeting} {year} {mmdd} {seq}

    def format(self, *, meeting_number: int, date: dt.date, sequence: int, prefix: str = "") -> str:
        """The `sequence`-th new case of meeting `meeting_number`, held on `date`, in this scheme."""
        if isinstance(meeting_number, bool) or not isinstance(meeting_number, int) or meeting_number < 1:
            raise ValueError(f"會議次數必須是大於 0 的整數，收到 {meeting_number!r}")
        if isinstance(sequence, bool) or not isinstance(sequence, int) or not 1 <= sequence <= 99:
            raise ValueError(f"案件序號必須介於 1 到 99 之間，收到 {sequence!r}")
        if "{prefix}" in self.template and not re.fullmatch(r"[A-Z]{1,3}", prefix):
            raise ValueError(f"案號字首應為一到三個大寫英文字母，收到 {prefix!r}")
        number = self.template.format(
            prefix=prefix,
            meeting=meeting_number,
            year=date.year - 1911,
            mmdd=f"{date.month:02d}{date.day:02d}",
            seq=sequence,
        )
        if read_case_number(number) is None or read_case_number(number).scheme != self.name:
            raise ValueError(f"第 {meeting_number} 次會議的第 {sequence} 案無法以「{self.label}」編號：{number}")
        return number


SCHEMES: tuple[Scheme, ...] = (
    # 113-05-01: year, meeting and sequence, hyphenated; the same key as 1130501, written without them.
    Scheme("year_meeting_hyphenated", "年度－會次－序號（113-05-01）",
           re.compile(r"(?P<left>1?[0-9]{2})-(?P<left2>0[1-9]|[1-9][0-9])-(?P<seq>[0-9]{2})"),
           "{year}-{meeting:02d}-{seq:02d}"),
    Scheme("date", "開會日期－序號（1130305-1）",
           re.compile(r"(?P<left>1?[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))-(?P<seq>[0-9]{1,2})"),
           "{year}{mmdd}-{seq}"),
    # 11303-1: one digit after the hyphen; 11201-03 is an abbreviated range, not a case (see sentences).
    Scheme("meeting_sequence", "年度會次－序號（11303-1）", re.compile(r"(?P<left>[0-9]{4,5})-(?P<seq>[1-9])"),
           "{year}{meeting:02d}-{seq}"),
    Scheme("year_sequence", "年度－序號（113-01）", re.compile(r"(?P<left>[1-9][0-9]{0,2})-(?P<seq>[0-9]{2})"),
           "{year}-{seq:02d}"),
    Scheme("prefix", "字首＋會次＋序號（A11301）",
           re.compile(r"(?P<prefix>[A-Z]{1,3})-?(?P<left>[1-9][0-9]{0,5})(?P<seq>[0-9]{2})"), "{prefix}{meeting}{seq:02d}"),
    Scheme("year_meeting_sequence", "年度＋會次＋序號（1130501）",
           re.compile(r"(?P<left>1[0-9]{2}(?:0[1-9]|[1-9][0-9]))(?P<seq>[0-9]{2})"), "{year}{meeting:02d}{seq:02d}"),
    Scheme("meeting", "會議次數＋兩位序號（10801）", re.compile(r"(?P<left>[1-9][0-9]{0,5})(?P<seq>[0-9]{2})"),
           "{meeting}{seq:02d}"),
)  # fmt: skip
SCHEME: dict[str, Scheme] = {scheme.name: scheme for scheme in SCHEMES}
DEFAULT_SCHEME = SCHEME["meeting"]


def _unnamed(pattern: re.Pattern[str]) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern)


# Any scheme's number, to find one in a sentence (the longest shapes first).
NUMBER_PATTERN = "|".join(_unnamed(scheme.pattern) for scheme in SCHEMES)
# The schemes' numbers that a hyphen or a prefix sets apart from other digits (113-01, 11303-1, A11301), in the
# same order: a sentence reads them before it reads plain digits.
WRITTEN_APART_PATTERN = "|".join(
    _unnamed(scheme.pattern) for scheme in SCHEMES if "-" in scheme.template or "{prefix}" in scheme.template
)
_DASHES = str.maketrans({"－": "-", "‐": "-", "‑": "-", "—": "-", "–": "-"})


@dataclass(frozen=True)
class CaseNumber:
    written: str  # as the record wrote it
    key: str  # for lookup: prefix, the digits before the sequence, the sequence in two digits
    scheme: str
    prefix: str
    left: int
    sequence: int

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.prefix, self.left, self.sequence)

    def with_sequence(self, sequence: int) -> CaseNumber:
        """The case `sequence` of the same meeting, written the way this one is (for 30101 至 30103)."""
        found = SCHEME[self.scheme].pattern.fullmatch(_plain(self.written))
        width = len(found.group("seq")) if found else 2
        written = _plain(self.written)[: found.start("seq")] + f"{sequence:0{width}d}" if found else self.written
        return CaseNumber(written, _key(self.prefix, self.left, sequence), self.scheme, self.prefix, self.left, sequence)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_DASHES).strip()


def _key(prefix: str, left: int, sequence: int) -> str:
    return f"{prefix}{left}{sequence:02d}"


def read_case_number(written: str) -> CaseNumber | None:
    """A case number in whichever scheme reads it, kept as written with its key; None when none does.

    10801 → key 10801 (meeting 108, case 1); 113-01 → 11301; 11303-1 → 1130301; 1130305-1 → 113030501;
    A11301 → A11301; 1130501 → 1130501. A sequence 00 is no case."""
    if not isinstance(written, str):
        return None
    text = _plain(written)
    for scheme in SCHEMES:
        if (found := scheme.pattern.fullmatch(text)) is not None:
            sequence = int(found.group("seq"))
            if sequence < 1:
                return None
            prefix = found.groupdict().get("prefix") or ""
            left = int(found.group("left") + (found.groupdict().get("left2") or ""))
            return CaseNumber(written.strip(), _key(prefix, left, sequence), scheme.name, prefix, left, sequence)
    return None


def case_key(written: str) -> str:
    """The key of a case number in any scheme (see read_case_number); ValueError when no scheme reads it."""
    number = read_case_number(written)
    if number is None:
        raise ValueError(f"無法辨識的列管案號：「{written}」（{'、'.join(scheme.label for scheme in SCHEMES)}）")
    return number.key
