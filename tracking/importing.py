"""Imports a record's text: the meeting through minutes, then the review decisions it states."""

from __future__ import annotations

from django.db import transaction

from minutes import services as minutes_services
from minutes.models import Conclusion, Meeting
from minutes.reader import ParsedMeeting, casenumbers
from minutes.reader.decisions import RecordDecisions, read_record_decisions
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
    record_stated_decisions(meeting=meeting, stated=_read_decisions(parsed), user=user)
    if dry_run:
        transaction.set_rollback(True)
    return meeting


def mentions_note(mentions: list[str]) -> str:
    """What an import says of case numbers its record names without a decision."""
    return f"結論提及列管案號 {'、'.join(mentions)}，但未載明會議決定，因此沒有登錄決定；如有決定，請在審議頁補登。"


def stated_decisions(parsed: ParsedMeeting) -> tuple[dict[str, str], list[str]]:
    """The decisions on tracked items the whole record states (in conclusions, running text and tables), and
    the case numbers it only mentions, for the preview before an import. Raises ValueError as
    decisions.read_record_decisions does."""
    stated = read_record_decisions(parsed)
    return stated.outcomes(), [mention.key for mention in stated.mentions]


def _read_decisions(parsed: ParsedMeeting) -> RecordDecisions:
    try:
        return read_record_decisions(parsed)
    except ValueError as exc:
        raise lifecycle.TrackingError(str(exc)) from exc


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


def record_stated_decisions(*, meeting: Meeting, stated: RecordDecisions, user=None) -> list[Review]:
    """Turn the decisions a record states (列管案號 10606 … 同意解除列管；… 賡續列管, a table's 決定 column)
    into reviews at this meeting. A number in a scheme the case list cannot hold yet is refused with its line."""
    reviews = []
    if stated.unplaced:
        raise lifecycle.TrackingError(f"第 {stated.unplaced[0].line} 行：{stated.unplaced[0].reason}")
    for decision in stated.decisions:
        try:
            casenumbers.parse_case_number(decision.key)
        except ValueError:
            scheme = casenumbers.SCHEME[decision.scheme].label if decision.scheme in casenumbers.SCHEME else ""
            raise lifecycle.TrackingError(
                f"第 {decision.line} 行：列管案號 {decision.case_number}（{scheme or '其他編號方式'}）無法登錄："
                f"列管案件目前只能以{casenumbers.DEFAULT_SCHEME.label}編號"
            ) from None
        item = lifecycle.case_get_or_create_known(series=meeting.series, case_number=decision.key)
        existing = Review.objects.filter(item=item, meeting=meeting).first()
        if existing is not None:
            if existing.decision != decision.outcome:
                raise lifecycle.TrackingError(
                    f"列管案號 {decision.case_number} 在第 {meeting.number} 次會議已登錄為"
                    f"「{existing.get_decision_display()}」，與匯入的文字不同。"
                )
            continue
        reviews.append(
            lifecycle.case_record_decision(item=item, meeting=meeting, decision=decision.outcome, user=user)
        )
    return reviews
