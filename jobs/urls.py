from django.urls import path

from jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="job-list"),
    path("minutes-zip/", views.minutes_zip_request, name="minutes-zip"),
    path("export/", views.export_request, name="export"),
    path("<int:pk>/download/", views.job_download, name="job-download"),
]
