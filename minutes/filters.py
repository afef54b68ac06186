"""Filters of the meeting list: series, ROC year, status, chair and a keyword over the record's text."""

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from minutes import bounds, permissions
from minutes.models import (
    AgendaItem,
    Conclusion,
    Meeting,
    MeetingSeries,
    ReportPoint,
    Section,
    SupplementaryReport,
)
from minutes.reader import rocdate


class MeetingFilter(django_filters.FilterSet):
    """Over the meetings the person may see: its choices (series, years, chairs) are of those meetings only."""

    q = django_filters.CharFilter(
        label="關鍵字", method="filter_keyword",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "案由、報告、結論…"}),
    )
    series = django_filters.ModelChoiceFilter(label="會議系列", queryset=MeetingSeries.objects.none(), empty_label="全部")
    year = django_filters.ChoiceFilter(label="年度", method="filter_year", empty_label="全部")
    status = django_filters.ChoiceFilter(label="狀態", choices=Meeting.Status.choices, empty_label="全部")
    chair = django_filters.ChoiceFilter(label="主席", empty_label="全部")

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        visible = Meeting.objects.filter(permissions.meetings_visible(user))
        self.filters["series"].queryset = MeetingSeries.objects.filter(pk__in=visible.values("series")).select_related(
            "office"
        )
        self.filters["year"].extra["choices"] = self._years(visible)
        names = visible.exclude(chair="").order_by("chair").values_list("chair", flat=True).distinct()
        self.filters["chair"].extra["choices"] = [(name, name) for name in names]

    @staticmethod
    def _years(meetings):
        years = meetings.datetimes("starts_at", "year", order="DESC", tzinfo=timezone.get_default_timezone())
        return [(rocdate.roc_year(d.year), f"{rocdate.roc_year(d.year)} 年") for d in years]

    class Meta:
        model = Meeting
        fields = ["q", "series", "year", "status", "chair"]

    def filter_year(self, queryset, name, value):
        year = int(value) + rocdate.ROC_OFFSET
        tz = timezone.get_default_timezone()
        start = timezone.make_aware(dt.datetime(year, 1, 1), tz)
        end = timezone.make_aware(dt.datetime(year + 1, 1, 1), tz)
        return queryset.filter(starts_at__gte=start, starts_at__lt=end)

    def filter_keyword(self, queryset, name, value):
        # Subqueries instead of joins: one row per meeting, however many parts match.
        words = value.split()
        for word in words[:5]:
            # A meeting number, in ASCII digits ('²'.isdigit() is true too) that the column can hold.
            meeting_number = bounds.parse_id(word, Meeting, "number")
            number = Q(number=meeting_number) if meeting_number is not None else Q(pk__in=[])
            # One UNION of meeting ids, one subquery per column (an OR of two columns in one would compute the bigrams
            # of every row it rechecks), each an index scan (substring: icontains that the bigram indexes serve on
            # PostgreSQL, minutes/search.py).
            searched = [
                Section.objects.filter(title__substring=word).values("meeting"),
                Section.objects.filter(body__substring=word).values("meeting"),
                AgendaItem.objects.filter(title__substring=word).values("section__meeting"),
                AgendaItem.objects.filter(body__substring=word).values("section__meeting"),
                Conclusion.objects.filter(text__substring=word).values("section__meeting"),
                ReportPoint.objects.filter(text__substring=word).values("report__item__section__meeting"),
                SupplementaryReport.objects.filter(heading__substring=word).values("item__section__meeting"),
                SupplementaryReport.objects.filter(unit__name__icontains=word).values("item__section__meeting"),
            ]
            queryset = queryset.filter(
                number
                | Q(pk__in=searched[0].order_by().union(*(ids.order_by() for ids in searched[1:]), all=True))
                | Q(place__icontains=word) | Q(chair__icontains=word)
                | Q(series__organisation__icontains=word) | Q(series__kind__icontains=word)
            )
        return queryset
