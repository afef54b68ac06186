"""Writes of the tracking pages that go beyond one item's lifecycle, and the reads they share."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from minutes import permissions
from minutes.models import AgendaItem, Conclusion, Meeting, Section, Unit
from minutes.reader import sentences
from minutes.services import ensure_editable
from tracking import duedates, lifecycle, selectors
from tracking.lifecycle import TrackingError
from tracking.models import ProgressReport, Review, Suggestion, TrackedItem


def conclusion_track_suggestions(conclusion: Conclusion) -> dict:
    """What the track form starts with: the units the text names and the due date its wording gives."""
    units = list(Unit.objects.filter(active=True))
    names = duedates.suggest_unit_names(conclusion.text, [u.name for u in units])
    by_name = {u.name: u for u in units}
    meeting_date = timezone.localtime(conclusion.section.meeting.starts_at).date()
    return {
        "units": [by_name[name].pk for name in names],
        "due_date": duedates.suggest_due_date(conclusion.text, meeting_date),
    }


def can_report(user, unit: Unit) -> bool:
    return permissions.is_recorder(user) or permissions.is_chief_of(user, unit)


def check_can_report(user, unit: Unit) -> None:
    """Only the unit's own chief, or the recorder, writes its progress: anyone else gets 403."""
    if not can_report(user, unit):
        raise PermissionDenied(f"{unit.name}的辦理情形只有{unit.name}主管或紀錄可以填報。")


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
    """Add 第 {N−1} 次…會議結論事項辦理情形報告 to draft meeting N, with the table of its active items."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("series").get(pk=meeting.pk)
        ensure_editable(meeting)
        if selectors.review_item_of(meeting) is not None:
            raise TrackingError(f"{meeting.title} 已有結論事項辦理情形報告。")
        section = meeting.sections.filter(title__contains="報告事項").order_by("order").first()
        if section is None:
            last = meeting.sections.order_by("-number").first()
            section = Section.objects.create(
                meeting=meeting,
                number=(last.number + 1) if last else 1,
                order=(meeting.sections.aggregate(m=Max("order"))["m"] or 0) + 1,
                title="報告事項",
            )
        lines = _review_table_lines(meeting)
        body = "\n".join(lines) if lines else "本次無列管案件。"
        item = AgendaItem.objects.create(
            section=section,
            order=(section.items.aggregate(m=Max("order"))["m"] or 0) + 1,
            title=f"第 {meeting.number - 1} 次{meeting.series.meeting_name}結論事項辦理情形報告。",
            body=body[:20000],
        )
        Conclusion.objects.create(section=section, item=item, order=1, text="同意備查。")
        _bump_version(meeting, user=user, reason=f"產生{item.title.rstrip('。')}")
    return item


def _bump_version(meeting: Meeting, *, user, reason: str) -> None:
    # The meeting's history row says who changed the record and how, like every other edit does.
    meeting.version += 1
    meeting._history_user = user
    meeting._change_reason = reason[:100]
    meeting.save(update_fields=["version", "updated_at"])


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


def review_record_decisions(*, meeting: Meeting, decisions: list[DecisionInput], user=None) -> list[Review]:
    """The meeting's decisions on all its items in one transaction: reviews, statuses and the sentence.

    The sentence covers every decision taken at this meeting, also those recorded before (by an import),
    grouped as the record writes it: 列管案號 10606 及 10701 同意解除列管；列管案號 9903 賡續列管。
    """
    if not decisions:
        raise TrackingError("請至少為一件列管案件選擇會議決定。")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("series").get(pk=meeting.pk)
        ensure_editable(meeting)
        review_item = selectors.review_item_of(meeting)
        if review_item is None:
            review_item = review_item_generate(meeting=meeting, user=user)
            meeting.refresh_from_db(fields=["version"])
        reports = selectors.latest_progress([d.item.pk for d in decisions])
        reviews = []
        for entry in decisions:
            item_reports = sorted(
                (r for (item_id, _), r in reports.items() if item_id == entry.item.pk), key=lambda r: r.created_at
            )
            if len(item_reports) == 1:
                progress = item_reports[0].text
            else:
                progress = "\n".join(f"{r.unit.name}：{r.text}" for r in item_reports)
            reviews.append(
                lifecycle.case_record_decision(
                    item=entry.item,
                    meeting=meeting,
                    decision=entry.decision,
                    progress=progress,
                    suggestion=item_reports[-1].suggestion if item_reports else "",
                    reason=entry.reason,
                    user=user,
                )
            )
        all_decisions = dict(
            Review.objects.filter(meeting=meeting).values_list("item__case_number", "decision")
        )
        sentence = sentences.format_decision_sentence(all_decisions)
        conclusion = decision_conclusion(review_item)
        if conclusion is None:
            order = (review_item.conclusions.aggregate(m=Max("order"))["m"] or 0) + 1
            Conclusion.objects.create(section=review_item.section, item=review_item, order=order, text=sentence)
        elif conclusion.text != sentence:
            conclusion.text = sentence
            conclusion.save(update_fields=["text"])
        _bump_version(meeting, user=user, reason=f"登錄 {len(decisions)} 件列管案件的會議決定")
    return reviews
