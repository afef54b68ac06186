"""Case numbers under contention: recorders marking conclusions at the same moment never share a number."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from minutes.models import Conclusion, Meeting, MeetingSeries, Section, Unit
from tracking import lifecycle
from tracking.models import CaseCounter, TrackedItem

THREADS = 8
PER_THREAD = 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_threads_marking_conclusions_at_once_never_get_the_same_case_number():
    assert connection.vendor == "postgresql"
    series = MeetingSeries.objects.create(organisation="臺北市政府秘書處", kind="處務")
    meeting = Meeting.objects.create(series=series, number=108, starts_at=timezone.now())
    section = Section.objects.create(meeting=meeting, number=3, order=1, title="報告事項")
    conclusions = Conclusion.objects.bulk_create(
        Conclusion(section=section, order=n, text=f"請文書組辦理第 {n} 案。") for n in range(THREADS * PER_THREAD)
    )
    unit = Unit.objects.create(name="文書組")
    # No counter row yet: the threads also race to create it.
    assert not CaseCounter.objects.exists()

    barrier = threading.Barrier(THREADS)
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def mark(batch):
        try:
            barrier.wait(timeout=30)
            for conclusion in batch:
                item = lifecycle.case_open(conclusion=conclusion, units=[unit])
                with lock:
                    numbers.append(item.case_number)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=mark, args=(conclusions[i::THREADS],)) for i in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    total = THREADS * PER_THREAD
    assert len(numbers) == total
    assert len(set(numbers)) == total
    assert sorted(numbers) == [f"108{n:02d}" for n in range(1, total + 1)]
    assert TrackedItem.objects.count() == total
    assert CaseCounter.objects.get(series=series, meeting_number=108).last_sequence == total
