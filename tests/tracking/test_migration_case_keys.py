"""The migration to numbers kept as written fills the key of every existing case, and its history, from its number,
and gives every series this app's own scheme."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("minutes", "0007_offices"), ("tracking", "0004_review_corrections")]


def migrated_to(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_cases_get_their_keys_and_their_series_the_default_scheme():
    apps = migrated_to(BEFORE)
    Office = apps.get_model("minutes", "Office")
    series = apps.get_model("minutes", "MeetingSeries").objects.create(
        office=Office.objects.create(name="臺北市政府秘書處"), organisation="臺北市政府秘書處", kind="處務"
    )
    TrackedItem = apps.get_model("tracking", "TrackedItem")
    History = apps.get_model("tracking", "HistoricalTrackedItem")
    for number, meeting, sequence in (("10801", 108, 1), ("9903", 99, 3)):
        item = TrackedItem.objects.create(series=series, case_number=number, meeting_number=meeting, sequence=sequence)
        History.objects.create(id=item.pk, series=series, case_number=number, meeting_number=meeting,
                               sequence=sequence, status="open", history_type="+", history_date="2022-01-20T10:00Z",
                               created_at="2022-01-20T10:00Z")

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    apps = migrated_to(latest)
    items = apps.get_model("tracking", "TrackedItem").objects.order_by("case_key")
    assert [(i.case_number, i.case_key) for i in items] == [("10801", "10801"), ("9903", "9903")]
    history = apps.get_model("tracking", "HistoricalTrackedItem").objects.order_by("case_key")
    assert [h.case_key for h in history] == ["10801", "9903"]
    migrated = apps.get_model("minutes", "MeetingSeries").objects.get(pk=series.pk)
    assert (migrated.case_scheme, migrated.case_prefix) == ("meeting", "")


@pytest.mark.django_db(transaction=True)
def test_two_spellings_of_one_case_in_a_series_are_refused_by_the_database_after_the_migration():
    from django.db import IntegrityError

    from minutes.models import MeetingSeries, Office
    from tracking.models import TrackedItem

    migrated_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
    series = MeetingSeries.objects.create(office=Office.objects.create(name="某局"), organisation="某局", kind="局務")
    TrackedItem.objects.create(series=series, case_number="113-01", meeting_number=5, sequence=1)
    with pytest.raises(IntegrityError):
        TrackedItem.objects.create(series=series, case_number="11301", meeting_number=113, sequence=1)
