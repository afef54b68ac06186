"""Filters that show numbers and dates the way the records write them."""

import re

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from minutes.reader import numerals, own_part_starts, rocdate, rules

register = template.Library()


@register.filter
def zh_formal(n):
    """3 → 參"""
    return numerals.to_zh_formal(int(n))


@register.filter
def zh_numeral(n):
    """12 → 十二"""
    return numerals.to_zh(int(n))


@register.filter
def zh_paren(n):
    """2 → (二)"""
    return numerals.to_paren(int(n))


@register.filter
def roc_datetime(value):
    if not value:
        return ""
    return rocdate.format_roc_datetime(timezone.localtime(value))


@register.filter
def roc_date(value):
    if not value:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        value = timezone.localtime(value).date()
    return rocdate.format_roc_date(value)


@register.filter
def roc_time(value):
    return rocdate.format_roc_time(value) if value else ""


# The PDF is read back by pdftotext, which cuts every paragraph into its printed lines, and the parser then
# decides line by line what each one is. A printed line that starts like a heading ((二), 三、, 1., 決議：…) or
# is a lone short word (決議, 散會) would be misread, so the PDF never breaks a line there: a word joiner
# (U+2060, invisible, dropped by the parser) between the characters forbids it, and the line breaks a few
# characters earlier instead.
_WORD_JOINER = "\u2060"
# What reads as a part of its own at the start of a printed line is what the reader's table says does
# ((二), 三、, 1., 第一案, 案由一…).
_MARKER_START_RE = re.compile(rf"(?<=\S)\s*(?={rules.line_start_markers()})")
# A label that ends in a colon (說明：, 決議：, 主席：) reads as one only at the start of a line: keep the
# characters of the longest label the reader takes before each colon on one line with it.
_BEFORE_COLON = rules.LABEL_LENGTH + 1
# A line that ends in punctuation or in a word that completes a title (…報告, …事項) reads as a finished
# sentence or title, so the following line would start a new paragraph: never break right after them.
_NO_BREAK_AFTER_RE = re.compile(f"[{re.escape(rules.FINISHED_LINE_END)}]|{rules.COMPLETE_TITLE_WORDS}")
_LONGEST_PART = 60  # the longest ending checked for what reads as a part of its own (宣讀…會議紀錄)
_TAIL = 4  # and the last line of a paragraph is never shorter than this (決議, 散會, a lone page-like number)


def _joined(text: str) -> str:
    glue = [False] * (len(text) + 1)  # glue[i]: no line break between text[i - 1] and text[i]
    for match in _MARKER_START_RE.finditer(text):
        glue[match.end()] = True
    for match in _NO_BREAK_AFTER_RE.finditer(text):
        glue[match.end()] = True
    for index, char in enumerate(text):
        if char in "：:︰":
            for position in range(max(index - _BEFORE_COLON + 1, 1), index + 1):
                glue[position] = True
    for position in range(max(len(text) - _TAIL + 1, 1), len(text)):
        glue[position] = True
    # …提請討論事項 must not leave 討論事項 alone on the last line: it would read as a new section.
    for start in own_part_starts(text, _LONGEST_PART):
        glue[start] = True
    # A line may still break after a space: glue the position after it too.
    for index, char in enumerate(text):
        if glue[index] and char == " ":
            glue[index + 1] = True
    out = []
    for index, char in enumerate(text):
        if glue[index] and index and "\n" not in (char, text[index - 1]):
            out.append(_WORD_JOINER)
        out.append(char)
    return "".join(out)


@register.filter(needs_autoescape=True)
def unbroken(text, autoescape=True):
    """Text for the PDF: escaped, with no line break where pdftotext's output would read as a new part."""
    text = str(text or "")
    joined = "\n".join(_joined(line) for line in text.split("\n"))
    return mark_safe(conditional_escape(joined) if autoescape else joined)


# In text already escaped, an entity (&lt;) is one character: the joiners go around it, never into it.
_HTML_CHARACTER_RE = re.compile(r"&#?\w+;|.", re.DOTALL)


@register.filter(is_safe=True)
def unbreakable(text):
    """A phrase of the PDF that must never wrap inside (簽核（簽 / 核人：…）reads as two words): a word joiner
    between every two characters. The stylesheet's overflow-wrap still breaks one longer than the whole line.

    Plain text is escaped after it, by autoescaping; the escaped content of a {% filter %} block is kept so.
    """
    text = str(text or "")
    return _WORD_JOINER.join(_HTML_CHARACTER_RE.findall(text) if isinstance(text, SafeData) else text)


@register.filter
def meeting_time(value):
    """When a meeting starts: 民國 111 年 1 月 20 日 10 時 0 分, or the date alone when the record gave no time.

    A record that writes only its date is stored at midnight; no meeting starts at 0 時 0 分, so the date
    alone is what the record said.
    """
    if not value:
        return ""
    local = timezone.localtime(value)
    if (local.hour, local.minute) == (0, 0):
        return f"民國 {rocdate.format_roc_date(local.date())}"
    return rocdate.format_roc_datetime(local)


@register.filter
def lookup(mapping, key):
    """mapping[key], or None: what another app hands the record's templates is keyed by the part's id."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
