"""The life of a tracked item: the one place where its status changes and its history is written."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from minutes import bounds
from minutes.errors import MeetingError
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


class TrackingError(MeetingError):
    """A rule of the lifecycle was broken; the message is for the user.

    A MeetingError, so that a write of the record that tracking refuses (an edited decision sentence, an import)
    is shown and rolled back like any other refusal of the record.
    """


def can_decide(item: TrackedItem, decision: str) -> bool:
    return decision in ALLOWED_DECISIONS[item.status]


def _next_number(series: MeetingSeries, meeting_number: int, held: dt.date) -> tuple[int, str]:
    """The next sequence and case number of a meeting in the series' scheme (10801, 113-01, A10801, 1130305-1).

    The sequence runs within what the scheme writes before it: the meeting (10801), the year (113-01) or the
    meeting's date (1130305-1). The counter of that run only grows, so a number is never handed out twice, even
    after a deletion; a case imported with a higher number moves it along."""
    # The series locked: its scheme cannot change while a number is handed out in it (series_set_case_scheme).
    series = MeetingSeries.objects.select_for_update().get(pk=series.pk)
    candidates: dict[int, str] = {}
    for sequence in range(1, 100):
        try:
            candidates[sequence] = series.case_number_for(meeting_number=meeting_number, date=held, sequence=sequence)
        except ValueError:
            break  # 11303-1 has one digit for the sequence: nine cases a meeting
    if not candidates:
        raise TrackingError(f"第 {meeting_number} 次會議無法以「{series.get_case_scheme_display()}」編列管案號。")
    keys = {casenumbers.case_key(number): sequence for sequence, number in candidates.items()}
    run = casenumbers.read_case_number(candidates[1]).left
    # CaseCounter.meeting_number is the run the sequence counts in: the meeting itself in the default scheme.
    counter, _ = CaseCounter.objects.select_for_update().get_or_create(series=series, meeting_number=run)
    taken = TrackedItem.objects.filter(series=series, case_key__in=list(keys)).values_list("case_key", flat=True)
    sequence = max([counter.last_sequence, *(keys[key] for key in taken)]) + 1
    if sequence not in candidates:
        raise TrackingError(f"第 {meeting_number} 次會議的列管案件已達 {len(candidates)} 件上限，無法再編列管案號。")
    counter.last_sequence = sequence
    counter.save(update_fields=["last_sequence"])
    return sequence, candidates[sequence]


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
        conclusion = Conclusion.objects.select_related("section").get(pk=conclusion.pk)
        # Locked as signing locks it: a case opened while the chair signs would be missing from the stored PDF.
        meeting = _lock_meeting(conclusion.section.meeting_id)
        if meeting.is_signed:
            # The signed PDF prints each tracked conclusion's case number: a case opened now would be
            # missing from the document of record everyone already has.
            raise TrackingError(f"{meeting.title}已簽核，不能再新增列管案件；如需追蹤，請列入下次會議並於該次列管。")
        existing = TrackedItem.objects.filter(conclusion=conclusion).first()
        if existing is not None:
            raise TrackingError(f"這項結論已經列管，列管案號 {existing.case_number}。")
        held = timezone.localtime(meeting.starts_at).date()
        if due_date is not None and due_date < held:
            raise TrackingError(
                f"期限（{rocdate.format_roc_date(due_date)}）不能早於會議日期（{rocdate.format_roc_date(held)}）。"
            )
        sequence, case_number = _next_number(meeting.series, meeting.number, held)
        item = TrackedItem(
            series=meeting.series,
            case_number=case_number,
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


def case_delete_refusal(item: TrackedItem) -> str:
    """Why a case cannot be deleted ('' when it can): a case a signed record shows, or one with a history."""
    meeting = item.conclusion.section.meeting if item.conclusion_id else None
    if meeting is not None and meeting.is_signed:
        return f"列管案號 {item.case_number} 是已簽核的{meeting.title}所列管，不能刪除。"
    if Review.all_rows.filter(item=item).exists() or item.progress_reports.exists():
        return f"列管案號 {item.case_number} 已有審議決定或辦理情形，不能刪除。"
    return ""


def case_delete(*, item: TrackedItem, user=None) -> None:
    """Take back a case opened by mistake at a draft meeting; its number is never handed out again."""
    with transaction.atomic():
        if item.conclusion_id:
            _lock_meeting(item.conclusion.section.meeting_id)
        item = TrackedItem.objects.select_for_update(of=("self",)).select_related("conclusion__section__meeting").get(
            pk=item.pk
        )
        refusal = case_delete_refusal(item)
        if refusal:
            raise TrackingError(refusal)
        item._history_user = user
        item._change_reason = "刪除列管案件"
        item.delete()


def _lock_meeting(meeting_id: int) -> Meeting:
    """The meeting row, locked: every write that the signed record would show takes this lock first."""
    return Meeting.objects.select_for_update().select_related("series").get(pk=meeting_id)


# The schemes whose number starts with the series' own meeting number (10801, A10801): the case's meeting is known.
_MEETING_SCHEMES = {"meeting", "prefix"}


def case_opened_at(case_number: str, series: MeetingSeries | None = None) -> int | None:
    """The meeting a number says its case was opened at (10801 → 108), or None when its scheme does not say
    (113-01 numbers by year, 1130305-1 by date). In a series that numbers by year or date, a number without its
    hyphen (11301 for 113-01) says no meeting either, though it reads as this app's own scheme."""
    number = casenumbers.read_case_number(case_number)
    if series is not None and series.case_scheme not in _MEETING_SCHEMES:
        return None
    return number.left if number is not None and number.scheme in _MEETING_SCHEMES else None


