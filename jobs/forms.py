"""The forms that ask for a file: a year of a series' signed minutes, a large export."""

from django import forms

from minutes.forms import ArchiveForm as MinutesZipForm
from tracking import exports

__all__ = ["ExportForm", "MinutesZipForm"]


class ExportForm(forms.Form):
    fmt = forms.ChoiceField(choices=[(f, f.upper()) for f in exports.FORMATS], error_messages={
        "invalid_choice": "不支援的匯出格式。", "required": "請選擇匯出格式。",
    })
    query = forms.CharField(required=False, max_length=2000, error_messages={"max_length": "篩選條件太長。"})
