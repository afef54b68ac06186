"""Root URLs."""

from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from config import views
from minutes import documents_views

admin.site.site_header = "會議紀錄與列管追蹤 管理"
admin.site.site_title = "會議紀錄管理"

# A database that is down (restarting, failing over) answers 503 in Chinese, any other failure the 500 page
# (or 400 for a bad request).
handler500 = "config.views.server_error"
handler400 = "config.views.bad_request"

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("account/", include("accounts.urls")),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("meetings/<int:pk>/pdf/", documents_views.meeting_pdf, name="meeting-pdf"),
    path("verify/", documents_views.verify, name="verify"),
    path("meetings/", include("minutes.urls")),
    path("tracking/", include("tracking.urls")),
    path("files/", include("jobs.urls")),
    path("admin/", admin.site.urls),
]
