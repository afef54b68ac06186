"""One row per audited event: who, when, what, on what, from which address."""

from django.conf import settings
from django.db import models

from audit.actions import Action


class Event(models.Model):
    at = models.DateTimeField("時間", db_index=True)
    action = models.CharField("事件", max_length=30, choices=Action.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="使用者", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as written: the account may be deleted later, and a failed login may name one that never existed.
    username = models.CharField("帳號", max_length=150, blank=True, db_index=True)
    address = models.GenericIPAddressField("來源位址", null=True, blank=True)
    target_type = models.CharField("對象類型", max_length=100, blank=True)
    target_id = models.CharField("對象編號", max_length=64, blank=True)
    target = models.CharField("對象", max_length=200, blank=True)
    detail = models.TextField("說明", blank=True)
    request_id = models.CharField("請求編號", max_length=128, blank=True)

    class Meta:
        verbose_name = "稽核紀錄"
        verbose_name_plural = "稽核紀錄"
        ordering = ["-at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(action__in=Action.values), name="audit_known_action")]

    def __str__(self):
        return f"{self.get_action_display()}：{self.username or '—'}"
