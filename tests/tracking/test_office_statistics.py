"""Cross-office statistics (研考): open, overdue and ageing cases per office and unit, scoped, with a period and CSV."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from minutes.models import Meeting, MeetingSeries, Office, Role, Unit
from tracking import selectors
from tracking.models import TrackedItem

pytestmark = pytest.mark.django_db

URL = reverse("tracking:office-statistics")
TODAY = selectors.local_today()


def _opened(office, days_ago, *, units=(), due_in=None, status="open"):
    """A case of the office, opened at a meeting `days_ago` days ago (one meeting per day of the series)."""
    series, _ = MeetingSeries.objects.get_or_create(office=office, organisation=office.name, kind="局務")
    number = 1000 - days_ago
    Meeting.objects.get_or_create(series=series, number=number, defaults={
        "starts_at": timezone.make_aware(dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(10)))})
    sequence = TrackedItem.objects.filter(series=series, meeting_number=number).count() + 1
    item = TrackedItem.objects.create(
        series=series, meeting_number=number, sequence=sequence, status=status, subject="案件",
        due_date=None if due_in is None else TODAY + dt.timedelta(days=due_in),
        closed_meeting_number=number + 1 if status == "closed" else None,
    )
    item.responsible_units.set(units)
    return item


@pytest.fixture
def city(db):
    a = Office.objects.create(name="臺北市政府秘書處", order=1)
    b = Office.objects.create(name="臺北市政府資訊局", order=2)
    a_unit = Unit.objects.create(office=a, name="文書組")
    a_other = Unit.objects.create(office=a, name="總務組")
    b_unit = Unit.objects.create(office=b, name="文書組")
    _opened(a, 10, units=[a_unit], due_in=-1)  # 0–3 months, overdue
    _opened(a, 120, units=[a_unit, a_other], due_in=30)  # 3–6 months
    _opened(a, 250, units=[a_other])  # 6–12 months
    _opened(a, 400, due_in=-100)  # over 12 months, overdue, no unit
    _opened(a, 20, units=[a_unit], status="closed", due_in=-5)  # closed: counts nowhere
    _opened(b, 5, units=[b_unit])
    _opened(b, 500, units=[b_unit], due_in=-3, status="continued")
    return {"a": a, "b": b, "a_unit": a_unit, "a_other": a_other, "b_unit": b_unit}


def _figures(rows):
    return {(r.office.name, r.unit.name if r.unit else None): (r.active, r.overdue, r.bands) for r in rows}


def test_oversight_sees_every_office_with_its_open_overdue_and_ageing_cases(city, make_user, login):
    stats = login(make_user("kao", Role.OVERSIGHT)).get(URL).context["stats"]
    assert _figures(stats.offices) == {
        ("臺北市政府秘書處", None): (4, 2, [1, 1, 1, 1]),
        ("臺北市政府資訊局", None): (2, 1, [1, 0, 0, 1]),
    }
    assert _figures(stats.units) == {
        ("臺北市政府秘書處", "文書組"): (2, 1, [1, 1, 0, 0]),
        ("臺北市政府秘書處", "總務組"): (2, 0, [0, 1, 1, 0]),
        ("臺北市政府資訊局", "文書組"): (2, 1, [1, 0, 0, 1]),
    }
    assert (stats.totals.active, stats.totals.overdue, stats.totals.bands) == (6, 3, [2, 1, 1, 2])


@pytest.mark.parametrize("role", [Role.CHIEF, Role.RECORDER, Role.MEMBER])
def test_a_person_of_office_a_never_sees_office_bs_numbers(city, make_user, login, role):
    person = make_user("a_person", role, "文書組" if role == Role.CHIEF else None, office=city["a"])
    client = login(person)
    response = client.get(URL)
    offices = {r.office.name for r in response.context["stats"].offices + response.context["stats"].units}
    assert offices == {"臺北市政府秘書處"}
    assert "臺北市政府資訊局" not in response.content.decode()
    exported = client.get(reverse("tracking:office-statistics-export")).content.decode("utf-8-sig")
    assert "臺北市政府資訊局" not in exported and "臺北市政府秘書處" in exported


def test_a_person_without_an_office_sees_no_numbers(city, django_user_model, login):
    stats = login(django_user_model.objects.create_user("nobody")).get(URL).context["stats"]
    assert stats.offices == [] and stats.totals.active == 0


def test_the_period_counts_only_the_cases_opened_in_it(city, make_user, login):
    start = TODAY - dt.timedelta(days=130)
    end = TODAY - dt.timedelta(days=8)
    query = {"opened_from": start.isoformat(), "opened_to": f"{end.year - 1911}/{end.month}/{end.day}"}
    stats = login(make_user("kao", Role.OVERSIGHT)).get(URL, query).context["stats"]
    assert _figures(stats.offices) == {("臺北市政府秘書處", None): (2, 1, [1, 1, 0, 0])}


def test_a_reversed_period_says_why_in_chinese(city, make_user, login):
    response = login(make_user("kao", Role.OVERSIGHT)).get(URL, {"opened_from": "113/5/1", "opened_to": "113/4/1"})
    assert "列管日期的迄不能早於起。" in response.content.decode()


def test_the_export_holds_the_office_and_unit_rows_and_the_total(city, make_user, login):
    response = login(make_user("kao", Role.OVERSIGHT)).get(reverse("tracking:office-statistics-export"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="office-statistics-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["機關", "組室", "列管中", "已逾期", "未滿 3 個月", "3 至 6 個月", "6 至 12 個月", "12 個月以上"]
    assert rows[1] == ["臺北市政府秘書處", "（全機關）", "4", "2", "1", "1", "1", "1"]
    assert ["臺北市政府秘書處", "總務組", "2", "0", "0", "1", "1", "0"] in rows
    assert rows[-1] == ["合計", "", "6", "3", "2", "1", "1", "2"]


def test_the_page_draws_one_bar_per_office_with_its_figures_in_words(city, make_user, login):
    body = login(make_user("kao", Role.OVERSIGHT)).get(URL).content.decode()
    assert body.count('<span class="age-bar"') == 2
    assert "列管中 4 件，逾期 2 件" in body
    assert reverse("tracking:office-statistics") in login(make_user("x", Role.OVERSIGHT)).get(
        reverse("tracking:statistics")).content.decode()


def test_the_statistics_are_in_the_top_navigation(city, make_user, login):
    body = login(make_user("kao", Role.OVERSIGHT)).get("/").content.decode()
    nav = body[body.index('<nav class="main-nav">'):body.index("</nav>", body.index('<nav class="main-nav">'))]
    assert reverse("tracking:statistics") in nav


def test_the_page_reads_the_same_number_of_queries_for_two_offices_or_five(
    city, make_user, login, django_assert_max_num_queries
):
    client = login(make_user("kao", Role.OVERSIGHT))
    with django_assert_max_num_queries(9) as few:
        client.get(URL)
    for n in range(3):
        office = Office.objects.create(name=f"測試局{n}")
        _opened(office, 40 * n, units=[Unit.objects.create(office=office, name="文書組")])
    with django_assert_max_num_queries(len(few)):
        stats = client.get(URL).context["stats"]
    assert len(stats.offices) == 5
