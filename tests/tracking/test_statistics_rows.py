"""The statistics table reconciles with 全部案件: cases without a responsible unit have a row of their own."""

import re

import pytest
from django.urls import reverse

from tracking.models import TrackedItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(make_user, login):
    return login(make_user("reader"))


@pytest.fixture
def mixed(make_item):
    """Two cases with one unit, one with two, and three legacy cases with none."""
    make_item("10801", ["文書組"])
    make_item("10802", ["總務組", "公管中心"], status="continued")
    make_item("10701", ["總務組"], status="closed", closed_at=108)
    for number, status in [("9903", "continued"), ("9904", "continued"), ("10606", "closed")]:
        make_item(number, status=status, closed_at=108 if status == "closed" else None).responsible_units.clear()


def _row(html: str, label: str) -> list[str]:
    rows = [row for row in re.findall(r"<tr[^>]*>.*?</tr>", html, re.DOTALL) if f">{label}<" in row]
    assert len(rows) == 1, label
    return re.findall(r'<td class="num">(\d+)</td>', rows[0])


def test_cases_without_a_responsible_unit_have_a_row_of_their_own(reader, mixed):
    html = reader.get(reverse("tracking:statistics")).content.decode()
    assert _row(html, "未指定主辦單位") == ["0", "2", "1", "3"]


def test_the_unit_rows_add_up_to_all_cases_plus_those_counted_under_two_units(reader, mixed):
    response = reader.get(reverse("tracking:statistics"))
    stats = response.context["stats"]
    rows = [counts for _, counts in stats["unit_rows"]] + [stats["unassigned"]]
    assert sum(sum(counts.values()) for counts in rows) == TrackedItem.objects.count() + 1
    assert stats["repeat_counts"] == 1
    assert "故各列合計比全部案件多 1 件" in response.content.decode()


def test_the_chart_has_a_bar_for_cases_without_a_unit(reader, mixed):
    stats = reader.get(reverse("tracking:statistics")).context["stats"]
    assert stats["unit_chart"][-1] == ("未指定主辦單位", [0, 2, 1])


def test_no_unassigned_row_when_every_case_has_a_unit(reader, make_item):
    make_item("10801", ["文書組"])
    response = reader.get(reverse("tracking:statistics"))
    html = response.content.decode()
    assert response.context["stats"]["unassigned"] is None
    assert "未指定主辦單位" not in html
    assert "各列合計即為全部案件數" in html


def test_a_page_of_legacy_cases_only_still_shows_the_table(reader, make_item):
    make_item("9903", status="continued").responsible_units.clear()
    html = reader.get(reverse("tracking:statistics")).content.decode()
    assert "尚無列管案件" not in html
    assert _row(html, "未指定主辦單位") == ["0", "1", "0", "1"]
