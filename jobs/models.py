"""One row per file asked for: what, by whom, how far the worker got, why it failed, where the file is."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Job(models.Model):
    class Kind(models.TextChoices):
        MINUTES_ZIP = "minutes_zip", "年度簽核紀錄 ZIP"
        EXPORT = "export", "列管案件匯出"

    class Status(models.TextChoices):
        QUEUED = "queued", "排隊中"  # asked for, waiting for a worker
        RUNNING = "running", "處理中"  # a worker is building it (again, if a worker died under it)
        DONE = "done", "完成"  # the file is there for its requester until expires_at
        FAILED = "failed", "失敗"  # `error` says why, in words for the requester

    kind = models.CharField("種類", max_length=20, choices=Kind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申請人", on_delete=models.CASCADE, related_name="jobs"
    )
    title = models.CharField("內容", max_length=200)
    # What to build: {"series": id, "year": 2026} or {"query": "status=open&…", "fmt": "xlsx"}.
    params = models.JSONField("條件", default=dict)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField("失敗原因", max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField("執行次數", default=0)
    # Relative to JOBS_FILES_DIR; the name the download gives is file_name.
    path = models.CharField("檔案位置", max_length=200, blank=True)
    file_name = models.CharField("檔名", max_length=200, blank=True)
    size = models.PositiveBigIntegerField("大小", null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    created_at = models.DateTimeField("申請時間", auto_now_add=True)
    started_at = models.DateTimeField("開始時間", null=True, blank=True)
    finished_at = models.DateTimeField("完成時間", null=True, blank=True)
    expires_at = models.DateTimeField("保留至", null=True, blank=True)

    class Meta:
        verbose_name = "檔案"
        verbose_name_plural = "我的檔案"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=["queued", "running", "done", "failed"]),
                                   name="job_known_status"),
            models.CheckConstraint(condition=~models.Q(status="done") | ~models.Q(path=""), name="done_job_has_file"),
        ]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return f"{self.title}（{self.get_status_display()}）"

    def get_absolute_url(self):
        return reverse("jobs:job-list")

    def get_download_url(self):
        return reverse("jobs:job-download", args=[self.pk])
