"""Migration 0007 moves a one-office database (as the demo of before offices held it) into one office."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("minutes", "0006_signed_record_versions"), ("tracking", "0004_review_corrections")]


def state(executor, targets):
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_one_office_database_moves_into_one_office_with_its_people_units_and_cases():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = state(executor, BEFORE)
    User = apps.get_model("auth", "User")
    Series = apps.get_model("minutes", "MeetingSeries")
    Unit = apps.get_model("minutes", "Unit")
    Profile = apps.get_model("minutes", "Profile")
    Meeting = apps.get_model("minutes", "Meeting")
    TrackedItem = apps.get_model("tracking", "TrackedItem")
    # The demo of before: the secretariat's series, its units, its four people, meeting 108 and case 10801.
    series = Series.objects.create(organisation="臺北市政府秘書處", kind="處務")
    units = {name: Unit.objects.create(name=name, order=i) for i, name in enumerate(["文書組", "總務組"], 1)}
    people = {
        "recorder": ("recorder", None, "秘書"), "chair": ("chair", None, "處長"),
        "wenshu": ("chief", units["文書組"], "組長"), "zongwu": ("chief", units["總務組"], "組長"),
    }
    for username, (role, unit, title) in people.items():
        Profile.objects.create(user=User.objects.create(username=username), role=role, unit=unit, title=title)
    meeting = Meeting.objects.create(series=series, number=108, starts_at=timezone.make_aware(dt.datetime(2022, 1, 20, 10)))
    TrackedItem.objects.create(series=series, case_number="10801", meeting_number=108, sequence=1, subject="移轉群組")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(latest)
    apps = state(executor, latest)
    Office = apps.get_model("minutes", "Office")
    Membership = apps.get_model("minutes", "Membership")
    office = Office.objects.get()
    assert office.name == "臺北市政府秘書處" and not office.shares_signed
    assert apps.get_model("minutes", "MeetingSeries").objects.get(pk=series.pk).office_id == office.pk
    assert set(apps.get_model("minutes", "Unit").objects.values_list("office_id", flat=True)) == {office.pk}
    roles = {(m.user.username, m.office_id, m.role, m.unit_id, m.title)
             for m in Membership.objects.select_related("user")}
    assert roles == {(name, office.pk, role, unit.pk if unit else None, title)
                     for name, (role, unit, title) in people.items()}
    item = apps.get_model("tracking", "TrackedItem").objects.get(case_number="10801")
    assert item.series.office_id == office.pk and apps.get_model("minutes", "Meeting").objects.get(
        pk=meeting.pk).series.office_id == office.pk


@pytest.mark.django_db(transaction=True)
def test_an_empty_database_gets_no_office_until_one_is_needed():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(latest)
    assert not state(executor, latest).get_model("minutes", "Office").objects.exists()
