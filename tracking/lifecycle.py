"""The life of a tracked item: the one place where its status changes and its history is written."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from minutes.models import Conclusion, Meeting, MeetingSeries, Unit
from minutes.reader import casenumbers, rocdate
from tracking.models import CaseCounter, Decision, Review, Status, Suggestion, TrackedItem

# Which decisions each status accepts, and the status each decision leads to.
ALLOWED_DECISIONS: dict[str, set[str]] = {
    Status.OPEN: {Decision.CLOSE, Decision.CONTINUE, Decision.SELF_TRACK},
    Status.CONTINUED: {Decision.CLOSE, Decision.CONTINUE, Decision.SELF_TRACK},
    Status.CLOSED: {Decision.REOPEN},
}
DECISION_RESULT: dict[str, str] = {
    Decision.CLOSE: Status.CLOSED,
    Decision.CONTINUE: Status.CONTINUED,
    Decision.SELF_TRACK: Status.CLOSED,
    Decision.REOPEN: Status.CONTINUED,
}


class TrackingError(Exception):
    """A rule of the lifecycle was broken; the message is for the user."""


def can_decide(item: TrackedItem, decision: str) -> bool:
    return decision in ALLOWED_DECISIONS[item.status]


def _next_sequence(series: MeetingSeries, meeting_number: int) -> int:
    counter, _ = CaseCounter.objects.select_for_update().get_or_create(series=series, meeting_number=meeting_number)
    # The counter only grows; an item created by import with a higher number moves it along.
    highest = (
        TrackedItem.objects.filter(series=series, meeting_number=meeting_number)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
        or 0
    )
    sequence = max(counter.last_sequence, highest) + 1
    if sequence > 99:
        raise TrackingError(f"第 {meeting_number} 次會議的列管案件已達 99 件上限，無法再編列管案號。")
    counter.last_sequence = sequence
    counter.save(update_fields=["last_sequence"])
    return sequence


def case_open(
    *,
    conclusion: Conclusion,
    units: list[Unit],
    supporting_units: list[Unit] = (),
    due_date: dt.date | None = None,
    subject: str = "",
    user=None,
) -> TrackedItem:
    """Put a conclusion under tracking with the next case number of its meeting."""
    if not units:
        raise TrackingError("請至少選擇一個主辦單位。")
    with transaction.atomic():
        conclusion = Conclusion.objects.select_related("section__meeting__series").get(pk=conclusion.pk)
        meeting = conclusion.section.meeting
        if meeting.is_signed:
            # The signed PDF prints each tracked conclusion's case number: a case opened now would be
            # missing from the document of record everyone already has.
            raise TrackingError(f"{meeting.title}已簽核，不能再新增列管案件；如需追蹤，請列入下次會議並於該次列管。")
        if TrackedItem.objects.filter(conclusion=conclusion).exists():
            raise TrackingError("這項結論已經列管。")
        held = timezone.localtime(meeting.starts_at).date()
        if due_date is not None and due_date < held:
            raise TrackingError(
                f"期限（{rocdate.format_roc_date(due_date)}）不能早於會議日期（{rocdate.format_roc_date(held)}）。"
            )
        sequence = _next_sequence(meeting.series, meeting.number)
        item = TrackedItem(
            series=meeting.series,
            meeting_number=meeting.number,
            sequence=sequence,
            conclusion=conclusion,
            subject=subject or conclusion.text,
            due_date=due_date,
            opened_by=user,
        )
        item.full_clean(exclude=["case_number"])
        item.save()
        item.responsible_units.set(units)
        item.supporting_units.set(supporting_units)
    return item


def case_update(
    *,
    item: TrackedItem,
    subject: str,
    units: list[Unit],
    supporting_units: list[Unit] = (),
    due_date: dt.date | None = None,
    user=None,
) -> TrackedItem:
    """Correct a case's 案由, units and due date; the history says who changed what. Closed cases are final."""
    if not units:
        raise TrackingError("請至少選擇一個主辦單位。")
    with transaction.atomic():
        item = TrackedItem.objects.select_for_update().get(pk=item.pk)
        if not item.is_active:
            raise TrackingError(f"列管案號 {item.case_number} 已解除列管，不能再修改。")
        if item.conclusion_id is not None and due_date is not None:
            held = timezone.localtime(item.conclusion.section.meeting.starts_at).date()
            if due_date < held:
                raise TrackingError(
                    f"期限（{rocdate.format_roc_date(due_date)}）不能早於列管的會議日期（{rocdate.format_roc_date(held)}）。"
                )
        changes = []
        if item.subject != subject:
            changes.append("案由")
        if item.due_date != due_date:
            before = rocdate.format_roc_date(item.due_date) if item.due_date else "未訂"
            after = rocdate.format_roc_date(due_date) if due_date else "未訂"
            changes.append(f"期限 {before} → {after}")
        for label, manager, new in (
            ("主辦單位", item.responsible_units, units),
            ("協辦單位", item.supporting_units, supporting_units),
        ):
            old_names = sorted(unit.name for unit in manager.all())
            new_names = sorted(unit.name for unit in new)
            if old_names != new_names:
                changes.append(f"{label} {'、'.join(old_names) or '無'} → {'、'.join(new_names) or '無'}")
        if not changes:
            return item
        item.subject, item.due_date = subject, due_date
        item.full_clean(exclude=["case_number"])
        item._history_user = user
        item._change_reason = f"修改：{'；'.join(changes)}"[:100]
        item.save()
        item.responsible_units.set(units)
        item.supporting_units.set(supporting_units)
    return item


