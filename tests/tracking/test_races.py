"""Races end in one success and clear refusals, never a server error or a lost write (real threads, PostgreSQL)."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from minutes import services
from minutes.errors import MeetingError
from minutes.models import Conclusion, Meeting, MeetingSeries, SignedRecord, Unit
from minutes.reader import parse_minutes
from tracking import lifecycle
from tracking.models import TrackedItem

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
WHEN = timezone.make_aware(dt.datetime(2022, 2, 17, 10, 0))


def at_once(*calls):
    """Runs each call in its own thread, released together; returns (results, errors) in call order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except BaseException as error:  # noqa: BLE001 - returned to the test, which asserts what it is
            errors[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_the_same_conclusion_tracked_by_seven_requests_at_once_gets_one_case_and_six_refusals(seed_meeting):
    assert connection.vendor == "postgresql"
    conclusion = Conclusion.objects.get(section__meeting=seed_meeting, text__startswith="請文書組於一月底前")
    unit = Unit.objects.get_or_create(name="文書組")[0]
    results, errors = at_once(*[lambda: lifecycle.case_open(conclusion=conclusion, units=[unit])] * 7)
    assert sum(r is not None for r in results) == 1
    refusals = [e for e in errors if e is not None]
    assert len(refusals) == 6 and all(isinstance(e, lifecycle.TrackingError) for e in refusals)
    assert all("已經列管，列管案號 10801" in str(e) for e in refusals)
    assert TrackedItem.objects.filter(conclusion=conclusion).count() == 1


def test_signing_while_a_case_is_opened_never_leaves_a_case_out_of_the_stored_pdf(seed_meeting, chair):
    conclusion = Conclusion.objects.get(section__meeting=seed_meeting, text__startswith="請國際事務組")
    unit = Unit.objects.get_or_create(name="國際事務組")[0]
    _, errors = at_once(
        lambda: services.meeting_sign(Meeting.objects.get(pk=seed_meeting.pk), chair),
        lambda: lifecycle.case_open(conclusion=conclusion, units=[unit]),
    )
    assert errors[0] is None  # the chair's signature always goes through
    stored = SignedRecord.objects.get(meeting=seed_meeting)
    item = TrackedItem.objects.filter(conclusion=conclusion).first()
    if errors[1] is None:
        # Opened first: the case is in the meeting the chair then signed, and in its document.
        assert item is not None
        assert "10801" in _pdf_text(bytes(stored.pdf))
    else:
        # Signed first: the case is refused, with the reason, and nothing was created.
        assert isinstance(errors[1], lifecycle.TrackingError) and "已簽核" in str(errors[1])
        assert item is None


def _pdf_text(pdf: bytes) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_two_identical_imports_at_once_make_one_meeting_and_one_clear_refusal(seed_text):
    parsed = parse_minutes(seed_text)
    results, errors = at_once(lambda: services.record_import(parsed), lambda: services.record_import(parsed))
    assert sum(r is not None for r in results) == 1
    refusal = next(e for e in errors if e is not None)
    assert isinstance(refusal, services.MeetingExistsError) and "已存在" in str(refusal)
    assert Meeting.objects.count() == 1


def test_two_identical_new_meetings_at_once_make_one_meeting_and_one_clear_refusal(recorder):
    series = MeetingSeries.objects.create(organisation="臺北市政府秘書處", kind="處務")

    def create():
        return services.meeting_create(user=recorder, series=series, number=109, starts_at=WHEN)

    results, errors = at_once(create, create)
    assert sum(r is not None for r in results) == 1
    refusal = next(e for e in errors if e is not None)
    assert isinstance(refusal, MeetingError) and "第 109 次會議已經存在" in str(refusal)
    assert Meeting.objects.filter(series=series, number=109).count() == 1
