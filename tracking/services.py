"""Writes of the tracking pages that go beyond one item's lifecycle, and the reads they share."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from minutes import permissions
from minutes import services as record
from minutes.models import AgendaItem, Conclusion, Meeting, Unit
from minutes.reader import sentences
from tracking import duedates, lifecycle, selectors
from tracking.lifecycle import TrackingError
from tracking.models import Decision, ProgressReport, Review, Suggestion, TrackedItem


def conclusion_track_suggestions(conclusion: Conclusion) -> dict:
    """What the track form starts with: the units the text names and the due date its wording gives."""
    units = list(Unit.objects.filter(office=conclusion.section.meeting.series.office_id, active=True))
    names = duedates.suggest_unit_names(conclusion.text, [u.name for u in units])
    by_name = {u.name: u for u in units}
    meeting_date = timezone.localtime(conclusion.section.meeting.starts_at).date()
    return {
        "units": [by_name[name].pk for name in names],
        "due_date": duedates.suggest_due_date(conclusion.text, meeting_date),
    }


def can_report(user, unit: Unit) -> bool:
    """The unit's own chief, or the recorder of its office."""
    return permissions.is_recorder(user, unit.office_id) or permissions.is_chief_of(user, unit)


def check_can_report(user, unit: Unit) -> None:
    """Only the unit's own chief, or the recorder, writes its progress: anyone else gets 403."""
    if not can_report(user, unit):
        raise PermissionDenied(f"{unit.name}的辦理情形只有{unit.name}主管或本機關紀錄可以填報。")


def progress_report_submit(
    *, item: TrackedItem, unit: Unit, text: str, suggestion: str, user, meeting: Meeting | None = None
) -> ProgressReport:
    """A unit's progress on one of its items for the next meeting; each submission is a new row."""
    check_can_report(user, unit)
    if suggestion not in Suggestion.values:
        raise TrackingError("請選擇列管建議。")
    if not text.strip():
        raise TrackingError("請填寫辦理情形。")
    with transaction.atomic():
        item = TrackedItem.objects.select_for_update().get(pk=item.pk)
        if not item.responsible_units.filter(pk=unit.pk).exists():
            raise PermissionDenied(f"列管案號 {item.case_number} 不是{unit.name}主辦的案件。")
        if not item.is_active:
            raise TrackingError(f"列管案號 {item.case_number} 已解除列管，不需再填報辦理情形。")
        report = ProgressReport(
            item=item, unit=unit, meeting=meeting, text=text.strip(), suggestion=suggestion, author=user
        )
        report.full_clean()
        report.save()
    return report


def progress_reports_submit(
    *, unit: Unit, entries: list[tuple[TrackedItem, str, str]], user, meeting: Meeting | None = None
) -> list[ProgressReport]:
    """Several items' progress from one unit's form, all or nothing."""
    check_can_report(user, unit)
    with transaction.atomic():
        return [
            progress_report_submit(item=item, unit=unit, text=text, suggestion=suggestion, user=user, meeting=meeting)
            for item, text, suggestion in entries
        ]


def _review_table_lines(meeting: Meeting) -> list[str]:
    """The body of the review item: one line per item as the 辦理情形 table reads it."""
    lines = []
    for row in selectors.review_rows(meeting):
        if row.review is not None:
            continue
        item = row.item
        units = "、".join(u.name for u in item.responsible_units.all()) or "（未指定）"
        progress = "；".join(f"{r.unit.name}：{r.text}" for r in row.reports) or "（尚未填報）"
        suggestion = Suggestion(row.suggestion).label if row.suggestion else "（未提建議）"
        subject = item.subject or "（原紀錄未載）"  # cases older than the data, as the pages and the PDF say
        lines.append(f"列管案號 {item.case_number}｜{subject}｜主辦單位：{units}｜辦理情形：{progress}｜{suggestion}")
    return lines


