"""Median server time and query count of the main pages on a bulk database (bench/perf_dataset.py or generate_city).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mt_perf python bench/perf_pages.py --rounds 7

Times are measured in-process with Django's test client (no network), pages interleaved round by round.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from minutes.models import Membership, Office, Role, Unit


def user(username: str, **memberships):
    person, _ = get_user_model().objects.get_or_create(username=username)
    return person


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    office = Office.objects.order_by("pk").first()
    unit = Unit.objects.filter(office=office).order_by("pk").first()
    oversight = user("perf-oversight")
    Membership.objects.get_or_create(user=oversight, role=Role.OVERSIGHT, office=None)
    recorder = user("perf-recorder")
    Membership.objects.get_or_create(user=recorder, role=Role.RECORDER, office=office)
    chief = user("perf-chief")
    Membership.objects.get_or_create(user=chief, role=Role.CHIEF, office=office, unit=unit)
    pages = [
        ("meeting list", oversight, "/meetings/"),
        ("meeting list, keyword 採購", oversight, "/meetings/?q=採購"),
        ("/tracking/", oversight, "/tracking/"),
        ("/tracking/, keyword 採購", oversight, "/tracking/?q=採購"),
        ("/tracking/, keyword 資訊安全稽核", oversight, "/tracking/?q=資訊安全稽核"),
        ("unit dashboard", chief, f"/tracking/units/{unit.pk}/"),
        ("statistics (oversight)", oversight, "/tracking/statistics/"),
        ("statistics (one office)", recorder, "/tracking/statistics/"),
        ("recorder's home", recorder, "/"),
        ("CSV export of one unit", oversight, f"/tracking/export.csv?unit={unit.pk}"),
    ]
    if args.only:
        pages = [p for p in pages if args.only in p[0]]
    clients = {}
    for _, person, _ in pages:
        if person.pk not in clients:
            clients[person.pk] = Client()
            clients[person.pk].force_login(person)
    times: dict[str, list[float]] = {name: [] for name, _, _ in pages}
    queries: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, person, url in pages:
            client = clients[person.pk]
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                if response.streaming:
                    for _chunk in response.streaming_content:
                        pass
                times[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (name, response.status_code)
            queries[name] = len(captured)
    print("| page | median ms | max ms | queries |")
    print("|---|---|---|---|")
    for name, _, _ in pages:
        print(f"| {name} | {statistics.median(times[name]):,.0f} | {max(times[name]):,.0f} | {queries[name]} |")


if __name__ == "__main__":
    main()
