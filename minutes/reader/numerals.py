"""Chinese numerals as meeting records number their sections (壹、), items (一、) and points ((一))."""

from __future__ import annotations

import re
import unicodedata

_ZH_DIGITS = "一二三四五六七八九"
_FORMAL_DIGITS = "壹貳參肆伍陸柒捌玖"
# 叁 and 叄 are common variant glyphs of 參 in converted documents; read them all as 三.
_FORMAL_VARIANTS = str.maketrans({"叁": "參", "叄": "參"})
_ZEROS = "〇零"

_ZH_RE = re.compile(rf"(?:(?P<tens>[{_ZH_DIGITS}])?(?P<ten>十))?(?P<units>[{_ZH_DIGITS}])?")
_ZH_POSITIONAL_RE = re.compile(rf"(?P<tens>[{_ZH_DIGITS}])[{_ZEROS}]")
_FORMAL_RE = re.compile(rf"(?:(?P<tens>[{_FORMAL_DIGITS}])?(?P<ten>拾))?(?P<units>[{_FORMAL_DIGITS}])?")
_PAREN_RE = re.compile(r"[(（]\s*(?P<inner>.*?)\s*[)）]")
_HUNDREDS_RE = re.compile(
    rf"(?:(?P<hundreds>[{_ZH_DIGITS}])百)?(?P<zero>[{_ZEROS}])?"
    rf"(?:(?P<tens>[{_ZH_DIGITS}])?(?P<ten>十))?(?P<units>[{_ZH_DIGITS}])?"
)
_ASCII_DIGITS_RE = re.compile(r"[0-9]+")
# Enough for any year, meeting or case number; longer digit runs are garbage, not numbers.
_MAX_DIGITS = 12


def _check_range(n: int) -> int:
    # bool is an int subclass, but True as "section 1" is always a bug in the caller.
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"編號必須是整數，收到 {n!r}")
    if not 1 <= n <= 99:
        raise ValueError(f"編號必須介於 1 到 99 之間，收到 {n}")
    return n


def _compose(n: int, digits: str, ten: str) -> str:
    tens, units = divmod(_check_range(n), 10)
    text = ""
    if tens:
        # 10..19 are written 十一, not 一十一, in both registers.
        text += (digits[tens - 1] if tens > 1 else "") + ten
    if units:
        text += digits[units - 1]
    return text


def _decompose(match: re.Match[str] | None, digits: str) -> int | None:
    if match is None or not match.group(0):
        return None
    tens_digit, units_digit = match.group("tens"), match.group("units")
    value = 0
    if match.group("ten"):
        value += (digits.index(tens_digit) + 1 if tens_digit else 1) * 10
    if units_digit:
        value += digits.index(units_digit) + 1
    return value


def to_zh_formal(n: int) -> str:
    """1 → 壹, 10 → 拾, 11 → 拾壹, 20 → 貳拾, 21 → 貳拾壹 (section numbering)."""
    return _compose(n, _FORMAL_DIGITS, "拾")


def from_zh_formal(s: str) -> int:
    """壹 → 1, 拾壹 → 11, 貳拾 → 20; also reads 壹拾 and the variant glyphs 叁/叄."""
    text = s.strip().translate(_FORMAL_VARIANTS)
    value = _decompose(_FORMAL_RE.fullmatch(text), _FORMAL_DIGITS)
    if value is None:
        raise ValueError(f"無法辨識的大寫國字編號：「{s}」（應為壹到玖拾玖）")
    return value


def to_zh(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九 (item and point numbering)."""
    return _compose(n, _ZH_DIGITS, "十")


def from_zh(s: str) -> int:
    """一 → 1, 十一 → 11, 二十 → 20; also reads 一十一 and the positional 二〇 / 二零 for 20."""
    text = s.strip()
    positional = _ZH_POSITIONAL_RE.fullmatch(text)
    if positional:
        return (_ZH_DIGITS.index(positional.group("tens")) + 1) * 10
    value = _decompose(_ZH_RE.fullmatch(text), _ZH_DIGITS)
    if value is None:
        raise ValueError(f"無法辨識的國字編號：「{s}」（應為一到九十九）")
    return value


def to_paren(n: int, full_width: bool = False) -> str:
    """3 → (三), or （三） with full_width=True."""
    numeral = to_zh(n)
    return f"（{numeral}）" if full_width else f"({numeral})"


def from_paren(s: str) -> int:
    """(三), （三）, ( 三 ) and mixed widths such as (三） → 3."""
    match = _PAREN_RE.fullmatch(s.strip())
    if match is None:
        raise ValueError(f"無法辨識的項次：「{s}」（應為 (一)、（一）等形式）")
    try:
        return from_zh(match.group("inner"))
    except ValueError:
        raise ValueError(f"無法辨識的項次：「{s}」（括號內應為一到九十九）") from None


def parse_number(s: str) -> int:
    """Reads a non-negative whole number as records write it in dates and titles.

    Accepts ASCII or full-width digits (108, １０８), Chinese numerals up to 999 (一百零八,
    一百一十一, 一百十一, 二十) and digit-by-digit Chinese forms (一一一, 二〇).
    """
    text = unicodedata.normalize("NFKC", s).strip()
    if _ASCII_DIGITS_RE.fullmatch(text):
        if len(text) > _MAX_DIGITS:
            raise ValueError(f"數字過大：「{s}」")
        return int(text)
    if len(text) >= 2 and all(ch in _ZH_DIGITS or ch in _ZEROS for ch in text):
        if len(text) > _MAX_DIGITS:
            raise ValueError(f"數字過大：「{s}」")
        return int("".join("0" if ch in _ZEROS else str(_ZH_DIGITS.index(ch) + 1) for ch in text))
    match = _HUNDREDS_RE.fullmatch(text)
    if match is None or not text:
        raise ValueError(f"無法辨識的數字：「{s}」")
    hundreds, zero = match.group("hundreds"), match.group("zero")
    tens, has_ten, units = match.group("tens"), match.group("ten"), match.group("units")
    # 零 only fills the empty tens place between hundreds and units, as in 一百零八.
    if zero and (not hundreds or has_ten or not units):
        raise ValueError(f"無法辨識的數字：「{s}」")
    value = (_ZH_DIGITS.index(hundreds) + 1) * 100 if hundreds else 0
    if has_ten:
        value += (_ZH_DIGITS.index(tens) + 1 if tens else 1) * 10
    if units:
        value += _ZH_DIGITS.index(units) + 1
    return value
