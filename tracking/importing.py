"""Reading a record's text for tracking: the decisions on tracked cases it states, the cases it marks, and the
numbers it names that no scheme reads."""

from __future__ import annotations

from minutes.models import Conclusion
from minutes.reader import ParsedMeeting
from minutes.reader.decisions import RecordDecisions, read_record_decisions
from tracking.lifecycle import TrackingError


def decode_record(data: bytes) -> str:
    """Text converters write UTF-8 (with or without BOM), UTF-16 or Big5; read what we get."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp950")


def mentions_note(mentions: list[str]) -> str:
    """What an import says of case numbers its record names without a decision."""
    return f"紀錄提及列管案號 {'、'.join(mentions)}，但未載明會議決定：匯入時不會登錄決定；如有決定，請在審議頁補登。"


def stated_decisions(parsed: ParsedMeeting) -> tuple[dict[str, str], list[str]]:
    """The decisions on tracked items the whole record states (in conclusions, running text and tables), and
    the case numbers it only mentions, for the preview before an import. Raises ValueError as
    decisions.read_record_decisions does."""
    stated = read_record_decisions(parsed)
    return stated.outcomes(), [mention.key for mention in stated.mentions]


def checked_decisions(stated: RecordDecisions) -> dict[str, str]:
    """key → outcome of what a record decides, refused (with its line) where a number cannot be placed."""
    if stated.unplaced:
        raise TrackingError(f"第 {stated.unplaced[0].line} 行：{stated.unplaced[0].reason}")
    return stated.outcomes()


def with_line(message: str, stated: RecordDecisions) -> str:
    """A refusal that names a case (列管案號 113012 …), led by the line where the record decides that case."""
    if message.startswith("第 "):
        return message  # it names its line already
    for decision in stated.decisions:
        if f"列管案號 {decision.case_number} " in message:
            return f"第 {decision.line} 行：{message}"
    return message


def case_marks(parsed: ParsedMeeting) -> dict[tuple, str]:
    """（列管案號 10801） printed after conclusions, by the path conclusion_path gives their rows."""
    marks = {}
    for section_order, section in enumerate(parsed.sections, 1):
        for item_order, holder in [(0, section), *((item.number, item) for item in section.items)]:
            if holder.conclusion is None:
                continue
            for order, case_number in enumerate(holder.conclusion.case_numbers, 1):
                if case_number:
                    marks[(section_order, item_order, order)] = case_number
    return marks


def conclusion_path(conclusion: Conclusion) -> tuple:
    """Where a conclusion stands in its record: (section, item numeral or 0, point), as case_marks keys them."""
    item_order = conclusion.item.order if conclusion.item_id else 0
    return (conclusion.section.order, item_order, conclusion.order)
