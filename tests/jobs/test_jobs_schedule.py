"""The schedule the worker keeps (celery beat inside the worker): the daily reminders, the audit purge and the
expiry of files, each a task that runs the same service the commands run."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from audit.models import Event
from config import celery_app
from jobs import tasks
from jobs.models import Job

pytestmark = pytest.mark.django_db


def test_the_schedule_names_tasks_the_worker_has():
    celery_app.loader.import_default_modules()
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert names == {"jobs.tasks.send_reminders", "jobs.tasks.purge_audit", "jobs.tasks.expire_files"}
    assert names <= set(celery_app.tasks)


def test_the_reminders_go_out_once_a_day_at_eight_taipei_time():
    schedule = settings.CELERY_BEAT_SCHEDULE["daily-reminders"]["schedule"]
    assert schedule.hour == {8} and schedule.minute == {0}
    assert celery_app.conf.timezone == "Asia/Taipei"


def test_tasks_are_acknowledged_when_done_and_requeued_when_their_worker_dies():
    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.task_reject_on_worker_lost is True
    assert celery_app.conf.worker_prefetch_multiplier == 1


def test_the_reminder_task_sends_and_a_second_run_sends_nothing(settings):
    from minutes.models import Meeting, MeetingSeries, Unit
    from tracking.models import TrackedItem

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    series = MeetingSeries.objects.create(organisation="臺北市政府秘書處", kind="處務")
    Meeting.objects.create(series=series, number=108, starts_at=timezone.now() - dt.timedelta(days=30))
    unit = Unit.objects.create(name="文書組", email="wenshu@example.gov.tw")
    item = TrackedItem.objects.create(series=series, meeting_number=108, sequence=1,
                                      due_date=timezone.localdate() - dt.timedelta(days=1))
    item.responsible_units.set([unit])
    assert tasks.send_reminders.delay().get() == {"sent": 1, "already_sent": 0, "no_address": 0, "failed": 0}
    assert tasks.send_reminders.delay().get()["already_sent"] == 1
    assert len(mail.outbox) == 1


def test_the_purge_task_deletes_what_is_past_its_retention(settings):
    from audit.actions import Action

    Event.objects.create(at=timezone.now() - dt.timedelta(days=366 * settings.AUDIT_RETENTION_YEARS + 2),
                         action=Action.LOGIN, username="old")
    assert tasks.purge_audit.delay().get() == 1
    assert not Event.objects.filter(username="old").exists()


def test_the_expiry_task_removes_files_past_their_keeping_time(files_dir, recorder):
    files_dir.mkdir(parents=True)
    (files_dir / "job-old.csv").write_text("x")
    (files_dir / "job-new.csv").write_text("y")
    now = timezone.now()
    old = Job.objects.create(kind=Job.Kind.EXPORT, requested_by=recorder, title="old", status=Job.Status.DONE,
                             path="job-old.csv", expires_at=now - dt.timedelta(minutes=1))
    new = Job.objects.create(kind=Job.Kind.EXPORT, requested_by=recorder, title="new", status=Job.Status.DONE,
                             path="job-new.csv", expires_at=now + dt.timedelta(days=1))
    assert tasks.expire_files.delay().get() == 1
    assert not Job.objects.filter(pk=old.pk).exists() and Job.objects.filter(pk=new.pk).exists()
    assert [p.name for p in files_dir.iterdir()] == ["job-new.csv"]


def test_an_expired_file_is_no_longer_downloadable(client, files_dir, recorder):
    files_dir.mkdir(parents=True)
    (files_dir / "job-1.csv").write_text("x")
    job = Job.objects.create(kind=Job.Kind.EXPORT, requested_by=recorder, title="t", status=Job.Status.DONE,
                             path="job-1.csv", file_name="a.csv", expires_at=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(recorder)
    assert client.get(job.get_download_url()).status_code == 404
