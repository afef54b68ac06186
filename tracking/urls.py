from django.urls import path, register_converter

from tracking import views


class CaseNumberConverter:
    """Case numbers are digits only, so they never swallow conclusions/…, units/… or other fixed paths."""

    regex = "[0-9]{3,11}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(CaseNumberConverter, "case")

app_name = "tracking"

urlpatterns = [
    path("", views.item_list, name="item-list"),
    path("conclusions/<int:pk>/track/", views.conclusion_track, name="conclusion-track"),
    path("<case:case_number>/", views.item_detail, name="item-detail"),
]
