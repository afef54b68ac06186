"""A worker killed (SIGKILL) in the middle of a task: the task runs again on the next worker and finishes, and no
reminder goes out twice. Real `celery worker` processes against Redis (database 3, a queue and key prefix of the
test's own, so that runs at once never mix) and the test's PostgreSQL database; each test ends within TEST_BOUND (55) seconds, passed or failed.

The whole worker killed (the machine lost) hands nothing back: Redis gives its unacknowledged task to the next
worker once the visibility timeout has passed (a hundredth of a minute here, an hour in production). Only the
pool process killed (out of memory): the worker itself puts the task back (reject_on_worker_lost)."""

import csv
import datetime as dt
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.db import connection
from django.utils import timezone

from jobs.models import Job
from minutes.models import Meeting, MeetingSeries, Role, SignedRecord, Unit
from tracking.models import ReminderDelivery, TrackedItem

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/3")
VISIBILITY_TIMEOUT = 2

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


# The whole of a test, workers' start-ups included, ends within this many seconds, passed or failed.
TEST_BOUND = 55


def wait_until(condition, *, seconds: float, what: str, workers=None):
    deadline = time.monotonic() + seconds
    if workers is not None:
        deadline = min(deadline, workers.deadline)
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.02)
    log = workers.log() if workers else ""
    raise AssertionError(f"not within {seconds} s: {what}\n--- worker log ---\n{log[-4000:]}")


class Workers:
    """Worker processes of one test, each in a process group of its own, and a publisher onto their queue."""

    def __init__(self, tmp_path: Path):
        self.name = f"mt-fault-{uuid.uuid4().hex[:12]}"
        self.deadline = time.monotonic() + TEST_BOUND
        self.files = tmp_path / "jobs"
        self.mail = tmp_path / "mail"
        self.files.mkdir()
        self.mail.mkdir()
        self.log_path = tmp_path / "worker.log"
        self.processes: list[subprocess.Popen] = []
        self.publisher = Celery("fault-test", broker=BROKER, set_as_current=False)
        self.publisher.conf.broker_transport_options = {"global_keyprefix": f"{self.name}:"}

    def environment(self) -> dict:
        db = connection.settings_dict
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        return {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
            "DEBUG": "1", "LOG_FORMAT": "plain", "LOG_LEVEL": "INFO", "CELERY_TASK_ALWAYS_EAGER": "0",
            "CELERY_BROKER_URL": BROKER, "CELERY_QUEUE": self.name, "CELERY_KEY_PREFIX": f"{self.name}:",
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "CELERY_RESTORE_INTERVAL": "1", "CELERY_RESTORE_THROTTLE": "1",
            "JOBS_FILES_DIR": str(self.files), "EMAIL_FILE_PATH": str(self.mail),
            "EMAIL_BACKEND": "tests.jobs.slowmail.EmailBackend", "SLOW_MAIL_SECONDS": "1.5",
            "PYTHONPATH": str(ROOT),
        }

    def start(self) -> subprocess.Popen:
        log = open(self.log_path, "ab")  # noqa: SIM115 (the worker process owns it)
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", self.name, "--concurrency", "1",
             "-n", f"{self.name}-{len(self.processes)}@%h", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "--loglevel", "INFO"],
            cwd=ROOT, env=self.environment(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        log.close()
        self.processes.append(process)
        return process

    def send(self, task: str, *args) -> None:
        self.publisher.send_task(task, args=args, queue=self.name)

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL the worker and its pool at once, as a lost machine: nothing is handed back."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def kill_pool_process(self, process: subprocess.Popen) -> None:
        """SIGKILL the pool process running the task; the worker itself lives on."""
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        assert children, "the worker has no pool process"
        for child in children:
            os.kill(int(child), signal.SIGKILL)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait(timeout=10)
        self.publisher.close()
        client = redis.Redis.from_url(BROKER)
        keys = list(client.scan_iter(match=f"{self.name}*"))
        if keys:
            client.delete(*keys)


@pytest.fixture
def workers(tmp_path):
    found = Workers(tmp_path)
    yield found
    found.close()


@pytest.fixture
def series(db):
    return MeetingSeries.objects.create(organisation="臺北市政府秘書處", kind="處務")


def test_a_zip_killed_half_way_is_built_again_by_the_next_worker(workers, series, chair, make_user):
    """Twenty signed meetings of 3 MB each: long enough for the kill to land in the middle of the ZIP."""
    start = timezone.make_aware(dt.datetime(2026, 1, 8, 10, 0))
    for number in range(1, 21):
        meeting = Meeting.objects.create(series=series, number=number, starts_at=start + dt.timedelta(weeks=number),
                                         status=Meeting.Status.SIGNED, signed_by=chair, signed_at=start)
        pdf = b"%PDF-1.7\n" + os.urandom(3 * 1024 * 1024)
        SignedRecord.objects.create(meeting=meeting, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest())
    member = make_user("member", Role.MEMBER)
    job = Job.objects.create(kind=Job.Kind.MINUTES_ZIP, requested_by=member, title="115 年",
                             params={"series": series.pk, "year": 2026})
    workers.send("jobs.tasks.build_file", job.pk)
    first = workers.start()
    wait_until(lambda: list(workers.files.glob("*.part")), seconds=40, what="the first worker starts the ZIP",
               workers=workers)
    workers.kill(first)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.RUNNING, 1)  # killed in the middle

    workers.start()
    wait_until(lambda: Job.objects.get(pk=job.pk).status == Job.Status.DONE, seconds=45,
               what="the next worker builds the ZIP", workers=workers)
    job.refresh_from_db()
    assert job.attempts == 2
    archive = zipfile.ZipFile(workers.files / job.path)
    assert archive.testzip() is None
    rows = list(csv.DictReader(io.StringIO(archive.read("索引.csv").decode("utf-8-sig"))))
    assert len(rows) == 20
    stored = dict(SignedRecord.objects.values_list("meeting__number", "sha256"))
    for row in rows:
        assert hashlib.sha256(archive.read(row["檔名"])).hexdigest() == row["SHA-256"] == stored[int(row["會次"])]
    assert [p.suffix for p in workers.files.iterdir()] == [".zip"]  # the killed attempt's part file is gone


