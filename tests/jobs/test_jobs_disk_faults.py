"""A full or read-only disk where files are written is said, never swallowed: the job is 失敗 with the reason, no
half file is left, the administrator's log has it; signing refuses and the meeting stays unsigned.

Root ignores file permissions, so most of these make the write itself raise what the kernel would (ENOSPC,
EROFS); one fills a real 64 KiB tmpfs with the ZIP."""

import errno
import logging
import subprocess

import pytest
from django.db import OperationalError
from django.urls import reverse

import jobs.services
from jobs.models import Job
from minutes import documents
from minutes.models import Meeting, SignedRecord

pytestmark = pytest.mark.django_db


class FailingFile:
    """A file that takes `room` bytes, then fails every write as a full (or read-only) disk does."""

    def __init__(self, path, mode, *, code, room):
        self._file = open(path, mode)  # noqa: SIM115 (closed by __exit__, as open()'s file would be)
        self._code = code
        self._room = room

    def write(self, data):
        if self._file.tell() + len(data) > self._room:
            raise OSError(self._code, "simulated: " + errno.errorcode[self._code])
        return self._file.write(data)

    def __getattr__(self, name):
        return getattr(self._file, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._file.close()


@pytest.fixture
def disk(monkeypatch):
    """Make the worker's file writes fail with an errno after a number of bytes."""

    def fail(code, room=4096):
        def failing_open(path, mode="r", **kwargs):
            if "w" not in mode:
                return open(path, mode, **kwargs)
            return FailingFile(path, mode, code=code, room=room)

        monkeypatch.setattr(jobs.services, "open", failing_open, raising=False)

    return fail


def ask_zip(client, queued, meeting):
    return queued(client.post, reverse("jobs:minutes-zip"), {"archive": f"{meeting.series_id}:2022"}, follow=True)


@pytest.mark.parametrize(("code", "reason"), [(errno.ENOSPC, "磁碟空間不足"), (errno.EROFS, "無法寫入")])
def test_a_zip_on_a_full_or_read_only_disk_fails_with_the_reason(
    client, chief_wenshu, signed_year, queued, disk, files_dir, caplog, code, reason
):
    disk(code)
    client.force_login(chief_wenshu)
    with caplog.at_level(logging.ERROR, logger="jobs.services"):
        ask_zip(client, queued, signed_year[0])
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and job.error.startswith(reason)
    assert not job.path and list(files_dir.iterdir()) == []  # the part file went too
    assert any(f"job {job.pk}" in r.getMessage() and "simulated" in r.getMessage() for r in caplog.records)
    page = client.get(reverse("jobs:job-list")).content.decode()
    assert "失敗" in page and reason in page


def test_an_export_on_a_full_disk_fails_with_the_reason(client, recorder, queued, disk, files_dir):
    disk(errno.ENOSPC, room=10)
    client.force_login(recorder)
    queued(client.post, reverse("jobs:export"), {"fmt": "csv", "query": ""})
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and job.error.startswith("磁碟空間不足")
    assert list(files_dir.iterdir()) == []


def test_a_files_directory_that_cannot_be_made_fails_the_job(client, recorder, queued, settings, tmp_path):
    (tmp_path / "a-file").write_text("not a directory")
    settings.JOBS_FILES_DIR = tmp_path / "a-file" / "jobs"
    client.force_login(recorder)
    queued(client.post, reverse("jobs:export"), {"fmt": "csv", "query": ""})
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and "無法寫入檔案" in job.error


@pytest.fixture
def tmpfs(tmp_path):
    """A real 64 KiB file system (root may mount one): writes past it fail with ENOSPC from the kernel."""
    point = tmp_path / "small"
    point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(point)], check=True)
    yield point
    subprocess.run(["umount", str(point)], check=True)


@pytest.mark.mounts
def test_a_zip_larger_than_a_real_small_disk_fails_and_leaves_it_empty(
    client, chief_wenshu, signed_year, queued, settings, tmpfs
):
    assert sum(len(bytes(r.pdf)) for r in SignedRecord.objects.all()) > 64 * 1024  # it cannot fit
    settings.JOBS_FILES_DIR = tmpfs
    client.force_login(chief_wenshu)
    ask_zip(client, queued, signed_year[0])
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and job.error.startswith("磁碟空間不足")
    assert list(tmpfs.iterdir()) == []


def sign(client, meeting):
    return client.post(reverse("minutes:meeting-sign", args=[meeting.pk]), {"version": meeting.version}, follow=True)


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁碟空間不足"),
        (OSError(errno.EROFS, "Read-only file system"), "無法寫入"),
        (OperationalError("database or disk is full"), "磁碟空間不足"),
    ],
    ids=["renderer-disk-full", "renderer-read-only", "database-full"],
)
def test_signing_on_a_full_or_read_only_disk_refuses_and_stays_unsigned(
    client, seed_meeting, chair, monkeypatch, caplog, failure, reason
):
    def fail(*args, **kwargs):
        raise failure

    target = SignedRecord.objects if isinstance(failure, OperationalError) else documents
    monkeypatch.setattr(target, "create" if target is SignedRecord.objects else "render_meeting_pdf", fail)
    client.force_login(chair)
    with caplog.at_level(logging.ERROR, logger="minutes.documents"):
        page = sign(client, seed_meeting).content.decode()
    assert f"簽核沒有完成：{reason}" in page
    seed_meeting.refresh_from_db()
    assert seed_meeting.status == Meeting.Status.DRAFT and seed_meeting.signed_at is None
    assert not SignedRecord.objects.exists()
    assert any(f"meeting {seed_meeting.pk}" in r.getMessage() for r in caplog.records)


def test_another_rendering_error_is_not_passed_off_as_a_disk_fault(client, seed_meeting, chair, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(documents, "render_meeting_pdf", fail)
    client.force_login(chair)
    with pytest.raises(OSError, match="Input/output"):
        sign(client, seed_meeting)
    seed_meeting.refresh_from_db()
    assert seed_meeting.status == Meeting.Status.DRAFT
