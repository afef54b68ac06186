"""Asking for a file, building it on the worker, and expiring it: every write to Job is here.

A request only writes the Job row and queues its task after the commit; the worker builds the file into a part
file and renames it into place, so a file listed as 完成 is always whole. A worker killed half-way leaves the job
處理中 and its part file behind: the task runs again (acks_late, jobs.tasks) and starts the file over.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from kombu.exceptions import OperationalError

import audit
from jobs.models import Job
from minutes import archives
from minutes.errors import storage_error_message
from minutes.models import MeetingSeries
from tracking import exports
from tracking.filters import tracked_item_filter

logger = logging.getLogger(__name__)

# At most this many files of one person waiting or being built: one person cannot fill the queue.
MAX_PENDING_PER_USER = 5
PART_SUFFIX = ".part"


class JobError(Exception):
    """A request for a file that cannot be accepted; the message is for the user (in Chinese)."""


def disk_error_message(error: OSError) -> str:
    """What the requester reads when the file could not be written."""
    reason = storage_error_message(error)
    if reason is None:
        return f"無法寫入檔案（{error.strerror or error}），檔案沒有產生；請稍後再試。"
    return f"{reason}，檔案沒有產生；已記錄於系統日誌，請稍後再試或洽系統管理者。"


def files_dir() -> Path:
    return Path(settings.JOBS_FILES_DIR)


def job_file_path(job: Job) -> Path:
    return files_dir() / job.path


def jobs_of(user):
    """The person's own files, newest first: nobody sees another's."""
    return Job.objects.filter(requested_by=user)


def _check_pending(user) -> None:
    # The person's row is locked, so that two requests at once cannot both pass the count.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    pending = jobs_of(user).filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).count()
    if pending >= MAX_PENDING_PER_USER:
        raise JobError(f"您已有 {pending} 個檔案正在排隊或處理中，請待完成後再申請。")


def _enqueue(job: Job) -> None:
    """Queue the job's task once the row is committed (the worker must find it). A broker that cannot be reached
    fails the job with a reason instead of the request."""
    from jobs import tasks

    def send():
        try:
            tasks.build_file.delay(job.pk)
        except OperationalError as error:  # Redis cannot be reached
            logger.error("could not queue job %s: %s", job.pk, error)
            Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
                status=Job.Status.FAILED, error="背景工作服務暫時無法使用，請稍後再申請。",
                finished_at=timezone.now(), expires_at=timezone.now() + dt.timedelta(days=settings.JOBS_KEEP_DAYS),
            )

    transaction.on_commit(send)


@transaction.atomic
def job_request_minutes_zip(*, user, series: MeetingSeries, year: int) -> Job:
    """Ask for a year's signed minutes of a series as one ZIP."""
    if not archives.series_readable(user, series):
        raise JobError("您沒有閱讀這個會議系列紀錄的權限。")
    if not archives.signed_meetings_of_year(series, year).exists():
        raise JobError(f"{series} 民國 {year - 1911} 年沒有已簽核的紀錄。")
    _check_pending(user)
    job = Job.objects.create(
        kind=Job.Kind.MINUTES_ZIP, requested_by=user, title=archives.archive_title(series, year),
        params={"series": series.pk, "year": year},
    )
    audit.record(audit.Action.FILE_REQUEST, user=user, target=job, detail=job.title)
    _enqueue(job)
    return job


@transaction.atomic
def job_request_export(*, user, query: str, fmt: str, rows: int) -> Job:
    """Ask for a tracking export too large to build in the request (the list's query string as it was)."""
    if fmt not in exports.FORMATS:
        raise JobError("不支援的匯出格式。")
    _check_pending(user)
    job = Job.objects.create(
        kind=Job.Kind.EXPORT, requested_by=user, title=f"列管案件匯出（{fmt.upper()}，{rows} 筆）",
        params={"query": query, "fmt": fmt},
    )
    audit.record(audit.Action.EXPORT, user=user, target=job,
                 detail=f"{fmt.upper()}；{rows} 筆，背景產生；條件：{query or '全部'}")
    _enqueue(job)
    return job


def _claim(job_id: int) -> Job | None:
    """Mark the job 處理中 for this attempt; None when there is nothing (left) to do."""
    with transaction.atomic():
        job = Job.objects.select_for_update().select_related("requested_by").filter(pk=job_id).first()
        if job is None or job.status in (Job.Status.DONE, Job.Status.FAILED):
            return None
        job.status = Job.Status.RUNNING
        job.attempts += 1
        job.started_at = timezone.now()
        job.save(update_fields=["status", "attempts", "started_at"])
        return job


