"""Migration 0005 numbers the items of existing meetings 1..n, as the pages showed them before."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone


@pytest.mark.django_db(transaction=True)
def test_items_left_with_gaps_by_the_editor_are_numbered_as_they_were_shown() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("minutes", "0004_report_label")])
    apps = executor.loader.project_state([("minutes", "0004_report_label")]).apps
    series = apps.get_model("minutes", "MeetingSeries").objects.create(organisation="某局", kind="局務")
    meeting = apps.get_model("minutes", "Meeting").objects.create(
        series=series, number=1, starts_at=timezone.make_aware(dt.datetime(2024, 1, 2, 9))
    )
    section = apps.get_model("minutes", "Section").objects.create(meeting=meeting, number=1, order=1, title="報告事項")
    AgendaItem = apps.get_model("minutes", "AgendaItem")
    for order, title in ((1, "甲"), (3, "乙"), (7, "丙")):
        AgendaItem.objects.create(section=section, order=order, title=title)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    apps = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    items = apps.get_model("minutes", "AgendaItem").objects.filter(section_id=section.pk).order_by("order")
    assert [(item.order, item.title) for item in items] == [(1, "甲"), (2, "乙"), (3, "丙")]
