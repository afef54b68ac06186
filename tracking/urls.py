from django.urls import path, register_converter

from tracking import views
from tracking.models import URL_NUMBER_RE


class CaseNumberConverter:
    """A case number as written (10801, 113-01, A11301, 1130305-1) or its key: a digit first or after a prefix of
    capitals, so it never swallows conclusions/…, units/… or other fixed paths."""

    regex = URL_NUMBER_RE.pattern

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(CaseNumberConverter, "case")

app_name = "tracking"

urlpatterns = [
    path("", views.item_list, name="item-list"),
    path("export.<str:fmt>", views.item_export, name="item-export"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/offices/", views.office_statistics, name="office-statistics"),
    path("statistics/offices/export.csv", views.office_statistics_export, name="office-statistics-export"),
    path("conclusions/<int:pk>/track/", views.conclusion_track, name="conclusion-track"),
    path("units/<str:unit>/", views.unit_dashboard, name="unit-dashboard"),
    path("units/<str:unit>/progress/", views.unit_progress, name="unit-progress"),
    path("meetings/<int:pk>/review/", views.meeting_review, name="meeting-review"),
    path("meetings/<int:pk>/review/generate/", views.meeting_review_generate, name="meeting-review-generate"),
    path("<int:series>/<case:case_number>/", views.item_detail, name="item-detail"),
    path("<int:series>/<case:case_number>/edit/", views.item_edit, name="item-edit"),
    # Links of before the series was in the URL: the case when one has the number, else the candidates.
    path("<case:case_number>/", views.item_lookup, name="item-lookup"),
]
