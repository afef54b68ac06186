"""Reads and writes the meeting's decision on tracked items (列管案號 … 解除列管；… 賡續列管)."""

from __future__ import annotations

import re
import unicodedata

from tracking.casenumbers import normalise_case_number, parse_case_number

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

# Every wording met in records, longest first so that the regex prefers the full phrase.
_KIND_WORDS: dict[str, str] = {
    "解除列管": CLOSE,
    "賡續列管": CONTINUE,
    "繼續列管": CONTINUE,
    "持續列管": CONTINUE,
    "自行列管": SELF_TRACK,
    "恢復列管": REOPEN,
    "重新列管": REOPEN,
}
_KIND_ALT = "|".join(sorted(_KIND_WORDS, key=len, reverse=True))

_NUM = r"(?<![0-9])[0-9]{3,}(?![0-9])"
_SEP = r"\s*(?:以及|、|,|及|與|和|暨|跟|&)\s*"
_LIST = rf"{_NUM}(?:{_SEP}{_NUM})*"
# Words that may stand between the numbers and the outcome: 同意解除列管, 改為自行列管, 均賡續列管.
_FILLER = r"(?:(?:均|皆|都|全部|同意|准予|准|予以|予|改為|改列|改|應|經決議|決議|決定)\s*)*"
# 列管案號 10606、10701 等 2 案解除列管: the count repeats the list, so it is skipped.
_COUNT = r"(?:\s*等\s*(?:[0-9]+|[一二三四五六七八九十]+)\s*[案件項])?"

_CLAUSE_RE = re.compile(
    rf"(?P<nums>{_LIST}){_COUNT}\s*{_FILLER}(?P<kind>{_KIND_ALT})"
    # The outcome can also come first: 解除列管：10606、10701.
    rf"|(?P<kind2>{_KIND_ALT})\s*(?:之|的)?\s*(?:列管)?\s*(?:案號|案件|案)?\s*:\s*(?P<nums2>{_LIST})"
)
_NUMBER_RE = re.compile(_NUM)
_LABELLED_RE = re.compile(r"案號\s*:?\s*(?P<first>[0-9]+)")


def _sort_key(case_number: str) -> tuple[int, int]:
    return parse_case_number(case_number)


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
        number = normalise_case_number(raw_number)
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

    Text that names no case number gives {} (per-item wording such as 本案解除列管 is read elsewhere).
    A case number after 案號 whose outcome cannot be read, or a case given two outcomes, is a ValueError.
    """
    normalised = unicodedata.normalize("NFKC", text)
    decisions: dict[str, str] = {}
    covered: list[tuple[int, int]] = []
    for clause in _CLAUSE_RE.finditer(normalised):
        numbers_text = clause.group("nums") or clause.group("nums2")
        kind = _KIND_WORDS[clause.group("kind") or clause.group("kind2")]
        for number_match in _NUMBER_RE.finditer(numbers_text):
            number = normalise_case_number(number_match.group(0))
            if decisions.get(number, kind) != kind:
                raise ValueError(f"列管案號 {number} 同時被決定為兩種結果，無法判讀")
            decisions[number] = kind
        covered.append(clause.span())
    # A listed case number left without an outcome means the sentence was misread: say so, do not drop it.
    for labelled in _LABELLED_RE.finditer(normalised):
        start = labelled.start("first")
        if not any(begin <= start < end for begin, end in covered):
            number = normalise_case_number(labelled.group("first"))
            raise ValueError(
                f"無法判讀列管案號 {number} 的決定（應為解除列管、賡續列管、自行列管或恢復列管）"
            )
    return decisions
