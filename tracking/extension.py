"""What tracking adds to the record: it registers here with minutes.extensions, so minutes never imports tracking."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from minutes import extensions, permissions
from minutes.extensions import ConclusionMark, DocumentParts, ImportNote, Link
from minutes.models import Conclusion, Meeting
from minutes.reader import casenumbers, sentences
from minutes.reader.decisions import read_record_decisions
from tracking import importing, lifecycle, services
from tracking.models import CaseCounter, Decision, Review, TrackedItem


@dataclass
class _Kept:
    """A case opened by a conclusion of a draft that an import is rewriting: where and what it was."""

    item: TrackedItem
    path: tuple
    text: str


def _states_decision(text: str) -> bool:
    """Whether a conclusion decides on tracked items (列管案號 10606 解除列管, 本案賡續列管): such a conclusion is
    the meeting's review, not a new task, so the page offers no 設為列管 for it."""
    try:
        decisions, _ = sentences.read_decisions(text)
    except ValueError:
        return True  # it speaks of cases' outcomes, even if not readably
    return bool(decisions) or sentences.outcome_of(text) is not None


class TrackingExtension(extensions.RecordExtension):
    # --- writes -----------------------------------------------------------------------------------------

    def record_changed(self, meeting, *, user):
        services.review_sync(meeting=meeting, user=user)

    def before_replace(self, meeting):
        kept = []
        items = TrackedItem.objects.filter(conclusion__section__meeting=meeting).select_related(
            "conclusion__section", "conclusion__item"
        )
        for item in items:
            kept.append(_Kept(item, importing.conclusion_path(item.conclusion), item.conclusion.text))
            lifecycle.case_link_conclusion(item=item, conclusion=None, reason="匯入取代紀錄，暫時解除與結論的連結")
        return kept

    def imported(self, meeting, parsed, *, user, kept=None):
        conclusions = list(
            Conclusion.objects.filter(section__meeting=meeting).select_related("section", "item").order_by("pk")
        )
        self._relink(meeting, conclusions, kept or [], user=user)
        marks = importing.case_marks(parsed)
        for conclusion in conclusions:
            case_number = marks.get(importing.conclusion_path(conclusion))
            if case_number is not None:
                self._link_marked_case(meeting, conclusion, case_number, user=user)
        try:
            # A number no scheme reads refuses the import with its line.
            stated = read_record_decisions(parsed)
            importing.checked_decisions(stated)
        except ValueError as exc:
            raise lifecycle.TrackingError(str(exc)) from exc
        try:
            services.review_sync(meeting=meeting, user=user, create_unknown=True, reason="匯入的紀錄文字")
        except lifecycle.TrackingError as exc:
            # A decision the case's history does not allow: say where the imported text states it.
            raise lifecycle.TrackingError(importing.with_line(str(exc), stated)) from exc

    @staticmethod
    def _relink(meeting, conclusions, kept: list[_Kept], *, user) -> None:
        """Every case the rewritten draft had goes back to its conclusion: the one with the same words, else the one
        in the same place if its words are close (a typo corrected); a case whose conclusion the new text no longer
        has refuses the import, naming the case, rather than hang it on another sentence."""
        free = {c.pk: c for c in conclusions}
        by_path = {importing.conclusion_path(c): c for c in conclusions}
        for entry in kept:
            match = next((c for c in free.values() if c.text == entry.text), None)
            same_place = by_path.get(entry.path)
            if match is None and same_place is not None and SequenceMatcher(None, entry.text, same_place.text).ratio() >= 0.6:
                match = same_place
            if match is None or match.pk not in free:
                raise lifecycle.TrackingError(
                    f"列管案號 {entry.item.case_number} 的結論「{entry.text[:30]}」在新的文字中找不到；"
                    "請保留該項結論（或在紀錄中刪除前先處理此列管案件），匯入沒有生效。"
                )
            del free[match.pk]
            lifecycle.case_link_conclusion(item=entry.item, conclusion=match, user=user, reason="匯入取代紀錄後重新連結結論")

    @staticmethod
    def _link_marked_case(meeting, conclusion, case_number: str, *, user) -> None:
        """A case the record says was opened by this conclusion (at this meeting) is linked to it again."""
        if casenumbers.read_case_number(case_number) is None:
            return
        opened_at = lifecycle.case_opened_at(case_number, meeting.series)
        if opened_at not in (None, meeting.number):
            return  # a case of another meeting, mentioned here: the text keeps no link to it
        known = TrackedItem.objects.named(case_number).filter(series=meeting.series).first()
        if known is not None and known.meeting_number != meeting.number:
            return  # 113-01 does not say its meeting: a case opened at an earlier one stays there
        item = known or lifecycle.case_get_or_create_known(
            series=meeting.series, case_number=case_number, subject=conclusion.text, opened_at=meeting.number
        )
        if item.conclusion_id is None:
            lifecycle.case_link_conclusion(item=item, conclusion=conclusion, user=user, reason="匯入的紀錄載明列管案號")

    def import_preview(self, parsed):
        try:
            stated = read_record_decisions(parsed)
        except ValueError:
            return []  # the import itself says why it is refused
        notes = []
        if stated.decisions:
            # Each number as the record writes it (113-01), which is how the case list will keep it.
            lines = tuple(f"列管案號 {d.case_number}：{Decision(d.outcome).label}" for d in stated.decisions)
            notes.append(ImportNote("匯入時會登錄的列管決定", lines))
        if stated.mentions:
            mentions = [mention.case_number for mention in stated.mentions]
            notes.append(ImportNote("未載明決定", (importing.mentions_note(mentions),), warning=True))
        return notes

    def renumber_refusal(self, meeting):
        tracked = Review.objects.filter(meeting=meeting).exists() or TrackedItem.objects.filter(
            conclusion__section__meeting=meeting
        ).exists()
        return "已有列管案件或列管審議決定" if tracked else ""

    def case_scheme_refusal(self, series):
        count = TrackedItem.objects.filter(series=series).count()
        if count:
            return f"已有 {count} 件列管案件"
        # A counter that moved is a number handed out, even if its case was deleted since.
        return "已編過列管案號" if CaseCounter.objects.filter(series=series, last_sequence__gt=0).exists() else ""

    def sign_problems(self, meeting):
        return services.review_differences(meeting)

    def unit_in_signed_record(self, unit):
        signed = Meeting.Status.SIGNED
        return TrackedItem.objects.filter(Q(responsible_units=unit) | Q(supporting_units=unit)).filter(
            Q(conclusion__section__meeting__status=signed) | Q(reviews__meeting__status=signed)
        ).exists()

    # --- reads ------------------------------------------------------------------------------------------

    def conclusion_marks(self, meeting, *, user, can_track):
        items = TrackedItem.objects.filter(conclusion__section__meeting=meeting).annotate(
            decision_pending=Exists(Review.objects.at_drafts().filter(item=OuterRef("pk")))
        )
        marks = {}
        for item in items:
            pending = "（決定待簽核）" if item.decision_pending else ""
            marks[item.conclusion_id] = [ConclusionMark(
                text=f"列管案號 {item.case_number}・目前{item.get_status_display()}{pending}",
                url=item.get_absolute_url(), css=f"case-badge status-{item.status}", title="列管案件目前的狀態",
            )]
        if can_track:
            conclusions = Conclusion.objects.filter(section__meeting=meeting).exclude(pk__in=list(marks))
            for conclusion in conclusions.only("pk", "text"):
                if not _states_decision(conclusion.text):
                    marks[conclusion.pk] = [ConclusionMark(
                        text="設為列管", url=reverse("tracking:conclusion-track", args=[conclusion.pk]),
                        css="track-link", title="將這項結論列管，自動給予列管案號", action=True,
                    )]
        return marks

    def record_links(self, meeting, *, user):
        if meeting.is_signed or not permissions.is_recorder(user, meeting.series.office_id):
            return []
        return [Link("結論事項辦理情形", reverse("tracking:meeting-review", args=[meeting.pk]),
                     "產生辦理情形報告、登錄各列管案件的會議決定")]

    def document_parts(self, meeting):
        marks = {
            conclusion_id: f"（列管案號\u00a0{case_number}）"
            for conclusion_id, case_number in TrackedItem.objects.filter(
                conclusion__section__meeting=meeting
            ).values_list("conclusion_id", "case_number")
        }
        reviews = sorted(
            Review.objects.filter(meeting=meeting).select_related("item__conclusion").prefetch_related(
                Prefetch("item__responsible_units")
            ),
            key=lambda r: (len(r.item.case_key), r.item.case_key),
        )
        blocks = [("tracking/pdf/_appendix.html", {"reviews": reviews})] if reviews else []
        return DocumentParts(conclusion_marks=marks, blocks=blocks)

    def annotate_meeting_list(self, queryset):
        # A subquery per listed meeting, not a join grouped over every conclusion of every meeting: with a LIMIT,
        # PostgreSQL computes it for the page's rows only.
        counted = (
            TrackedItem.objects.filter(conclusion__section__meeting=OuterRef("pk")).order_by()
            .values("conclusion__section__meeting").annotate(n=Count("pk")).values("n")
        )
        return queryset.annotate(tracked_count=Coalesce(Subquery(counted), 0))

    def meeting_list_columns(self):
        return [("列管", "tracked_count")]

