"""Reads and writes the meeting's decision on tracked items (列管案號 … 解除列管；… 賡續列管)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from minutes.reader.casenumbers import (
    WRITTEN_APART_PATTERN,
    normalise_case_number,
    parse_case_number,
    read_case_number,
)

CLOSE = "close"  # 解除列管
CONTINUE = "continue"  # 賡續列管 / 繼續列管
SELF_TRACK = "self_track"  # 自行列管: closed at meeting level, the unit keeps watching it
REOPEN = "reopen"  # 恢復列管

# The order the grouped sentence lists its outcomes in.
KINDS: tuple[str, ...] = (CLOSE, CONTINUE, SELF_TRACK, REOPEN)

# How the grouped sentence words each outcome.
DECISION_PHRASES: dict[str, str] = {
    CLOSE: "同意解除列管",
    CONTINUE: "賡續列管",
    SELF_TRACK: "改為自行列管",
    REOPEN: "恢復列管",
}

# Every wording met in records, longest first so that the regex prefers the full phrase. 結案 and 銷案 are
# how some offices write 解除列管; 續予列管 and 繼續追蹤 how they write 賡續列管.
_KIND_WORDS: dict[str, str] = {
    "解除列管": CLOSE,
    "同意結案": CLOSE,
    "准予結案": CLOSE,
    "予以結案": CLOSE,
    "同意銷案": CLOSE,
    "准予銷案": CLOSE,
    "賡續列管": CONTINUE,
    "繼續列管": CONTINUE,
    "持續列管": CONTINUE,
    "續予列管": CONTINUE,
    "繼續追蹤": CONTINUE,
    "持續追蹤": CONTINUE,
    "自行列管": SELF_TRACK,
    "解除追蹤": CLOSE,
    "解除管制": CLOSE,
    "同意除管": CLOSE,
    "准予除管": CLOSE,
    "自行追蹤": SELF_TRACK,
    "恢復列管": REOPEN,
    "重新列管": REOPEN,
}
_KIND_ALT = "|".join(sorted(_KIND_WORDS, key=len, reverse=True))

# The forms of other offices' schemes (casenumbers.SCHEMES, those with a hyphen or a prefix): 112-01 (case
# 11201 written with a hyphen, or year 112's first), 11303-1, 1130305-1, A11301, 113-05-01. A longer number
# before a hyphen and two digits is a whole case number starting a range (11201-11203), or an abbreviated one
# (11201-03), which is refused rather than read as meeting 11201.
_HYPHENATED = rf"(?:{WRITTEN_APART_PATTERN})(?![0-9A-Za-z])"
# A number followed by 年, 月 or 日 is part of a date (113 年), never a case number.
_NOT_DATE = r"(?![0-9])(?![ \t]*[年月日])"
# 10601 至 10603, 10601～10603, 10601-10603. Not across a line break: a line may start with a "- " list marker.
_RANGE_SEP = r"[ \t]*(?:至|到|~|〜|-|–)[ \t]*"
# The end of a range may be any digits: a short one (10601～03) is read to be refused with a message, not dropped.
_RANGE_END = rf"(?:第\s*)?(?:{_HYPHENATED}|[0-9]+){_NOT_DATE}"
# 11701 案, 第 11201 號, 第 11201 號案; after each end of a range too (第 11701 號至第 11703 號).
_SUFFIX = r"(?:\s*(?:號\s*案?|案))?"


def _item(number: str) -> str:
    """One entry of a list of case numbers, a range or one case, with 第 … 號 or 案 around it."""
    return (
        rf"(?:第\s*)?(?<![0-9A-Za-z])(?:{_HYPHENATED}|{number}){_NOT_DATE}{_SUFFIX}"
        rf"(?:{_RANGE_SEP}{_RANGE_END}{_SUFFIX})?"
    )


_SEP = r"\s*(?:以及|、|,|及|與|和|暨|跟|&)\s*"
# Without a label, only numbers of three digits or more are case numbers (the shortest is 101).
_LIST = rf"{_item('[0-9]{3,}')}(?:{_SEP}{_item('[0-9]{3,}')})*"
# After 案號 any number is read, so that 列管案號 12 is refused as too short instead of passed over.
_LABELLED_LIST = rf"{_item('[0-9]+')}(?:{_SEP}{_item('[0-9]+')})*"
# Words that may stand between the numbers and the outcome: 同意解除列管, 改為自行列管, 均賡續列管.
_FILLER = r"(?::\s*)?(?:(?:均|皆|都|全部|同意|准予|准|予以|予|改為|改列|改|應|經決議|決議|決定)\s*)*"
# 列管案號 10606、10701 等 2 案解除列管: the count repeats the list, so it is skipped.
_COUNT = r"(?:\s*等\s*(?:[0-9]+|[一二三四五六七八九十]+)\s*[案件項])?"

_CLAUSE_RE = re.compile(
    rf"(?P<nums>{_LIST}){_COUNT}\s*{_FILLER}(?P<kind>{_KIND_ALT})"
    # The outcome can also come first: 解除列管：10606、10701, 解除列管者：11201.
    rf"|(?P<kind2>{_KIND_ALT})\s*(?:之|的)?\s*(?:列管)?\s*(?:案號|案件|案|者)?\s*:\s*(?P<nums2>{_LIST})"
)
# Words just before numbers that make them a count or a document number, not case numbers:
# 本月共 120 案解除列管, 府授秘字第 1130012345 號.
_NOT_CASES_BEFORE = ("共", "計", "共有", "計有", "尚有", "另有", "僅有", "字")
# One entry of a list already matched, split into the case it names or the two ends of its range.
_ITEM_RE = re.compile(
    rf"(?<![0-9A-Za-z])(?P<start>{_HYPHENATED}|[0-9]+){_NOT_DATE}{_SUFFIX}"
    rf"(?:{_RANGE_SEP}(?:第\s*)?(?P<end>{_HYPHENATED}|[0-9]+){_NOT_DATE})?"
)
# The numbers a text names as case numbers: 案號 10606, 案號：10606、10701 及 10702, 列管第 11201 號.
# A line that opens with the number itself, 第 … 號 and a colon (一、第113012號：請公園管理科…), names it too.
_LEADING_NUMBER = r"(?:^|(?<=\n))(?=第\s*[0-9A-Z][0-9A-Z-]{2,11}\s*號\s*:)"
_LABELLED_RE = re.compile(
    rf"(?:案號|(?:列管|追蹤|管制)編號|列管\s*(?=第)|{_LEADING_NUMBER})\s*:?\s*(?P<nums>{_LABELLED_LIST})"
)
# An outcome on its own, away from the numbers: 列管案號 10606：…已完成移轉，本案解除列管。 建議解除列管 is a
# unit's suggestion, not the meeting's decision.
# 俟驗收後再予解除列管 is what may happen later, not today's decision, like a suggestion.
# 暫緩解除列管, 暫不解除列管, 是否解除列管, 擬解除列管: held off or only proposed, not decided either.
_OUTCOME_RE = re.compile(
    rf"(?P<suggested>(?:建議|暫緩|暫不|未便|不予|不宜|尚不|尚未|是否|可否|擬|再)\s*(?:予以|予)?\s*)?(?P<kind>{_KIND_ALT})"
)
# Words that single out some of the cases an item names (其中一案解除列管): the outcome is not for all of them.
_PARTIAL_RE = re.compile(r"其中|部分|前者|後者|其餘|分別|另案")
# 除 2203 …繼續列管外，其餘均解除列管: the cases named after 除 have the first outcome, the others the second.
_EXCEPT_RE = re.compile(
    rf"除\s*(?:列管)?(?:案號)?\s*(?P<ex>{_LABELLED_LIST})[^，,。；;]*?(?P<k1>{_KIND_ALT})\s*外\s*[，,]?\s*"
    rf"其[餘他](?:各案|案件)?\s*(?:均|皆|都)?\s*(?:同意|准予|予以)?\s*(?P<k2>{_KIND_ALT})"
)
# One statement: what lies between full stops and semicolons.
_STATEMENT_RE = re.compile(r"[^。;\n]+")


def _sort_key(case_number: str) -> tuple[str, int, int]:
    number = read_case_number(case_number)
    return number.sort_key if number is not None else ("", *parse_case_number(case_number))


def _join_numbers(numbers: list[str]) -> str:
    if len(numbers) == 1:
        return numbers[0]
    return "、".join(numbers[:-1]) + " 及 " + numbers[-1]


def format_decision_sentence(decisions: dict[str, str]) -> str:
    """{"10606": "close", "9903": "continue"} → 列管案號 10606 同意解除列管；列管案號 9903 賡續列管。"""
    if not decisions:
        raise ValueError("沒有任何列管案件的決定，無法產生決定文字")
    grouped: dict[str, set[str]] = {kind: set() for kind in KINDS}
    seen: dict[str, str] = {}
    for raw_number, kind in decisions.items():
        if kind not in grouped:
            raise ValueError(f"未知的列管決定「{kind}」（應為 {'、'.join(KINDS)} 之一）")
        number = _key_of(raw_number)
        if seen.get(number, kind) != kind:
            raise ValueError(f"列管案號 {number} 有兩個不同的決定")
        seen[number] = kind
        grouped[kind].add(number)
    clauses = [
        f"列管案號 {_join_numbers(sorted(grouped[kind], key=_sort_key))} {DECISION_PHRASES[kind]}"
        for kind in KINDS
        if grouped[kind]
    ]
    return "；".join(clauses) + "。"


def parse_decision_sentence(text: str) -> dict[str, str]:
    """Reads the grouped sentence, one sentence per outcome, or a mix, into case number → kind.

    列管案號 10606：（辦理情形）…，本案解除列管。 — case numbers and one outcome in the same statement — is read
    too. Text that names no case number gives {}. A case number whose statement has outcomes that cannot be
    told apart, or only a unit's suggestion (建議解除列管), or a case given two outcomes, is a ValueError.
    """
    return read_decisions(text)[0]


def case_numbers_named(text: str) -> list[str]:
    """The case numbers a text names after 案號, in order: 一、列管案號 10606：… → ["10606"];
    列管案號 8503 至 8505 → ["8503", "8504", "8505"].

    A number that is no case number is passed over; a range that cannot be read is a ValueError, since the
    cases it stands for are unknown.
    """
    normalised = unicodedata.normalize("NFKC", text)
    named = []
    for labelled in _LABELLED_RE.finditer(normalised):
        for item in _ITEM_RE.finditer(labelled.group("nums")):
            try:
                numbers = _expand(item)
            except ValueError:
                if item.group("end"):
                    raise
                continue
            named.extend(number for number in numbers if number not in named)
    return named


def outcome_of(text: str) -> str | None:
    """The one outcome a text states without naming a case (本案解除列管), or None when it states none or several."""
    normalised = unicodedata.normalize("NFKC", text)
    kinds = _stated_kinds(normalised)
    if len(kinds) == 1 and not _LABELLED_RE.search(normalised) and not _CLAUSE_RE.search(normalised):
        return kinds.pop()
    return None


def states_outcome(text: str) -> bool:
    """Whether a text states an outcome of the meeting (not only a unit's suggestion), readable or not."""
    return bool(_stated_kinds(unicodedata.normalize("NFKC", text)))


def outcome_for_all(text: str, case_numbers: list[str]) -> str:
    """The one outcome a text gives all the cases an item names (均同意解除列管, 本案解除列管), for an item
    titled 列管案號 8503、8504. Several outcomes, words that single out some of the cases (其中一案解除列管),
    or numbers beside the outcome are a ValueError: which case got which outcome cannot be told."""
    kind = outcome_of(text)
    if kind is None or _PARTIAL_RE.search(unicodedata.normalize("NFKC", text)):
        raise ValueError(
            f"無法判讀列管案號 {_join_numbers(case_numbers)} 各自的決定"
            "（結論應寫明一個適用於各案的結果，例如：均同意解除列管）"
        )
    return kind


def _stated_kinds(normalised: str) -> set[str]:
    return {_KIND_WORDS[m.group("kind")] for m in _OUTCOME_RE.finditer(normalised) if not m.group("suggested")}


def _key_of(written: str) -> str:
    """The key of one case number (casenumbers.read_case_number); plain digits that are no case number are
    refused with the default scheme's reason (too short, a leading 0, sequence 00)."""
    text = unicodedata.normalize("NFKC", str(written)).strip()
    if text.isdigit():
        return normalise_case_number(text)
    number = read_case_number(text)
    if number is None:
        # 112-00, 012-01: the default scheme says what is wrong with the digits.
        return normalise_case_number(text.replace("-", ""))
    return number.key


def _expand(item: re.Match[str]) -> list[str]:
    """The case numbers one list entry stands for: 112-01 → 11201; 30101 至 30103 → 30101, 30102, 30103."""
    start = _key_of(item.group("start"))
    if not item.group("end"):
        return [start]
    written = item.group(0)
    try:
        end = _key_of(item.group("end"))
    except ValueError:
        raise ValueError(
            f"列管案號範圍「{written}」的結尾「{item.group('end')}」不是完整的列管案號"
            "（兩端都應寫出會議次數加兩位序號，例如 10601 至 10603）"
        ) from None
    first, last = read_case_number(start), read_case_number(end)
    # A range runs within one meeting's cases; across meetings it would stand for cases nobody numbered.
    if (first.prefix, first.left) != (last.prefix, last.left):
        raise ValueError(
            f"列管案號範圍「{written}」的兩端不是同一次會議的案號（第 {first.left} 次與第 {last.left} 次）"
        )
    if last.sequence <= first.sequence:
        raise ValueError(f"列管案號範圍「{written}」的結尾應在開頭之後")
    return [first.with_sequence(sequence).key for sequence in range(first.sequence, last.sequence + 1)]


def _clauses(normalised: str) -> Iterator[re.Match[str]]:
    """The clauses that put case numbers and an outcome side by side, less counts (共 120 案解除列管)."""
    for clause in _CLAUSE_RE.finditer(normalised):
        if clause.group("nums") and normalised[: clause.start()].rstrip().endswith(_NOT_CASES_BEFORE):
            continue
        yield clause


# 決定：同意依各單位建議辦理。 — the units' suggestions, written above, become the meeting's decisions.
_AS_SUGGESTED_RE = re.compile(r"(?:同意|照|依|准)\s*(?:照)?\s*(?:各單位|各組室|各科室|各課室|主辦單位|單位)?\s*(?:所提)?\s*建議")


def approves_suggestions(text: str) -> bool:
    """Whether a conclusion decides by approving what the units suggested: 同意依各單位建議辦理."""
    return _AS_SUGGESTED_RE.search(unicodedata.normalize("NFKC", text)) is not None


def suggested_outcomes(paragraphs: list[str]) -> dict[str, str]:
    """The cases paragraphs name and what the units suggest for each (列管案號 2601：… / 辦理情形：…建議解除列管。).

    A suggestion goes to the cases last named, in its paragraph or one before it.
    """
    found: dict[str, str] = {}
    named: list[str] = []
    for paragraph in paragraphs:
        named = case_numbers_named(paragraph) or named
        normalised = unicodedata.normalize("NFKC", paragraph)
        kinds = {
            _KIND_WORDS[m.group("kind")]
            for m in _OUTCOME_RE.finditer(normalised)
            if (m.group("suggested") or "").strip().startswith("建議")
        }
        if named and len(kinds) == 1:
            kind = kinds.pop()
            found.update(dict.fromkeys(named, kind))
    return found


def read_decisions(text: str) -> tuple[dict[str, str], list[str]]:
    """The decisions a text states (as parse_decision_sentence), and the case numbers it names without
    deciding on them: 有關列管案號 10606 之辦理情形，請於下次會議報告。 A text that decides some cases and
    leaves another undecided is a ValueError: that is a list read wrongly, not a mention."""
    normalised = unicodedata.normalize("NFKC", text)
    decisions: dict[str, str] = {}

    def decide(number: str, kind: str) -> None:
        if decisions.get(number, kind) != kind:
            raise ValueError(f"列管案號 {number} 同時被決定為兩種結果，無法判讀")
        decisions[number] = kind

    covered: list[tuple[int, int]] = []
    for clause in _clauses(normalised):
        numbers_text = clause.group("nums") or clause.group("nums2")
        kind = _KIND_WORDS[clause.group("kind") or clause.group("kind2")]
        for item in _ITEM_RE.finditer(numbers_text):
            for number in _expand(item):
                decide(number, kind)
        covered.append(clause.span())

    def is_covered(position: int) -> bool:
        return any(begin <= position < end for begin, end in covered)

    # Numbers listed after 案號 that no clause decided: the statement they stand in may still say what
    # became of them, once, away from the numbers.
    mentions: list[str] = []
    for statement in _STATEMENT_RE.finditer(normalised):
        offset = statement.start()
        left = [
            number
            for labelled in _LABELLED_RE.finditer(statement.group(0))
            for item in _ITEM_RE.finditer(labelled.group("nums"))
            if not is_covered(offset + labelled.start("nums") + item.start())
            for number in _expand(item)
        ]
        if not left:
            continue
        outcomes = [m for m in _OUTCOME_RE.finditer(statement.group(0)) if not is_covered(offset + m.start("kind"))]
        kinds = {_KIND_WORDS[m.group("kind")] for m in outcomes if not m.group("suggested")}
        if except_the := _EXCEPT_RE.search(statement.group(0)):
            # 列管案號 2201 至 2204，除 2203 …繼續列管外，其餘均解除列管: the named ones one way, the rest the other.
            excepted = {n for item in _ITEM_RE.finditer(except_the.group("ex")) for n in _expand(item)}
            if excepted <= set(left):
                for number in left:
                    decide(number, _KIND_WORDS[except_the.group("k1" if number in excepted else "k2")])
                continue
        if len(kinds) == 1:
            kind = kinds.pop()
            for number in left:
                decide(number, kind)
        elif outcomes:
            raise ValueError(
                f"無法判讀列管案號 {left[0]} 的決定（應為解除列管、賡續列管、自行列管或恢復列管）"
            )
        else:
            mentions.extend(number for number in left if number not in mentions)
    mentions = [number for number in mentions if number not in decisions]
    # Beside decisions on other cases, a case left undecided is a misread list (…及 10705 再議), not a mention.
    if mentions and decisions:
        raise ValueError(f"無法判讀列管案號 {mentions[0]} 的決定（應為解除列管、賡續列管、自行列管或恢復列管）")
    return decisions, mentions


def suggested_kind(text: str) -> str | None:
    """The one outcome a unit's suggestion names (建議解除列管, or 解除列管 in a column of suggestions), or None."""
    kinds = {_KIND_WORDS[m.group("kind")] for m in _OUTCOME_RE.finditer(unicodedata.normalize("NFKC", text))}
    return kinds.pop() if len(kinds) == 1 else None


def numbers_as_written(text: str) -> dict[str, str]:
    """Every case number a text names after 案號 or beside an outcome, by its key, as the text writes it
    (widths made one): 列管案號 113-01 解除列管 → {"11301": "113-01"}; 30101 至 30103 → each of the three."""
    normalised = unicodedata.normalize("NFKC", text)
    written: dict[str, str] = {}
    lists = [m.group("nums") for m in _LABELLED_RE.finditer(normalised)]
    lists += [clause.group("nums") or clause.group("nums2") for clause in _clauses(normalised)]
    for numbers in lists:
        for item in _ITEM_RE.finditer(numbers):
            try:
                keys = _expand(item)
            except ValueError:
                continue
            first = read_case_number(item.group("start"))
            for key in keys:
                if item.group("end") and first is not None:
                    number = read_case_number(key)
                    written.setdefault(key, first.with_sequence(number.sequence).written if number else key)
                else:
                    written.setdefault(key, item.group("start"))
    return written


# 同意, 如擬, 照辦 where a meeting's decision goes: it agrees with the unit's suggestion beside it.
_AGREES_RE = re.compile(r"^(?:同意|如擬|照辦|照准|准予?|照案|依建議)(?:辦理|備查|所請|照辦)?[。．.]?$")


def agrees_with_suggestion(text: str) -> bool:
    """Whether a decision says only that the meeting agrees (同意, 如擬, 照辦): the suggestion decides."""
    return _AGREES_RE.match(unicodedata.normalize("NFKC", text).strip()) is not None
