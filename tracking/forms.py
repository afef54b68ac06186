"""Forms of the tracking pages: shape and per-field checks; saving goes through the lifecycle and services."""

from __future__ import annotations

from django import forms

from minutes.forms import RocDateField
from minutes.models import Unit
from minutes.reader.casenumbers import case_key
from minutes.textlimits import LimitMessages
from minutes.validators import no_html
from tracking.models import Decision, Status, Suggestion, TrackedItem


class UnitChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class ConclusionTrackForm(LimitMessages, forms.Form):
    """Mark a conclusion as tracked: responsible and supporting units and an optional due date."""

    units = UnitChoiceField(
        label="主辦單位", queryset=Unit.objects.none(),
        error_messages={"required": "請至少選擇一個主辦單位。", "invalid_choice": "請選擇本機關有效的組室。"},
    )
    supporting_units = UnitChoiceField(
        label="協辦單位", queryset=Unit.objects.none(), required=False,
        error_messages={"invalid_choice": "請選擇本機關有效的組室。"},
    )
    # Typed and shown in the ROC calendar like every other date of the record (a browser date picker shows
    # the Western year).
    due_date = RocDateField(label="辦理期限", required=False)

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        # The units of the case's own office: a forged id of another office's unit is an invalid choice.
        units = Unit.objects.filter(office=office, active=True)
        self.fields["units"].queryset = units
        self.fields["supporting_units"].queryset = units

    def clean(self):
        cleaned = super().clean()
        both = set(cleaned.get("units") or []) & set(cleaned.get("supporting_units") or [])
        if both:
            names = "、".join(u.name for u in both)
            self.add_error("supporting_units", f"{names} 已是主辦單位，不能同時列為協辦單位。")
        return cleaned


class ItemEditForm(ConclusionTrackForm):
    """The recorder corrects a case: its 案由, units and due date (a case imported from an old record has none)."""

    subject = forms.CharField(
        label="案由", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}), validators=[no_html],
        error_messages={"required": "請填寫案由。"},
    )
    field_order = ["subject", "units", "supporting_units", "due_date"]


class ProgressForm(LimitMessages, forms.Form):
    """One item's progress (辦理情形) and suggestion, as a unit writes it for the next meeting."""

    text = forms.CharField(
        label="辦理情形", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_html],  # copied into the record's review item, which is plain text
    )
    suggestion = forms.ChoiceField(
        label="列管建議", required=False, choices=[("", "請選擇")] + Suggestion.choices,
        error_messages={"invalid_choice": "請選擇有效的列管建議。"},
    )

    def clean(self):
        cleaned = super().clean()
        text, suggestion = (cleaned.get("text") or "").strip(), cleaned.get("suggestion")
        if text and not suggestion:
            self.add_error("suggestion", "請選擇列管建議。")
        if suggestion and not text:
            self.add_error("text", "請填寫辦理情形。")
        cleaned["text"] = text
        return cleaned


class ReviewDecisionForm(LimitMessages, forms.Form):
    """The meeting's decision on every item it reviews, in one form; reopening only by explicit choice."""

    DECISION_CHOICES = [
        ("", "（本次未決定）"),
        (Decision.CLOSE, "解除列管"),
        (Decision.CONTINUE, "賡續列管"),
        (Decision.SELF_TRACK, "自行列管"),
    ]

    reopen_case = forms.CharField(
        label="恢復列管之列管案號", required=False, max_length=11,
        help_text="已解除列管的案件如經會議決定恢復列管，請填列管案號並說明理由。",
    )
    reopen_reason = forms.CharField(
        label="恢復列管理由", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        validators=[no_html],
    )

    def __init__(self, *args, rows, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = [row for row in rows if row.review is None]
        self.meeting = meeting
        for row in self.rows:
            self.fields[self.field_name(row.item)] = forms.ChoiceField(
                label=f"列管案號 {row.item.case_number}", choices=self.DECISION_CHOICES, required=False,
                initial=row.suggestion if row.suggestion in (Decision.CLOSE, Decision.CONTINUE, Decision.SELF_TRACK)
                else "",
            )

    @staticmethod
    def field_name(item) -> str:
        return f"decision_{item.pk}"

    def decision_fields(self):
        return [(row, self[self.field_name(row.item)]) for row in self.rows]

    def clean(self):
        cleaned = super().clean()
        case = (cleaned.get("reopen_case") or "").strip()
        reason = (cleaned.get("reopen_reason") or "").strip()
        cleaned["reopen_item"] = None
        if case:
            try:
                case_key(case)
            except ValueError as error:
                self.add_error("reopen_case", str(error))
                return cleaned
            item = TrackedItem.objects.named(case).filter(
                series=self.meeting.series_id, status=Status.CLOSED, meeting_number__lt=self.meeting.number,
            ).first()
            if item is None:
                self.add_error("reopen_case", f"列管案號 {case} 不是本次會議可恢復列管的已解除列管案件。")
            elif not reason:
                self.add_error("reopen_reason", "恢復列管必須說明理由。")
            else:
                cleaned["reopen_item"] = item
        elif reason:
            self.add_error("reopen_case", "請填寫要恢復列管的列管案號。")
        chosen = [row for row in self.rows if cleaned.get(self.field_name(row.item))]
        if not chosen and cleaned["reopen_item"] is None and not self.errors:
            raise forms.ValidationError("請至少為一件列管案件選擇會議決定。")
        cleaned["decisions"] = [(row.item, cleaned[self.field_name(row.item)]) for row in chosen]
        return cleaned


class ReviewCorrectionForm(LimitMessages, forms.Form):
    """Decisions already recorded at a draft meeting, corrected before the chair signs: each change is a new row
    of the case's history, with the reason given here."""

    CHOICES = [(Decision.CLOSE, "解除列管"), (Decision.CONTINUE, "賡續列管"), (Decision.SELF_TRACK, "自行列管"),
               (Decision.REOPEN, "恢復列管")]

    correction_reason = forms.CharField(
        label="更正理由", required=False, max_length=200, validators=[no_html],
        help_text="例如：主席當場裁示改為賡續列管，紀錄誤植。",
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = [row for row in rows if row.review is not None]
        for row in self.rows:
            self.fields[self.field_name(row.item)] = forms.ChoiceField(
                label=f"列管案號 {row.item.case_number}", choices=self.CHOICES, initial=row.review.decision,
                error_messages={"invalid_choice": "請選擇有效的會議決定。"},
            )

    @staticmethod
    def field_name(item) -> str:
        return f"correct_{item.pk}"

    def correction_fields(self):
        return [(row, self[self.field_name(row.item)]) for row in self.rows]

    def clean(self):
        cleaned = super().clean()
        changed = [
            (row.item, cleaned[self.field_name(row.item)]) for row in self.rows
            if cleaned.get(self.field_name(row.item)) and cleaned[self.field_name(row.item)] != row.review.decision
        ]
        if not changed and not self.errors:
            raise forms.ValidationError("沒有要更正的決定：請改選其中一件的會議決定。")
        if changed and not (cleaned.get("correction_reason") or "").strip():
            self.add_error("correction_reason", "更正會議決定須說明理由。")
        cleaned["corrections"] = changed
        return cleaned


class OfficeStatisticsForm(forms.Form):
    """The period of the cross-office statistics: cases opened (by their opening meeting) from one day to another."""

    opened_from = RocDateField(label="列管日期（起）", required=False)
    opened_to = RocDateField(label="列管日期（迄）", required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("opened_from"), cleaned.get("opened_to")
        if start and end and start > end:
            self.add_error("opened_to", "列管日期的迄不能早於起。")
        return cleaned
