"""The item page and its timeline, the unit dashboard, the home page per role and the statistics page."""

import datetime as dt

import pytest
from django.urls import reverse

from minutes.models import Unit
from tests.helpers import case_url
from tracking import lifecycle
from tracking.models import ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(make_user, login):
    return login(make_user("reader"))


@pytest.fixture
def opened(seed_meeting, recorder, conclusion_of, units):
    return lifecycle.case_open(
        conclusion=conclusion_of("請文書組於一月底前"), units=[units["文書組"]], supporting_units=[units["總務組"]],
        due_date=dt.date(2022, 1, 31), user=recorder,
    )


def test_the_item_page_shows_subject_origin_units_and_due_date(reader, opened, seed_meeting):
    response = reader.get(case_url("10801"))
    body = response.content.decode()
    assert "請文書組於一月底前將本處群組由Line移轉至TAIPEION即時通。" in body
    assert f'href="{seed_meeting.get_absolute_url()}#item-' in body
    assert "臺北市政府秘書處第 108 次處務會議紀錄" in body
    assert "111 年 1 月 31 日" in body
    assert ">文書組</a>" in body and "總務組" in body


def test_the_timeline_lists_opening_progress_and_decisions_in_order_with_people(
    reader, opened, chief_wenshu, recorder, future_meeting, units
):
    ProgressReport.objects.create(item=opened, unit=units["文書組"], text="已完成移轉", suggestion="close",
                                  author=chief_wenshu, meeting=future_meeting)
    lifecycle.case_record_decision(item=opened, meeting=future_meeting, decision="close", user=recorder)
    response = reader.get(case_url("10801"))
    timeline = response.context["timeline"]
    assert [(e.kind, e.meeting.number if e.meeting else None, e.person) for e in timeline] == [
        ("opened", 108, recorder),
        ("progress", 109, chief_wenshu),
        ("decision", 109, recorder),
    ]
    assert "已完成移轉" in response.content.decode()
    assert "列管 → 解除列管" in response.content.decode()


def test_an_imported_item_shows_its_decision_at_108(reader, seed_meeting):
    response = reader.get(case_url("9903"))
    assert response.status_code == 200
    assert [(e.kind, e.meeting.number) for e in response.context["timeline"]] == [("decision", 108)]
    assert "第 99 次會議（紀錄未建檔）" in response.content.decode()
    assert response.context["item"].meetings_open == 9


def test_an_unknown_case_number_is_404(reader, db):
    assert reader.get("/tracking/12345/").status_code == 404


def test_the_dashboard_is_reachable_by_unit_pk_and_by_name(reader, units):
    unit = units["文書組"]
    assert reader.get(reverse("tracking:unit-dashboard", args=[unit.pk])).context["dashboard"].unit == unit
    assert reader.get("/tracking/units/文書組/").context["dashboard"].unit == unit
    assert reader.get("/tracking/units/不存在組/").status_code == 404


def test_the_dashboard_puts_overdue_items_first_and_counts_by_status(reader, make_item):
    today = dt.date.today()
    make_item("10801", due_date=today + dt.timedelta(days=2))
    make_item("10802", due_date=None, status="continued")
    make_item("10803", due_date=today - dt.timedelta(days=1))
    make_item("10701", status="closed", closed_at=108)
    make_item("10702", ["總務組"])
    dashboard = reader.get("/tracking/units/文書組/").context["dashboard"]
    assert [(r.item.case_number, r.overdue) for r in dashboard.rows] == [
        ("10803", True), ("10801", False), ("10802", False),
    ]
    assert dashboard.counts == {"open": 2, "continued": 1, "closed": 1}


def test_a_chiefs_home_page_is_their_units_dashboard(chief_wenshu, login, make_item):
    make_item("10801")
    make_item("10802", ["總務組"])
    response = login(chief_wenshu).get("/")
    assert response.context["dashboard"].unit.name == "文書組"
    assert [r.item.case_number for r in response.context["dashboard"].rows] == ["10801"]
    assert reverse("tracking:unit-dashboard", args=[response.context["dashboard"].unit.pk]) in response.content.decode()