def review_item_generate(*, meeting: Meeting, user=None) -> AgendaItem:
    """Add 第 {N−1} 次…會議結論事項辦理情形報告 to draft meeting N, with the table of its active items.

    Written through the record's services like any other item the recorder adds, as one change of the record.
    """
    title = f"第 {meeting.number - 1} 次{meeting.series.meeting_name}結論事項辦理情形報告。"
    with record.one_change(meeting, user=user, reason=f"產生{title.rstrip('。')}") as locked:
        if selectors.review_item_of(locked) is not None:
            raise TrackingError(f"{locked.title} 已有結論事項辦理情形報告。")
        section = locked.sections.filter(title__contains="報告事項").order_by("order").first()
        if section is None:
            last = locked.sections.order_by("-number").first()
            section = record.section_create(
                meeting=locked, user=user, version=None, number=(last.number + 1) if last else 1, title="報告事項"
            )
        lines = _review_table_lines(locked)
        body = "\n".join(lines) if lines else "本次無列管案件。"
        return record.item_create(
            section=section, user=user, version=None, title=title, body=body[:20000], conclusions=["同意備查。"],
        )


@dataclass(frozen=True)
class DecisionInput:
    item: TrackedItem
    decision: str
    reason: str = ""


def decision_conclusion(review_item: AgendaItem) -> Conclusion | None:
    for conclusion in review_item.conclusions.order_by("order", "id"):
        try:
            if sentences.parse_decision_sentence(conclusion.text):
                return conclusion
        except ValueError:
            continue
    return None


def _progress_of(items) -> dict[int, tuple[str, str]]:
    """item id → (辦理情形 as the units wrote it for the meeting, the latest suggestion), from one query."""
    reports = selectors.latest_progress([item.pk for item in items])
    by_item: dict[int, list[ProgressReport]] = {}
    for (item_id, _), report in reports.items():
        by_item.setdefault(item_id, []).append(report)
    progress = {}
    for item_id, item_reports in by_item.items():
        item_reports.sort(key=lambda r: r.created_at)
        if len(item_reports) == 1:
            text = item_reports[0].text
        else:
            text = "\n".join(f"{r.unit.name}：{r.text}" for r in item_reports)
        progress[item_id] = (text, item_reports[-1].suggestion)
    return progress


def review_record_decisions(*, meeting: Meeting, decisions: list[DecisionInput], user=None) -> list[Review]:
    """The meeting's decisions on its items in one transaction: reviews, statuses and the sentence.

    A case already decided at this draft meeting is corrected (a new row; the old one is kept). The sentence
    covers every decision taken at this meeting, also those recorded before (by an import), grouped as the
    record writes it: 列管案號 10606 及 10701 同意解除列管；列管案號 9903 賡續列管。
    """
    if not decisions:
        raise TrackingError("請至少為一件列管案件選擇會議決定。")
    with record.one_change(meeting, user=user, reason=f"登錄 {len(decisions)} 件列管案件的會議決定") as locked:
        meeting = locked
        review_item = selectors.review_item_of(meeting) or review_item_generate(meeting=meeting, user=user)
        current = {r.item_id: r for r in Review.objects.filter(meeting=meeting)}
        progress = _progress_of([d.item for d in decisions])
        reviews = []
        for entry in decisions:
            existing = current.get(entry.item.pk)
            if existing is not None:
                if existing.decision != entry.decision:
                    reviews.append(lifecycle.case_correct_decision(
                        item=entry.item, meeting=meeting, decision=entry.decision,
                        reason=entry.reason or "於審議頁更正會議決定", user=user,
                    ))
                continue
            text, suggestion = progress.get(entry.item.pk, ("", ""))
            reviews.append(lifecycle.case_record_decision(
                item=entry.item, meeting=meeting, decision=entry.decision, progress=text,
                suggestion=suggestion, reason=entry.reason, user=user,
            ))
        _write_decision_sentence(meeting, review_item, user=user)
    return reviews