def case_get_or_create_known(*, series: MeetingSeries, case_number: str, subject: str = "") -> TrackedItem:
    """An item named by a record (e.g. 9903) that may be older than the data: create it if unknown."""
    meeting_number, sequence = casenumbers.parse_case_number(case_number)
    try:
        with transaction.atomic():
            item, _ = TrackedItem.objects.get_or_create(
                series=series,
                meeting_number=meeting_number,
                sequence=sequence,
                defaults={"subject": subject},
            )
    except IntegrityError:  # created by someone else in the meantime
        item = TrackedItem.objects.get(series=series, meeting_number=meeting_number, sequence=sequence)
    return item


def case_record_decision(
    *,
    item: TrackedItem,
    meeting: Meeting,
    decision: str,
    progress: str = "",
    suggestion: str = "",
    reason: str = "",
    user=None,
) -> Review:
    """Record what a meeting decided on one item: writes one review row and the new status."""
    if decision not in Decision.values:
        raise TrackingError(f"無效的會議決定：{decision}")
    if suggestion and suggestion not in Suggestion.values:
        raise TrackingError(f"無效的列管建議：{suggestion}")
    with transaction.atomic():
        item = TrackedItem.objects.select_for_update().get(pk=item.pk)
        if meeting.series_id != item.series_id:
            raise TrackingError(f"列管案號 {item.case_number} 不屬於這個會議系列。")
        if meeting.number <= item.meeting_number:
            raise TrackingError(
                f"列管案號 {item.case_number} 於第 {item.meeting_number} 次會議列管，"
                f"只能在之後的會議審議，不能在第 {meeting.number} 次會議審議。"
            )
        if Review.objects.filter(item=item, meeting=meeting).exists():
            raise TrackingError(f"列管案號 {item.case_number} 在第 {meeting.number} 次會議已有決定，不能重複登錄。")
        # Old records may be entered after newer ones: the decision follows the status the case had at this
        # meeting, and must still lead to the decision of the next meeting already recorded.
        reviews = Review.objects.filter(item=item).select_related("meeting")
        earlier = reviews.filter(meeting__number__lt=meeting.number).order_by("-meeting__number").first()
        later = reviews.filter(meeting__number__gt=meeting.number).order_by("meeting__number").first()
        status_then = earlier.status_after if earlier else Status.OPEN if later else item.status
        if decision not in ALLOWED_DECISIONS[status_then]:
            if status_then == Status.CLOSED:
                raise TrackingError(
                    f"列管案號 {item.case_number} 已於第 {earlier.meeting.number if earlier else item.closed_meeting_number}"
                    " 次會議解除列管；如需再審議，請明確選擇「恢復列管」並說明理由。"
                )
            raise TrackingError(f"列管案號 {item.case_number} 當時為「{Status(status_then).label}」，不能「恢復列管」。")
        if later is not None and later.decision not in ALLOWED_DECISIONS[DECISION_RESULT[decision]]:
            raise TrackingError(
                f"列管案號 {item.case_number} 在第 {meeting.number} 次會議「{Decision(decision).label}」，"
                f"與之後第 {later.meeting.number} 次會議已登錄的「{later.get_decision_display()}」不合。"
            )
        if decision == Decision.REOPEN and not reason.strip():
            raise TrackingError(f"恢復列管案號 {item.case_number} 必須說明理由。")
        review = Review.objects.create(
            item=item,
            meeting=meeting,
            decision=decision,
            status_before=status_then,
            status_after=DECISION_RESULT[decision],
            progress=progress,
            suggestion=suggestion,
            reason=reason,
            decided_by=user,
        )
        if later is None:  # the latest decision sets the status; an earlier one fills in the history
            item.status = DECISION_RESULT[decision]
            item.closed_meeting_number = meeting.number if item.status == Status.CLOSED else None
            item.save(update_fields=["status", "closed_meeting_number", "updated_at"])
    return review


def case_reopen(*, item: TrackedItem, meeting: Meeting, reason: str, user=None) -> Review:
    """Reopen a closed item; only by explicit choice and with a reason."""
    return case_record_decision(item=item, meeting=meeting, decision=Decision.REOPEN, reason=reason, user=user)
