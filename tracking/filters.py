"""The filters of the tracked-item list (and its exports): status, unit, meetings, due date, age, keyword."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Length

from minutes import permissions
from minutes.models import Office, Unit
from minutes.textlimits import LimitMessages
from tracking.models import ProgressReport, Review, Status, TrackedItem, key_lookup

# Sort keys of the list: key → fields, ascending. "-key" sorts descending; the case number breaks ties.
SORTS: dict[str, tuple[str, ...]] = {
    # By key (tracking.models.TrackedItemQuerySet.by_key): 9903 before 10701, 113-01 before 113-02.
    "case": ("key_length", "case_key"),
    "due": ("due_date",),
    "status": ("status",),
    "open": ("meetings_open",),
    "updated": ("updated_at",),
}
SORT_LABELS = {"case": "列管案號", "due": "期限", "status": "狀態", "open": "列管會次數", "updated": "更新時間"}
SORT_CHOICES = [(key, f"{label}（遞增）") for key, label in SORT_LABELS.items()] + [
    (f"-{key}", f"{label}（遞減）") for key, label in SORT_LABELS.items()
]


# Statuses sort in the order of the lifecycle (列管, 賡續列管, 解除列管), not by their stored codes.
_STATUS_ORDER = Case(
    *(When(status=status, then=Value(rank)) for rank, status in enumerate(Status.values)),
    output_field=IntegerField(),
)


class TrackedItemFilterForm(LimitMessages, forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("meeting_from"), cleaned.get("meeting_to")
        if start is not None and end is not None and start > end:
            self.add_error("meeting_to", f"列管會次的起（第 {start} 次）不能大於迄（第 {end} 次）。")
        return cleaned


class TrackedItemFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label="狀態", choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    office = django_filters.ModelChoiceFilter(
        label="機關", queryset=Office.objects.none(), field_name="series__office", empty_label="全部機關",
        error_messages={"invalid_choice": "找不到這個機關。"},
    )
    unit = django_filters.ModelChoiceFilter(
        label="主辦單位", queryset=Unit.objects.none(), method="filter_unit", empty_label="全部組室",
        error_messages={"invalid_choice": "找不到這個組室。"},
    )
    meeting_from = django_filters.NumberFilter(
        label="列管會次（起）", field_name="meeting_number", lookup_expr="gte", min_value=1
    )
    meeting_to = django_filters.NumberFilter(
        label="列管會次（迄）", field_name="meeting_number", lookup_expr="lte", min_value=1
    )
    due = django_filters.ChoiceFilter(
        label="期限",
        choices=[("overdue", "已逾期"), ("within", "將於 N 日內到期"), ("none", "未訂期限")],
        method="filter_due",
        empty_label="不限",
    )
    days = django_filters.NumberFilter(label="N（日）", method="filter_noop", min_value=0, max_value=3650)
    open_meetings = django_filters.NumberFilter(
        label="列管會次數（至少）", field_name="meetings_open", lookup_expr="gte", min_value=0
    )
    q = django_filters.CharFilter(label="關鍵字", method="filter_keyword", max_length=100)
    sort = django_filters.ChoiceFilter(label="排序", choices=SORT_CHOICES, method="filter_sort", empty_label=None)

    DEFAULT_DAYS = 14

    class Meta:
        model = TrackedItem
        fields: list[str] = []
        form = TrackedItemFilterForm

    def __init__(self, *args, today: dt.date | None = None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(permissions.units_visible(user)) if user is not None else Unit.objects.all()
        self.filters["unit"].queryset = units.select_related("office")
        self.filters["office"].queryset = Office.objects.filter(pk__in=units.values("office"))
        self.today = today or dt.date.today()

    def filter_unit(self, queryset, name, value):
        return queryset.for_unit(value) if value else queryset

    def filter_noop(self, queryset, name, value):
        return queryset  # read by filter_due

    def filter_due(self, queryset, name, value):
        if value == "overdue":
            return queryset.overdue(self.today)
        if value == "within":
            days = self.form.cleaned_data.get("days")
            return queryset.due_within(self.DEFAULT_DAYS if days is None else int(days), self.today)
        if value == "none":
            return queryset.filter(due_date__isnull=True)
        return queryset

    def filter_sort(self, queryset, name, value):
        descending = value.startswith("-")
        ordering = []
        for field_name in SORTS[value.lstrip("-")]:
            expression = _STATUS_ORDER if field_name == "status" else F(field_name)
            # Items without a due date go last whichever way the list is sorted.
            ordering.append(expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True))
        return queryset.annotate(key_length=Length("case_key")).order_by(*ordering, "key_length", "case_key")

    def filter_keyword(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # One UNION of item ids, one subquery per column (an OR of two columns in one would compute the bigrams of
        # every row it rechecks), each an index scan (substring: icontains that the bigram indexes serve on
        # PostgreSQL, minutes/search.py). pk__in keeps one row per item however many reports match.
        matching = [
            TrackedItem.objects.filter(subject__substring=value).values("pk"),
            TrackedItem.objects.filter(key_lookup(value)).values("pk"),
            ProgressReport.objects.filter(text__substring=value).values("item_id"),
            Review.objects.filter(progress__substring=value).values("item_id"),
            Review.objects.filter(reason__substring=value).values("item_id"),
        ]
        first, *rest = (ids.order_by() for ids in matching)
        return queryset.filter(pk__in=first.union(*rest, all=True))


def tracked_item_filter(user, data) -> TrackedItemFilter:
    """The list's filter over what the person may see, with what each row shows: for the page, its exports in the
    request, and the exports the worker builds later for the person who asked (from the query they asked with)."""
    from tracking import selectors

    base = (
        TrackedItem.objects.filter(permissions.tracking_visible(user)).with_meetings_open().with_pending()
        .select_related("series__office", "conclusion__section__meeting")
        .prefetch_related("responsible_units", selectors.prefetch_latest_reports())
    )
    return TrackedItemFilter(data or None, queryset=base, today=selectors.local_today(), user=user)
