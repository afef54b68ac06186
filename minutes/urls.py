from django.urls import path

from minutes import views

app_name = "minutes"

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
]
