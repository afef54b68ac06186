"""Reading a record's text for tracking: the decisions on tracked cases it states, the cases it marks."""

from __future__ import annotations

from minutes.models import Conclusion
from minutes.parsing import ParsedMeeting
from tracking import sentences


def decode_record(data: bytes) -> str:
    """Text converters write UTF-8 (with or without BOM), UTF-16 or Big5; read what we get."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp950")


def conclusion_decisions(
    text: str, item_title: str = "", item_body: list[str] = ()
) -> tuple[dict[str, str], list[str]]:
    """What one conclusion decides on tracked items, and the case numbers it names without deciding on them.

    Some offices give each tracked case an item of its own (一、列管案號 10606：…) and decide it in a few
    words (決定：本案解除列管。): such an outcome decides the case the item's title names. A title can name
    several (一、列管案號 8503、8504：…); then the outcome must be one for all of them (均同意解除列管).
    Raises ValueError when the text cannot be read (see sentences.parse_decision_sentence).
    """
    decisions, mentions = sentences.read_decisions(text)
    if not decisions and not mentions and sentences.approves_suggestions(text):
        # 決定：同意依各單位建議辦理。 after the cases and the units' suggestions in the item.
        found = sentences.suggested_outcomes([item_title, *item_body])
        # Without a suggestion to approve, the cases the item names were only mentioned: say so.
        return found, [] if found else sentences.case_numbers_named("\n".join([item_title, *item_body]))
    # The title is read only for a conclusion that states an outcome: a title is not refused for itself.
    if decisions or mentions or not sentences.states_outcome(text):
        return decisions, mentions
    named = sentences.case_numbers_named(item_title)
    if len(named) > 1:
        return dict.fromkeys(named, sentences.outcome_for_all(text, named)), mentions
    if named and (kind := sentences.outcome_of(text)):
        return {named[0]: kind}, mentions
    return decisions, mentions


def mentions_note(mentions: list[str]) -> str:
    """What an import says of case numbers its record names without a decision."""
    return f"結論提及列管案號 {'、'.join(mentions)}，但未載明會議決定：匯入時不會登錄決定；如有決定，請在審議頁補登。"


def stated_decisions(parsed: ParsedMeeting) -> tuple[dict[str, str], list[str]]:
    """The decisions on tracked items the whole record states, and the case numbers it only mentions,
    for the preview before an import. Raises ValueError as conclusion_decisions does."""
    decisions: dict[str, str] = {}
    mentions: list[str] = []
    for section in parsed.sections:
        holders = [("", [], section.conclusion), *((item.title, item.body, item.conclusion) for item in section.items)]
        for title, body, conclusion in holders:
            for point in conclusion.points if conclusion else []:
                try:
                    found, named = conclusion_decisions(point, title, body)
                except ValueError as exc:
                    raise ValueError(f"會議結論「{point[:40]}」：{exc}") from exc
                for case_number, kind in found.items():
                    if decisions.get(case_number, kind) != kind:
                        raise ValueError(f"列管案號 {case_number} 在紀錄中被決定為兩種結果，無法判讀")
                    decisions[case_number] = kind
                mentions.extend(named)
    unique = [n for i, n in enumerate(mentions) if n not in decisions and n not in mentions[:i]]
    return decisions, unique


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