def case_get_or_create_known(
    *, series: MeetingSeries, case_number: str, subject: str = "", opened_at: int | None = None
) -> TrackedItem:
    """An item named by a record (e.g. 9903, 113-01) that may be older than the data: found by its key however
    it is written, created if unknown with its number as the record wrote it. `opened_at`: the meeting that
    opened it, for a number whose scheme does not say (113-01)."""
    number = casenumbers.read_case_number(case_number)
    if number is None:
        raise TrackingError(f"無法辨識的列管案號「{case_number}」。")
    length = TrackedItem._meta.get_field("case_number").max_length
    if len(number.written) > length:
        raise TrackingError(f"列管案號「{case_number}」超過 {length} 個字，無法登錄。")
    meeting_number = case_opened_at(number.written, series)
    if meeting_number is None:
        meeting_number = opened_at
    if meeting_number is None:
        raise TrackingError(f"列管案號「{case_number}」未載明列管的會次，無法登錄。")
    if not bounds.fits(TrackedItem, "meeting_number", meeting_number):
        raise TrackingError(f"列管案號「{case_number}」的會次超出範圍。")
    found = TrackedItem.objects.filter(series=series, case_key=number.key).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            item, _ = TrackedItem.objects.get_or_create(
                series=series,
                case_key=number.key,
                defaults={
                    "case_number": number.written, "meeting_number": meeting_number, "sequence": number.sequence,
                    "subject": subject,
                },
            )
    except IntegrityError:  # created by someone else in the meantime
        item = TrackedItem.objects.get(series=series, case_key=number.key)
    return item


def case_link_conclusion(*, item: TrackedItem, conclusion: Conclusion | None, user=None, reason: str) -> TrackedItem:
    """Attach a case to the conclusion that opened it (or detach it while its draft is rewritten by an import)."""
    with transaction.atomic():
        item = TrackedItem.objects.select_for_update().get(pk=item.pk)
        if item.conclusion_id == (conclusion.pk if conclusion else None):
            return item
        item.conclusion = conclusion
        item._history_user = user
        item._change_reason = reason[:100]
        item.save(update_fields=["conclusion", "updated_at"])
    return item


