"""What the security controls keep about an account beyond django.contrib.auth's User."""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.db import models


class AccountState(models.Model):
    """One per user, made when it is first needed (a password set, a reset, the demo loader)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="使用者", primary_key=True, on_delete=models.CASCADE,
        related_name="account_state",
    )
    # Set when an administrator creates the account or resets its password; cleared when the user picks their own.
    must_change_password = models.BooleanField("下次登入須變更密碼", default=False)
    password_changed_at = models.DateTimeField("密碼變更時間", null=True, blank=True)
    # Made by load_demo, whose passwords are in the README: refused whenever DEBUG is off.
    is_demo = models.BooleanField("示範帳號", default=False)

    class Meta:
        verbose_name = "帳號狀態"
        verbose_name_plural = "帳號狀態"

    def __str__(self):
        return str(self.user)


class PasswordHistory(models.Model):
    """The hashes of an account's last passwords (as Django stored them), so that none is chosen again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "密碼歷程"
        verbose_name_plural = "密碼歷程"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.user}：{self.created_at:%Y-%m-%d}"


class LoginFailure(AccessAttempt):
    """django-axes' failed attempts (per name, address and browser), listed with the accounts; see LockoutAdmin."""

    class Meta:
        proxy = True
        verbose_name = "登入失敗與鎖定"
        verbose_name_plural = "登入失敗與鎖定"


class IdleAccount(User):
    """The admin's list of active accounts nobody has used for ACCOUNTS_IDLE_DAYS (accounts.selectors)."""

    class Meta:
        proxy = True
        verbose_name = "閒置帳號"
        verbose_name_plural = "閒置帳號"