def _write_decision_sentence(meeting: Meeting, review_item: AgendaItem, *, user) -> None:
    """The review item's sentence says what the reviews say, written through the record's services."""
    all_decisions = dict(Review.objects.filter(meeting=meeting).values_list("item__case_number", "decision"))
    sentence = sentences.format_decision_sentence(all_decisions)
    conclusion = decision_conclusion(review_item)
    if conclusion is None:
        record.conclusion_create(section=review_item.section, item=review_item, user=user, version=None, text=sentence)
    elif conclusion.text != sentence:
        record.conclusion_update(conclusion=conclusion, user=user, version=None, text=sentence)


# --- the decisions the record states and the reviews recorded are one fact ------------------------------------


def review_sync(*, meeting: Meeting, user=None, create_unknown: bool = False, reason: str = "") -> None:
    """Bring the reviews at a draft meeting in step with what its text decides: a decision the text states is
    recorded or corrected, one it no longer states is withdrawn. Refused (TrackingError naming the case) when the
    case's history does not allow it; the caller's whole change then rolls back.

    `create_unknown`: an import may name cases older than the data (9903), which are created; an edit in the
    browser that names a case nobody opened is refused instead.
    """
    stated, written = selectors.stated_numbers(meeting)
    current = {r.item.case_key: r for r in Review.objects.filter(meeting=meeting).select_related("item")}
    if stated == {key: review.decision for key, review in current.items()}:
        return
    items = {i.case_key: i for i in TrackedItem.objects.filter(series=meeting.series, case_key__in=list(stated))}
    new = [key for key in stated if key not in current]
    progress = _progress_of([items[key] for key in new if key in items])
    why = reason or "會議結論文字變更"
    for key, decision in stated.items():
        number = written.get(key, key)
        review = current.get(key)
        if review is not None:
            if review.decision != decision:
                lifecycle.case_correct_decision(
                    item=review.item, meeting=meeting, decision=decision, reason=why, user=user
                )
            continue
        item = items.get(key)
        if item is None:
            if not create_unknown:
                raise TrackingError(f"列管案號 {number} 不是{meeting.series}的列管案件，無法登錄決定；請確認案號。")
            # A case older than the data: its number says its meeting (9903), or it was opened before this one.
            item = lifecycle.case_get_or_create_known(
                series=meeting.series, case_number=number, opened_at=max(meeting.number - 1, 0)
            )
        if decision == Decision.REOPEN:
            raise TrackingError(f"列管案號 {number} 恢復列管必須說明理由，請在審議頁登錄。")
        text, suggestion = progress.get(item.pk, ("", ""))
        lifecycle.case_record_decision(
            item=item, meeting=meeting, decision=decision, progress=text, suggestion=suggestion, user=user
        )
    for key, review in current.items():
        if key not in stated:
            lifecycle.case_withdraw_decision(
                item=review.item, meeting=meeting, reason=f"{why}，不再載明此決定", user=user
            )


def review_differences(meeting: Meeting) -> list[str]:
    """Where the reviews recorded at a meeting and the decisions its text states disagree, case by case."""
    try:
        stated, written = selectors.stated_numbers(meeting)
    except TrackingError as exc:
        return [str(exc)]
    rows = Review.objects.filter(meeting=meeting).values_list("item__case_key", "item__case_number", "decision")
    current = {key: decision for key, _, decision in rows}
    written = {**written, **{key: number for key, number, _ in rows}}
    problems = []
    # In the order of their keys: within a series a longer key is a later case (9903 before 10701).
    for key in sorted(set(stated) | set(current), key=lambda key: (len(key), key)):
        said, recorded = stated.get(key), current.get(key)
        if said == recorded:
            continue
        said_label = Decision(said).label if said else "未載明"
        recorded_label = Decision(recorded).label if recorded else "未登錄"
        problems.append(f"列管案號 {written.get(key, key)}：紀錄文字為「{said_label}」，列管審議為「{recorded_label}」。")
    return problems