def _finish(job: Job, *, status: str, error: str = "", **fields) -> None:
    now = timezone.now()
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            status=status, error=error, finished_at=now,
            expires_at=now + dt.timedelta(days=settings.JOBS_KEEP_DAYS), **fields,
        )


def _write(job: Job, out) -> str:
    """Write the job's file to `out`; returns the name the download gives."""
    user = job.requested_by
    if not user.is_active:
        raise JobError("申請人的帳號已停用。")
    if job.kind == Job.Kind.MINUTES_ZIP:
        series = MeetingSeries.objects.select_related("office").filter(pk=job.params["series"]).first()
        if series is None or not archives.series_readable(user, series):
            raise JobError("您已沒有閱讀這個會議系列紀錄的權限。")
        archives.minutes_zip_write(out, series=series, year=int(job.params["year"]))
        return archives.archive_file_name(series, int(job.params["year"]))
    fmt = job.params["fmt"]
    found = tracked_item_filter(user, QueryDict(job.params.get("query", "")))
    if found.is_bound and not found.is_valid():
        raise JobError("匯出條件有誤，請回到列管案件清單重新篩選。")
    exports.export_items_to_file(found.qs, fmt, out)
    return exports.file_name(fmt, timezone.localdate(job.created_at))


def job_run(job_id: int) -> Job | None:
    """Build the file of a job (the worker's task). Safe to run again after a crash: a finished job is left as it
    is, an unfinished one starts over from nothing. A disk that is full or cannot be written fails the job with
    the reason, logged for the administrator; so does a request no longer allowed."""
    job = _claim(job_id)
    if job is None:
        return None
    directory = files_dir()
    part = directory / f"job-{job.pk}-{job.attempts}{PART_SUFFIX}"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for earlier in directory.glob(f"job-{job.pk}-*{PART_SUFFIX}"):  # what a killed attempt left
            _discard(earlier)
        with open(part, "wb") as out:
            file_name = _write(job, out)
            out.flush()
            os.fsync(out.fileno())  # a full disk may only say so here
        size, sha256 = _measure(part)
        stored = f"job-{job.pk}-{uuid.uuid4().hex}{Path(file_name).suffix}"
        os.replace(part, directory / stored)
    except OSError as error:
        _discard(part)
        logger.error("job %s (%s) could not write its file: %s", job.pk, job.get_kind_display(), error,
                     extra={"job": job.pk, "errno": error.errno})
        _finish(job, status=Job.Status.FAILED, error=disk_error_message(error))
        return job
    except JobError as error:
        _discard(part)
        _finish(job, status=Job.Status.FAILED, error=str(error))
        return job
    _finish(job, status=Job.Status.DONE, path=stored, file_name=file_name, size=size, sha256=sha256)
    logger.info("job %s done: %s, %s bytes", job.pk, file_name, size)
    return job


def _measure(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    with open(path, "rb") as done:
        for block in iter(lambda: done.read(1 << 20), b""):
            digest.update(block)
    return path.stat().st_size, digest.hexdigest()


def _discard(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def jobs_expire(*, now: dt.datetime | None = None) -> int:
    """Delete the files (and rows) past their keeping time, and part files no attempt will finish; returns how
    many jobs went. A file already gone is fine; one that cannot be removed is logged and its row kept."""
    now = now or timezone.now()
    removed = 0
    for job in Job.objects.filter(expires_at__lt=now).only("pk", "path"):
        try:
            if job.path:
                job_file_path(job).unlink(missing_ok=True)
        except OSError as error:
            logger.error("could not remove the file of job %s: %s", job.pk, error)
            continue
        Job.objects.filter(pk=job.pk).delete()
        removed += 1
    directory = files_dir()
    if directory.is_dir():
        stale = (now - dt.timedelta(days=1)).timestamp()
        for part in directory.glob(f"*{PART_SUFFIX}"):
            try:
                if part.stat().st_mtime < stale:
                    part.unlink()
            except OSError:
                pass
    return removed


def job_download_record(job: Job, *, request) -> None:
    audit.record(audit.Action.FILE_DOWNLOAD, user=request.user, request=request, target=job,
                 detail=f"{job.file_name}（SHA-256 {job.sha256}）")