def _base_status(item: TrackedItem) -> str:
    """The status a case had before the first decision the data holds: what that decision's row says it found,
    or, for a case never decided here, the status it came with (a case of an old record may come closed)."""
    first = Review.all_rows.filter(item=item).order_by("meeting__number", "created_at", "id").first()
    return first.status_before if first is not None else item.status


def _status_at(
    item: TrackedItem, meeting_number: int, *, exclude: Review | None = None
) -> tuple[str, Review | None, Review | None]:
    """The status a case had when meeting N began, the decision before N and the next one already recorded after N.

    Old records may be entered after newer ones, so a decision at N follows the case's status at N and must
    still lead to the decision of the next meeting already recorded.
    """
    reviews = Review.objects.filter(item=item).select_related("meeting")
    if exclude is not None:
        reviews = reviews.exclude(pk=exclude.pk)
    earlier = reviews.filter(meeting__number__lt=meeting_number).order_by("-meeting__number").first()
    later = reviews.filter(meeting__number__gt=meeting_number).order_by("meeting__number").first()
    return (earlier.status_after if earlier else _base_status(item)), earlier, later


def _check_decision(item: TrackedItem, meeting: Meeting, decision: str, *, exclude: Review | None = None) -> str:
    """Refuses a decision the case's history does not allow at this meeting; returns the status before it."""
    status_then, earlier, later = _status_at(item, meeting.number, exclude=exclude)
    if decision not in ALLOWED_DECISIONS[status_then]:
        if status_then == Status.CLOSED:
            closed_at = earlier.meeting.number if earlier else item.closed_meeting_number
            when = f"於第 {closed_at} 次會議" if closed_at else ""
            raise TrackingError(
                f"列管案號 {item.case_number} 已{when}解除列管；如需再審議，請明確選擇「恢復列管」並說明理由。"
            )
        raise TrackingError(f"列管案號 {item.case_number} 當時為「{Status(status_then).label}」，不能「{Decision(decision).label}」。")
    after = DECISION_RESULT[decision]
    if later is not None and later.decision not in ALLOWED_DECISIONS[after]:
        raise TrackingError(
            f"列管案號 {item.case_number} 在第 {meeting.number} 次會議「{Decision(decision).label}」，"
            f"與之後第 {later.meeting.number} 次會議已登錄的「{later.get_decision_display()}」不合。"
        )
    return status_then


def _check_later_still_allowed(item: TrackedItem, meeting: Meeting, *, without: Review) -> None:
    """Withdrawing the decision at N: the next decision recorded must still follow from the status before N."""
    status_then, _, later = _status_at(item, meeting.number, exclude=without)
    if later is not None and later.decision not in ALLOWED_DECISIONS[status_then]:
        raise TrackingError(
            f"列管案號 {item.case_number} 在第 {later.meeting.number} 次會議已登錄「{later.get_decision_display()}」，"
            f"必須以第 {meeting.number} 次會議的「{without.get_decision_display()}」為前提，不能撤回。"
        )


def _refresh_status(item: TrackedItem, *, base: str) -> None:
    """The status is what the latest standing decision left, or the status before any decision."""
    latest = Review.objects.filter(item=item).select_related("meeting").order_by("-meeting__number").first()
    status = latest.status_after if latest else base
    if latest is not None:
        closed_at = latest.meeting.number if status == Status.CLOSED else None
    else:
        closed_at = item.closed_meeting_number if status == Status.CLOSED else None
    if (item.status, item.closed_meeting_number) != (status, closed_at):
        item.status, item.closed_meeting_number = status, closed_at
        item.save(update_fields=["status", "closed_meeting_number", "updated_at"])


