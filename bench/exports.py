"""Memory of the exports the worker writes: peak Python allocations (tracemalloc) while writing N tracked items to
a file, for growing N. Bounded memory means the peak stays flat as N grows; the in-request export (tablib, whole
workbook in memory) is measured beside it up to the size a request may build.

Run with `.venv/bin/python bench/exports.py [--rows 2000 10000 40000]`. Uses a throw-away in-memory SQLite
database.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django

django.setup()

from django.core.management import call_command


def make_items(count: int):
    from minutes.models import MeetingSeries, Unit
    from tracking.models import TrackedItem

    series = MeetingSeries.objects.get_or_create(organisation="臺北市政府秘書處", kind="處務")[0]
    unit = Unit.objects.get_or_create(name="文書組")[0]
    TrackedItem.objects.all().delete()
    TrackedItem.objects.bulk_create([
        TrackedItem(series=series, meeting_number=100 + n // 99, sequence=n % 99 + 1,
                    case_number=f"{100 + n // 99}{n % 99 + 1:02d}", subject="請文書組於一月底前將公文系統群組移轉。" * 6)
        for n in range(count)
    ], batch_size=2000)
    TrackedItem.responsible_units.through.objects.bulk_create([
        TrackedItem.responsible_units.through(trackeditem_id=pk, unit_id=unit.pk)
        for pk in TrackedItem.objects.values_list("pk", flat=True)
    ], batch_size=2000)


def reader():
    """The oversight role (研考) reads every office's cases."""
    from django.contrib.auth import get_user_model

    from minutes.models import Membership, Role

    user, created = get_user_model().objects.get_or_create(username="oversight")
    if created:
        Membership.objects.create(user=user, office=None, role=Role.OVERSIGHT)
    return user


def items():
    from tracking.filters import tracked_item_filter

    return tracked_item_filter(reader(), None).qs


def measure(write) -> tuple[float, float]:
    tracemalloc.start()
    started = time.perf_counter()
    write()
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6, elapsed


def main():
    from tracking import exports

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[2000, 10000, 40000])
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print("rows  format  worker file: peak MB, s   in request: peak MB, s")
    for count in args.rows:
        make_items(count)
        for fmt in ("csv", "xlsx", "ods"):
            with tempfile.TemporaryFile() as out:
                written = []
                worker = measure(lambda fmt=fmt, out=out, written=written: written.append(
                    exports.export_items_to_file(items(), fmt, out)))
                assert written == [count], written
            inline = ("", "")
            if count <= 10000:
                peak, seconds = measure(lambda fmt=fmt: exports.export_items(items(), fmt))
                inline = (f"{peak:7.1f}", f"{seconds:5.1f}")
            print(f"{count:6d}  {fmt:5s}  {worker[0]:7.1f} {worker[1]:5.1f}      {inline[0]} {inline[1]}", flush=True)


if __name__ == "__main__":
    main()
