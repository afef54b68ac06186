"""Forms of the record pages: shape and per-field checks, with messages in Chinese next to the field.

Saving goes through minutes.services with cleaned_data, never form.save().
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils import timezone

from minutes import archives
from minutes.models import (
    CASE_SCHEME_CHOICES,
    HEADER_LABEL_CHOICES,
    HEADER_LABELS,
    AgendaItem,
    Amendment,
    Conclusion,
    Meeting,
    MeetingSeries,
    ReportPoint,
    Section,
    SupplementaryReport,
    Unit,
)
from minutes.reader import numerals, rocdate
from minutes.textlimits import LimitMessages
from minutes.validators import no_html

# The recorder types (一) or 1. out of habit; the numbering comes from the order, so markers are dropped.
_MARKER_RE = re.compile(r"^\s*(?:[-•・]\s*)?(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.、])\s*")


def strip_marker(line: str) -> str:
    return _MARKER_RE.sub("", line, count=1).strip()


def _model_field(model, name, **kwargs):
    field = model._meta.get_field(name).formfield(**kwargs)
    if no_html not in field.validators:
        field.validators.append(no_html)
    return field


class RocDateField(forms.Field):
    """A date typed as the records write it (111年1月20日, 民國 111 年 1 月 20 日, 111/1/20) or 2022-01-20."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "例：111 年 1 月 20 日", "class": "w-date"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dt.date):
            return rocdate.format_roc_date(value)
        return value

    def to_python(self, value):
        value = (value or "").strip()[:40]
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        try:
            return rocdate.parse_roc_date(value)  # 111 年 1 月 20 日, 111/1/20, 111.1.20
        except ValueError as exc:
            raise forms.ValidationError("日期格式不正確，請以「111 年 1 月 20 日」或「111/1/20」輸入。") from exc


