"""The audit app, and the admin's configuration with the site that audits every add, change and delete."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "稽核紀錄"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit import signals  # noqa: F401  (connects the sign-in receivers)


class AuditedAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with audit.sites.AuditedAdminSite as admin.site (in INSTALLED_APPS instead of it)."""

    default = False  # "audit" alone names AuditConfig

    default_site = "audit.sites.AuditedAdminSite"