def test_the_recorders_home_page_shows_the_units_that_have_not_reported(
    recorder, chief_wenshu, login, make_item, units, future_meeting
):
    a = make_item("10801", ["文書組"])
    make_item("10802", ["總務組", "公管中心"])
    ProgressReport.objects.create(item=a, unit=units["文書組"], text="完成", suggestion="close", author=chief_wenshu)
    response = login(recorder).get("/")
    missing = response.context["missing"]
    assert [u.name for u in missing.by_unit] == ["公管中心", "總務組"]
    assert [u.name for u in missing.reported_units] == ["文書組"]
    assert missing.upcoming == future_meeting
    assert reverse("tracking:meeting-review", args=[future_meeting.pk]) in response.content.decode()


def test_a_members_home_page_shows_the_totals(reader, make_item):
    make_item("10801")
    make_item("10701", status="closed", closed_at=108)
    assert reader.get("/").context["totals"] == {"open": 1, "continued": 0, "closed": 1}


def test_the_statistics_page_has_charts_and_tables(reader, make_item):
    make_item("10801", ["文書組", "總務組"])
    make_item("9903", ["總務組"], status="continued")
    make_item("10701", ["總務組"], status="closed", closed_at=108)
    response = reader.get(reverse("tracking:statistics"))
    stats = response.context["stats"]
    assert stats["unit_chart"] == [("文書組", [1, 0, 0]), ("總務組", [1, 1, 1])]
    assert stats["active_histogram"][0] == ("0", 1)
    assert stats["active_histogram"][-1] == ("9", 1)
    assert stats["closed_histogram"] == [("0", 0), ("1", 1)]
    body = response.content.decode()
    assert body.count("<svg") == 3
    assert "<title>總務組：賡續列管 1 件</title>" in body


def test_items_open_ten_meetings_or_more_share_the_last_column(reader, make_item):
    make_item("9001", status="continued")
    make_item("9501", status="continued")
    stats = reader.get(reverse("tracking:statistics")).context["stats"]
    assert stats["active_histogram"][-1] == ("10+", 2)


def test_unit_names_in_charts_are_escaped(reader, make_item, meeting_108):
    unit = Unit.objects.create(name="<b>壞組</b>", order=99)
    item = make_item("10801")
    item.responsible_units.set([unit])
    body = reader.get(reverse("tracking:statistics")).content.decode()
    assert "<b>壞組</b>" not in body
    assert "&lt;b&gt;壞組&lt;/b&gt;" in body


def test_the_recorders_home_page_links_each_recent_meeting_to_its_review(recorder, login, meeting_108):
    body = login(recorder).get("/").content.decode()
    assert reverse("tracking:meeting-review", args=[meeting_108.pk]) in body


def test_an_item_without_units_says_why_no_progress_is_listed(reader, seed_meeting):
    html = reader.get(case_url("9903")).content.decode()
    assert "這個案件沒有指定主辦單位（原紀錄未載），目前沒有單位需要填報辦理情形。" in html


def test_a_units_dashboard_dates_its_reporting_by_its_own_series_not_one_that_met_later(make_item, units):
    import datetime as dt

    from django.utils import timezone

    from minutes.models import Meeting, MeetingSeries
    from tracking import selectors

    make_item("10801", ["文書組"])  # of meeting 108's series, which met on 2022-01-20
    other = MeetingSeries.objects.create(organisation="新北市政府教育局", kind="局務")
    Meeting.objects.create(series=other, number=25, starts_at=timezone.make_aware(dt.datetime(2024, 3, 5, 14, 30)))
    dashboard = selectors.unit_dashboard(units["文書組"], today=dt.date(2024, 6, 1))
    assert timezone.localtime(dashboard.since).date() == dt.date(2022, 1, 20)


def test_the_recorders_missing_reports_name_the_meeting_the_units_report_to(make_item, units):
    import datetime as dt

    from django.utils import timezone

    from minutes.models import Meeting, MeetingSeries
    from tracking import selectors

    make_item("10801", ["文書組"])
    other = MeetingSeries.objects.create(organisation="新北市政府教育局", kind="局務")
    Meeting.objects.create(series=other, number=25, starts_at=timezone.make_aware(dt.datetime(2024, 3, 5, 14, 30)))
    missing = selectors.missing_reports(today=dt.date(2024, 6, 1), offices=[other.office_id])
    assert missing.last_held.number == 108
