"""Imports a record's text: the meeting through minutes, then the review decisions it states."""

from __future__ import annotations

from django.db import transaction

from minutes import services as minutes_services
from minutes.models import Conclusion, Meeting
from minutes.reader import ParsedMeeting, casenumbers, sentences
from tracking import lifecycle
from tracking.models import Review, TrackedItem


def decode_record(data: bytes) -> str:
    """Text converters write UTF-8 (with or without BOM), UTF-16 or Big5; read what we get."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp950")


def _conclusion_path(conclusion: Conclusion) -> tuple:
    item_order = conclusion.item.order if conclusion.item_id else 0
    return (conclusion.section.order, item_order, conclusion.order)


@transaction.atomic
def record_import(parsed: ParsedMeeting, *, replace: bool = False, dry_run: bool = False, user=None) -> Meeting:
    """Write a parsed record and the review decisions it contains, all or nothing.

    A dry run imports and rolls back, so it refuses whatever saving would refuse and saves nothing.
    """
    # Items opened from the old text keep their case numbers: detach them, rewrite, attach again.
    detached: dict[tuple, TrackedItem] = {}
    if replace:
        for item in TrackedItem.objects.filter(
            conclusion__section__meeting__series__organisation=parsed.organisation,
            conclusion__section__meeting__series__kind=parsed.kind,
            conclusion__section__meeting__number=parsed.number,
        ).select_related("conclusion__section", "conclusion__item"):
            detached[_conclusion_path(item.conclusion)] = item
            item.conclusion = None
            item.save(update_fields=["conclusion"])

    meeting = minutes_services.meeting_import(parsed, replace=replace)

    marks = _case_marks(parsed)
    conclusions = Conclusion.objects.filter(section__meeting=meeting).select_related("section", "item")
    for conclusion in conclusions:
        path = _conclusion_path(conclusion)
        if (item := detached.get(path)) is not None:
            item.conclusion = conclusion
            item.save(update_fields=["conclusion"])
        elif (case_number := marks.get(path)) is not None:
            _link_marked_case(meeting=meeting, conclusion=conclusion, case_number=case_number)
        item_title = conclusion.item.title if conclusion.item_id else ""
        item_body = conclusion.item.body.splitlines() if conclusion.item_id else []
        record_decisions_from_text(
            meeting=meeting, text=conclusion.text, item_title=item_title, item_body=item_body, user=user
        )
    if dry_run:
        transaction.set_rollback(True)
    return meeting


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
    return f"結論提及列管案號 {'、'.join(mentions)}，但未載明會議決定，因此沒有登錄決定；如有決定，請在審議頁補登。"


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


def _case_marks(parsed: ParsedMeeting) -> dict[tuple, str]:
    """（列管案號 10801） printed after conclusions, by the path _conclusion_path gives their rows."""
    marks = {}
    for section_order, section in enumerate(parsed.sections, 1):
        for item_order, holder in [(0, section), *((item.number, item) for item in section.items)]:
            if holder.conclusion is None:
                continue
            for order, case_number in enumerate(holder.conclusion.case_numbers, 1):
                if case_number:
                    marks[(section_order, item_order, order)] = case_number
    return marks


def _link_marked_case(*, meeting: Meeting, conclusion: Conclusion, case_number: str) -> None:
    """A case the record says was opened by this conclusion (at this meeting) is linked to it again."""
    try:
        meeting_number, _ = casenumbers.parse_case_number(case_number)
    except ValueError:
        return
    if meeting_number != meeting.number:
        return  # a case of another meeting, mentioned here: the text keeps no link to it
    item = lifecycle.case_get_or_create_known(
        series=meeting.series, case_number=case_number, subject=conclusion.text
    )
    if item.conclusion_id is None:
        item.conclusion = conclusion
        item.save(update_fields=["conclusion"])


def record_decisions_from_text(
    *, meeting: Meeting, text: str, item_title: str = "", item_body: list[str] = (), user=None
) -> list[Review]:
    """Turn a sentence such as 列管案號 10606 … 同意解除列管；… 賡續列管 into reviews at this meeting."""
    reviews = []
    try:
        decisions, _ = conclusion_decisions(text, item_title, item_body)
    except ValueError as exc:
        raise lifecycle.TrackingError(f"會議結論「{text[:40]}」：{exc}") from exc
    for case_number, decision in decisions.items():
        item = lifecycle.case_get_or_create_known(series=meeting.series, case_number=case_number)
        existing = Review.objects.filter(item=item, meeting=meeting).first()
        if existing is not None:
            if existing.decision != decision:
                raise lifecycle.TrackingError(
                    f"列管案號 {case_number} 在第 {meeting.number} 次會議已登錄為「{existing.get_decision_display()}」，"
                    "與匯入的文字不同。"
                )
            continue
        reviews.append(lifecycle.case_record_decision(item=item, meeting=meeting, decision=decision, user=user))
    return reviews
