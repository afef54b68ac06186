from django.urls import path

from minutes import views

app_name = "minutes"

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("new/", views.meeting_create, name="meeting-create"),
    path("import/", views.meeting_import, name="meeting-import"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("<int:pk>/edit/<slug:kind>/<int:obj_pk>/", views.part_edit, name="part-edit"),
    path("<int:pk>/edit/<slug:kind>/<int:obj_pk>/delete/", views.part_delete, name="part-delete"),
    path("<int:pk>/edit/<slug:kind>/<int:obj_pk>/move/", views.part_move, name="part-move"),
    path("<int:pk>/add/<slug:kind>/<slug:parent_kind>/<int:parent_pk>/", views.part_add, name="part-add"),
    path("<int:pk>/sign/", views.meeting_sign, name="meeting-sign"),
    path("<int:pk>/amend/", views.meeting_amend, name="meeting-amend"),
    path("series/<int:pk>/", views.series_settings, name="series-settings"),
]