def _editable_meeting(meeting: Meeting, item: TrackedItem) -> Meeting:
    meeting = _lock_meeting(meeting.pk)
    if meeting.is_signed:
        raise TrackingError(
            f"{meeting.title}已簽核，列管案號 {item.case_number} 在該次會議的決定不能再登錄或更正；"
            "如需更正，請以更正紀錄辦理。"
        )
    return meeting


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
        meeting = _editable_meeting(meeting, item)
        item = TrackedItem.objects.select_for_update().get(pk=item.pk)
        _check_reviewable(item, meeting)
        if Review.objects.filter(item=item, meeting=meeting).exists():
            raise TrackingError(f"列管案號 {item.case_number} 在第 {meeting.number} 次會議已有決定，不能重複登錄。")
        if decision == Decision.REOPEN and not reason.strip():
            raise TrackingError(f"恢復列管案號 {item.case_number} 必須說明理由。")
        status_then = _check_decision(item, meeting, decision)
        base = _base_status(item)
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
        _refresh_status(item, base=base)
    return review


def _check_reviewable(item: TrackedItem, meeting: Meeting) -> None:
    if meeting.series_id != item.series_id:
        raise TrackingError(f"列管案號 {item.case_number} 不屬於這個會議系列。")
    if meeting.number <= item.meeting_number:
        raise TrackingError(
            f"列管案號 {item.case_number} 於第 {item.meeting_number} 次會議列管，"
            f"只能在之後的會議審議，不能在第 {meeting.number} 次會議審議。"
        )


def _supersede(review: Review, *, user, reason: str) -> None:
    review.superseded_at = timezone.now()
    review.superseded_by = user
    review.superseded_reason = reason[:200]
    review.save(update_fields=["superseded_at", "superseded_by", "superseded_reason"])


def _standing(item: TrackedItem, meeting: Meeting, *, verb: str) -> tuple[Meeting, TrackedItem, Review]:
    """The draft meeting and the case, locked, and the decision that stands for the case at it."""
    meeting = _editable_meeting(meeting, item)
    item = TrackedItem.objects.select_for_update().get(pk=item.pk)
    current = Review.objects.filter(item=item, meeting=meeting).first()
    if current is None:
        raise TrackingError(f"列管案號 {item.case_number} 在第 {meeting.number} 次會議尚無決定，無從{verb}。")
    return meeting, item, current


def case_correct_decision(
    *, item: TrackedItem, meeting: Meeting, decision: str, reason: str = "", user=None
) -> Review:
    """Correct the decision recorded at a draft meeting: a new row names the one it corrects, which is kept."""
    if decision not in Decision.values:
        raise TrackingError(f"無效的會議決定：{decision}")
    with transaction.atomic():
        meeting, item, current = _standing(item, meeting, verb="更正")
        if current.decision == decision:
            return current
        if decision == Decision.REOPEN and not (reason.strip() or current.reason.strip()):
            raise TrackingError(f"恢復列管案號 {item.case_number} 必須說明理由。")
        status_then = _check_decision(item, meeting, decision, exclude=current)
        why = reason.strip() or "更正會議決定"
        base = _base_status(item)
        _supersede(current, user=user, reason=why)
        review = Review.objects.create(
            item=item,
            meeting=meeting,
            decision=decision,
            status_before=status_then,
            status_after=DECISION_RESULT[decision],
            progress=current.progress,
            suggestion=current.suggestion,
            reason=reason.strip() if decision == Decision.REOPEN and reason.strip() else current.reason,
            decided_by=user,
            corrects=current,
        )
        _refresh_status(item, base=base)
    return review


def case_withdraw_decision(*, item: TrackedItem, meeting: Meeting, reason: str, user=None) -> Review:
    """Take back the decision recorded at a draft meeting (the record no longer states it); the row is kept."""
    with transaction.atomic():
        meeting, item, current = _standing(item, meeting, verb="撤回")
        _check_later_still_allowed(item, meeting, without=current)
        base = _base_status(item)
        _supersede(current, user=user, reason=reason or "撤回會議決定")
        _refresh_status(item, base=base)
    return current


def case_reopen(*, item: TrackedItem, meeting: Meeting, reason: str, user=None) -> Review:
    """Reopen a closed item; only by explicit choice and with a reason."""
    return case_record_decision(item=item, meeting=meeting, decision=Decision.REOPEN, reason=reason, user=user)
