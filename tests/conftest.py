"""Shared fixtures: users in each role, and the 108th meeting imported from its text."""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from config import celery_app
from minutes.models import Membership, Office, Role, Unit, sole_office_id
from minutes.reader import parse_minutes

# Tasks run in the test's own process, at the moment they are queued (after the commit). Only the fault tests of
# tests/jobs/test_worker_faults.py queue to Redis, for a real worker.
celery_app.conf.task_always_eager = True

SEED_PATH = Path(__file__).resolve().parents[1] / "minutes" / "fixtures" / "minutes-108.txt"


def pytest_collection_modifyitems(config, items):
    """Tests marked postgres prove what only PostgreSQL can (row locks across connections, pg_dump): on SQLite they
    are deselected, never skipped; on PostgreSQL they run. CI runs the suite on both."""
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    # Mounting a tmpfs (a real full disk) needs root: the test runs wherever the suite runs as root (this machine).
    may_mount = hasattr(os, "geteuid") and os.geteuid() == 0
    kept, dropped = [], []
    for item in items:
        cannot = (item.get_closest_marker("postgres") and not on_postgres) or (
            item.get_closest_marker("mounts") and not may_mount
        )
        (dropped if cannot else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture
def seed_meeting(db, seed_text):
    from minutes.services import record_import

    return record_import(parse_minutes(seed_text))


def _usual_office() -> Office:
    """The office a test means when it names none: the install's one office, or the seed's secretariat in an
    install with several (the demo's)."""
    secretariat = Office.objects.filter(name="臺北市政府秘書處").first()
    return secretariat or Office.objects.get(pk=sole_office_id())  # one office: the install's own


@pytest.fixture
def make_user(db):
    """A person with one role in an office (the install's one office unless named; none for the oversight role)."""

    def make(username, role=Role.MEMBER, unit_name=None, office=None, **extra):
        user = get_user_model().objects.create_user(username=username, password="pw-" + username, **extra)
        if role == Role.OVERSIGHT:
            office = None
        else:
            office = office or _usual_office()
        unit = Unit.objects.get_or_create(office=office, name=unit_name)[0] if unit_name else None
        Membership.objects.create(user=user, office=office, role=role, unit=unit)
        return user

    return make


@pytest.fixture
def recorder(make_user):
    return make_user("recorder", Role.RECORDER, first_name="葉霆怡")


@pytest.fixture
def chair(make_user):
    return make_user("chair", Role.CHAIR, first_name="陳志銘")


@pytest.fixture
def chief_wenshu(make_user):
    return make_user("wenshu", Role.CHIEF, "文書組")


@pytest.fixture
def chief_zongwu(make_user):
    return make_user("zongwu", Role.CHIEF, "總務組")


@pytest.fixture(scope="session")
def live_server(django_db_setup, django_db_blocker, live_server):
    """pytest-django's live server; afterwards, sessions its request threads left open are ended.

    Those daemon threads may still hold a PostgreSQL connection when the test database is dropped,
    which would otherwise fail the drop with "being accessed by other users".
    """
    yield live_server
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def make_staff(user):
    """A recorder as the demo sets them up: staff, with every permission of the two apps (the admin still shows only
    their own office's rows)."""
    from django.contrib.auth.models import Permission

    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["minutes", "tracking"]))
    return user


@pytest.fixture
def staff(client, recorder):
    """A client logged in as the recorder with the admin."""
    client.force_login(make_staff(recorder))
    return client


@pytest.fixture
def files_dir(settings, tmp_path):
    """A directory of the test's own for the files the worker builds (我的檔案)."""
    settings.JOBS_FILES_DIR = tmp_path / "jobs"
    return settings.JOBS_FILES_DIR


@pytest.fixture
def queued(django_capture_on_commit_callbacks):
    """Run what a request queues after its commit, as the worker would (tasks are eager in tests)."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run
