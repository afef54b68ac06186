"""我的檔案: files a person asks for that the background worker builds (a year's signed minutes, large exports)."""

from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "我的檔案"
    default_auto_field = "django.db.models.BigAutoField"
