"""Forms of the tracking pages: shape and per-field checks; saving goes through the lifecycle and services."""

from __future__ import annotations

from django import forms

from minutes.models import Unit


class UnitChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class ConclusionTrackForm(forms.Form):
    """Mark a conclusion as tracked: responsible and supporting units and an optional due date."""

    units = UnitChoiceField(
        label="主辦單位", queryset=Unit.objects.filter(active=True),
        error_messages={"required": "請至少選擇一個主辦單位。", "invalid_choice": "請選擇有效的組室。"},
    )
    supporting_units = UnitChoiceField(
        label="協辦單位", queryset=Unit.objects.filter(active=True), required=False,
        error_messages={"invalid_choice": "請選擇有效的組室。"},
    )
    due_date = forms.DateField(
        label="辦理期限", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "請輸入有效的日期（例如 2022-01-31）。"},
    )

    def clean(self):
        cleaned = super().clean()
        both = set(cleaned.get("units") or []) & set(cleaned.get("supporting_units") or [])
        if both:
            names = "、".join(u.name for u in both)
            self.add_error("supporting_units", f"{names} 已是主辦單位，不能同時列為協辦單位。")
        return cleaned