class RocTimeField(forms.Field):
    """A time typed as 10:45, 10時45分 or 上午10時; shown as 10:45 (a browser time picker would show AM/PM)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "例：10:00", "inputmode": "numeric"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dt.time):
            return value.strftime("%H:%M")
        return value

    def to_python(self, value):
        value = (value or "").strip()[:20]
        if not value:
            return None
        try:
            return rocdate.parse_roc_time(value)
        except ValueError as exc:
            raise forms.ValidationError("時間格式不正確，請以「10:00」或「10時0分」輸入。") from exc


class MeetingForm(LimitMessages, forms.Form):
    """The header of a meeting: 會次, 時間, 地點, 主席, 紀錄, 出席, 列席, 請假, 散會時間, and the 附件 listed after 散會."""

    number = forms.IntegerField(label="會次", min_value=1, max_value=9999)
    date = RocDateField(label="日期")
    start_time = RocTimeField(label="開會時間")
    adjourned_at = RocTimeField(label="散會時間", required=False)
    place = _model_field(Meeting, "place")
    chair = _model_field(Meeting, "chair")
    recorder = _model_field(Meeting, "recorder")
    attendees = _model_field(Meeting, "attendees", widget=forms.Textarea(attrs={"rows": 2}))
    observers = _model_field(Meeting, "observers", widget=forms.Textarea(attrs={"rows": 2}))
    absentees = _model_field(Meeting, "absentees", widget=forms.Textarea(attrs={"rows": 2}))
    attachments = _model_field(Meeting, "attachments", widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, series: MeetingSeries | None = None, meeting: Meeting | None = None, **kwargs):
        self.series = series or (meeting.series if meeting else None)
        self.meeting = meeting
        if meeting is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(meeting)
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_for(meeting: Meeting) -> dict:
        local = timezone.localtime(meeting.starts_at)
        return {
            "number": meeting.number, "date": local.date(), "start_time": local.time(),
            "adjourned_at": meeting.adjourned_at, "place": meeting.place, "chair": meeting.chair,
            "recorder": meeting.recorder, "attendees": meeting.attendees, "observers": meeting.observers,
            "absentees": meeting.absentees, "attachments": meeting.attachments, "version": meeting.version,
        }

    def clean_number(self):
        number = self.cleaned_data["number"]
        series = self.series or self.cleaned_data.get("series")
        if series is not None:
            clash = Meeting.objects.filter(series=series, number=number)
            if self.meeting is not None:
                clash = clash.exclude(pk=self.meeting.pk)
            if clash.exists():
                raise forms.ValidationError(f"第 {number} 次{series.kind}會議已經存在，請確認會次。")
        return number

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("adjourned_at")
        if start and end and end <= start:
            self.add_error("adjourned_at", "散會時間不能早於或等於開會時間。")
        return data

    def header_data(self) -> dict:
        """cleaned_data in the shape the services take."""
        data = self.cleaned_data
        starts_at = timezone.make_aware(
            dt.datetime.combine(data["date"], data["start_time"]), timezone.get_default_timezone()
        )
        fields = {k: data[k] for k in ("number", "adjourned_at", "place", "chair", "recorder",
                                        "attendees", "observers", "absentees", "attachments")}
        fields["starts_at"] = starts_at
        return fields


class MeetingCreateForm(MeetingForm):
    series = forms.ModelChoiceField(label="會議系列", queryset=MeetingSeries.objects.none(), empty_label=None,
                                    error_messages={"invalid_choice": "請選擇您擔任紀錄的機關的會議系列。"})
    from_previous = forms.BooleanField(
        label="以上一次會議為底（沿用主席、地點，預填「宣讀上次會議紀錄」與段落）", required=False, initial=True
    )

    def __init__(self, *args, series_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = series_queryset

    # series first: clean_number looks up the number within the series already cleaned.
    field_order = ["series", "number", "date", "start_time", "adjourned_at", "place", "chair", "recorder",
                   "attendees", "observers", "absentees", "attachments", "from_previous"]


class SectionForm(LimitMessages, forms.ModelForm):
    number = forms.TypedChoiceField(
        label="段落序號", coerce=int,
        choices=[(n, numerals.to_zh_formal(n)) for n in range(1, 21)],
        help_text="依原紀錄的序號；未舉行的段落跳號（例如壹之後為參）。",
    )

    class Meta:
        model = Section
        fields = ["number", "title", "body", "conclusion_label"]
        widgets = {"body": forms.Textarea(attrs={"rows": 2})}


class AgendaItemForm(LimitMessages, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "body", "conclusion_label"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "body": forms.Textarea(attrs={"rows": 3})}


def _lines_field(label, help_text):
    return forms.CharField(
        label=label, help_text=help_text, required=False, max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}), validators=[no_html],
    )


def _split_points(text: str, limit: int) -> list[str]:
    points = [strip_marker(line) for line in text.splitlines()]
    points = [p for p in points if p]
    for n, p in enumerate(points, 1):
        if len(p) > limit:
            raise forms.ValidationError(f"第 {n} 點超過 {limit:,} 字（目前 {len(p):,} 字），請分段。")
    return points


class ReportForm(LimitMessages, forms.ModelForm):
    points_text = _lines_field("報告內容", "每行一點，系統自動編為 (一)(二)…；只有一段時即為一段文字。")

    class Meta:
        model = SupplementaryReport
        fields = ["unit", "reporter_surname", "reporter_title", "heading", "label"]
        labels = {"heading": "報告人原文（無法拆分時）"}
        # The two words records use; an imported report keeps the one its record used.
        widgets = {"label": forms.Select(choices=[("補充報告", "補充報告"), ("補充說明", "補充說明")])}

    def __init__(self, *args, with_points: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(active=True)
        self.fields["unit"].empty_label = "（無）"
        self.fields["reporter_surname"].widget.attrs["placeholder"] = "高"
        self.fields["reporter_title"].widget.attrs["placeholder"] = "組長"
        self.fields["label"].required = False  # 補充報告 unless chosen otherwise
        if not with_points:
            del self.fields["points_text"]

    def clean_points_text(self):
        return _split_points(self.cleaned_data["points_text"], 5000)

    def clean_label(self):
        return self.cleaned_data.get("label") or "補充報告"

    def clean(self):
        data = super().clean()
        if not (data.get("unit") or data.get("reporter_surname") or data.get("reporter_title") or data.get("heading")):
            self.add_error("unit", "請選擇組室並填寫報告人，或填寫報告人原文。")
        return data


class ReportPointForm(LimitMessages, forms.ModelForm):
    class Meta:
        model = ReportPoint
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class ConclusionForm(LimitMessages, forms.ModelForm):
    class Meta:
        model = Conclusion
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class ConclusionAddForm(LimitMessages, forms.Form):
    """One or several conclusions at once: one per line."""

    text = _lines_field("結論", "每行一項；多項時依序編為 (一)(二)…")

    def clean_text(self):
        points = _split_points(self.cleaned_data["text"], 5000)
        if not points:
            raise forms.ValidationError("請輸入結論內容。")
        return points


class AmendmentForm(LimitMessages, forms.ModelForm):
    """An amendment of signed minutes: what, why, and the later meeting of the series that decided it (修正後確定)."""

    class Meta:
        model = Amendment
        fields = ["changes", "reason", "decided_at"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2}), "changes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "changes": "寫明更正的位置、原文與更正後文字，例如：參、三、會議結論(三)「一月底」更正為「二月底」。",
            "decided_at": "例如下次會議「宣讀上次會議紀錄」決定修正後確定；由主席逕行更正時免填。",
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["decided_at"]
        field.queryset = Meeting.objects.filter(series=meeting.series_id, number__gt=meeting.number).order_by("number")
        field.label_from_instance = lambda m: f"第 {m.number} 次（{rocdate.format_roc_date(timezone.localtime(m.starts_at).date())}）"
        field.empty_label = "（未經會議決定）"
        field.required = False


class PasteImportForm(LimitMessages, forms.Form):
    # The office the record is imported into: one of the recorder's (chosen for them when they have one).
    office = forms.ModelChoiceField(label="機關", queryset=None, empty_label=None,
                                    error_messages={"invalid_choice": "請選擇您擔任紀錄的機關。"})
    text = forms.CharField(
        label="紀錄全文", max_length=200000, strip=False,  # stripping would shift the line numbers of errors
        widget=forms.Textarea(attrs={"rows": 18, "placeholder": "將整份會議紀錄的文字貼在這裡…", "class": "mono"}),
    )

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        self.only_office = offices[0] if len(offices) == 1 else None
        if self.only_office is not None:
            # A recorder of one office imports into it: nothing to choose, and whatever is posted is not read.
            del self.fields["office"]

    def clean(self):
        cleaned = super().clean()
        if self.only_office is not None:
            cleaned["office"] = self.only_office
        return cleaned

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        if not text.strip():
            raise forms.ValidationError("請貼上會議紀錄的文字。")
        return text


class SeriesLabelsForm(forms.Form):
    """The header labels a series' records write (主持人 or 主席, 記錄 or 紀錄…): what a meeting typed in the browser
    is shown and printed with. One section of the series' settings."""

    def __init__(self, *args, series: MeetingSeries, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in HEADER_LABEL_CHOICES.items():
            self.fields[name] = forms.ChoiceField(
                label=f"「{HEADER_LABELS[name]}」欄的寫法",
                choices=[(label, label) for label in choices],
                initial=(series.labels or {}).get(name, HEADER_LABELS[name]),
            )

    def labels(self) -> dict[str, str]:
        """Only what differs from this app's words is kept: the series writes those as the app does."""
        return {name: value for name, value in self.cleaned_data.items() if value != HEADER_LABELS[name]}


class SeriesCaseSchemeForm(LimitMessages, forms.Form):
    """How a series numbers its tracked cases: one of the reader's schemes, and the prefix the prefix scheme takes."""

    case_scheme = forms.ChoiceField(label="列管案號編號方式", choices=CASE_SCHEME_CHOICES,
                                    error_messages={"invalid_choice": "請選擇列表中的編號方式。"})
    case_prefix = forms.CharField(
        label="案號字首", required=False, max_length=3,
        help_text="僅「字首＋會次＋序號」使用：一到三個大寫英文字母，例如 A（案號 A10801）。",
    )

    def clean_case_prefix(self):
        return self.cleaned_data["case_prefix"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        # The same rule as MeetingSeries.clean, said next to the field it concerns.
        scheme, prefix = cleaned.get("case_scheme"), cleaned.get("case_prefix", "")
        if scheme == "prefix" and not re.fullmatch(r"[A-Z]{1,3}", prefix):
            self.add_error("case_prefix", "「字首＋會次＋序號」需要一到三個大寫英文字母的字首，例如 A。")
        elif scheme and scheme != "prefix" and prefix:
            self.add_error("case_prefix", "只有「字首＋會次＋序號」的編號方式使用字首，請清除字首。")
        return cleaned

class ArchiveForm(forms.Form):
    """A year of a series' signed minutes, for the ZIP the worker builds (jobs), among those the person may read."""

    archive = forms.ChoiceField(label="會議系列與年度", error_messages={
        "required": "請選擇會議系列與年度。", "invalid_choice": "沒有這個會議系列與年度的已簽核紀錄。",
    })

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["archive"].choices = archives.archive_choices(user)

    def clean_archive(self):
        series_id, year = self.cleaned_data["archive"].split(":")
        series = MeetingSeries.objects.select_related("office").filter(pk=int(series_id)).first()
        if series is None:
            raise forms.ValidationError("找不到這個會議系列。")
        return series, int(year)