def test_an_export_whose_pool_process_is_killed_runs_again_on_the_same_worker(workers, series, make_user):
    unit = Unit.objects.create(name="文書組")
    TrackedItem.objects.bulk_create([
        TrackedItem(series=series, meeting_number=m, sequence=s, case_number=f"{m}{s:02d}", subject="案由 " * 40)
        for m in range(100, 200) for s in range(1, 51)
    ])
    TrackedItem.responsible_units.through.objects.bulk_create([
        TrackedItem.responsible_units.through(trackeditem_id=pk, unit_id=unit.pk)
        for pk in TrackedItem.objects.values_list("pk", flat=True)
    ])
    recorder = make_user("recorder", Role.RECORDER)
    job = Job.objects.create(kind=Job.Kind.EXPORT, requested_by=recorder, title="5000 筆",
                             params={"query": "", "fmt": "csv"})
    workers.send("jobs.tasks.build_file", job.pk)
    worker = workers.start()
    wait_until(lambda: list(workers.files.glob("*.part")), seconds=40, what="the worker starts the export",
               workers=workers)
    workers.kill_pool_process(worker)
    wait_until(lambda: Job.objects.get(pk=job.pk).status == Job.Status.DONE, seconds=45,
               what="the export runs again and finishes", workers=workers)
    job.refresh_from_db()
    assert job.attempts == 2 and worker.poll() is None
    rows = list(csv.reader(io.StringIO((workers.files / job.path).read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1 + 5000


def test_reminders_killed_half_way_send_the_rest_and_none_twice(workers, series):
    Meeting.objects.create(series=series, number=108, starts_at=timezone.now() - dt.timedelta(days=30))
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    addresses = []
    for n in range(1, 5):
        unit = Unit.objects.create(name=f"第{n}組", email=f"unit{n}@example.gov.tw", order=n)
        item = TrackedItem.objects.create(series=series, meeting_number=108, sequence=n, due_date=yesterday)
        item.responsible_units.set([unit])
        addresses.append(unit.email)
    workers.send("jobs.tasks.send_reminders")
    first = workers.start()
    # Killed once the first e-mail is sent and claimed, while the second is on its way (1.5 s): not in the instant
    # between a mail server's acceptance and the commit, which the README names as the one window left.
    wait_until(lambda: ReminderDelivery.objects.exists(), seconds=40, what="the first reminder goes out",
               workers=workers)
    workers.kill(first)
    sent_before = {p.name.split("-")[0] for p in workers.mail.iterdir()}
    assert 1 <= len(sent_before) < 4  # killed in the middle
    assert ReminderDelivery.objects.count() == len(sent_before)

    workers.start()
    wait_until(lambda: ReminderDelivery.objects.count() == 4, seconds=45, what="the rest go out", workers=workers)
    sent = sorted(p.name.split("-")[0] for p in workers.mail.iterdir())
    assert sent == sorted(addresses)  # each address once: nothing twice, nothing missing
