"""Accounts: lockout, password rules, the forced change, idle sessions and idle accounts (附表十 普級 controls)."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "帳號管理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import signals  # noqa: F401  (what a login puts in the session)
