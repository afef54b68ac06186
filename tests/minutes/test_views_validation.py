"""Bad input gets a message in Chinese next to the field and changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minutes import services
from minutes.models import MeetingSeries

pytestmark = pytest.mark.django_db
WHEN = timezone.make_aware(dt.datetime(2022, 2, 17, 10, 0), timezone.get_default_timezone())


@pytest.fixture
def meeting(recorder):
    series = MeetingSeries.objects.get_or_create(organisation="臺北市政府秘書處", kind="處務")[0]
    meeting = services.meeting_create(user=recorder, series=series, number=109, starts_at=WHEN)
    section = services.section_create(meeting=meeting, user=recorder, version=1, number=3, title="報告事項")
    item = services.item_create(section=section, user=recorder, version=2, title="甲")
    services.report_create(item=item, user=recorder, version=3, heading="林副秘書長", points=["一"])
    services.conclusion_create(section=section, item=item, user=recorder, version=4, text="同意備查。")
    meeting.refresh_from_db()
    return meeting


def part_urls(meeting):
    section = meeting.sections.get()
    item = section.items.get()
    report = item.reports.get()
    point = report.points.get()
    conclusion = item.conclusions.get()
    edit = lambda kind, pk: reverse("minutes:part-edit", args=[meeting.pk, kind, pk])
    add = lambda kind, pk_kind, pk: reverse("minutes:part-add", args=[meeting.pk, kind, pk_kind, pk])
    return {
        "section-title": (edit("section", section.pk), {"number": 3, "title": "X", "conclusion_label": "會議結論"},
                          "title"),
        "section-body": (edit("section", section.pk), {"number": 3, "title": "報告", "body": "X"}, "body"),
        "item-title": (edit("item", item.pk), {"title": "X"}, "title"),
        "item-label": (edit("item", item.pk), {"title": "甲", "conclusion_label": "X"}, "conclusion_label"),
        "report-heading": (edit("report", report.pk), {"heading": "X"}, "heading"),
        "report-points": (add("report", "item", item.pk), {"heading": "林", "points_text": "X"}, "points_text"),
        "point": (edit("point", point.pk), {"text": "X"}, "text"),
        "conclusion": (edit("conclusion", conclusion.pk), {"text": "X"}, "text"),
        "conclusion-add": (add("conclusion", "item", item.pk), {"text": "X"}, "text"),
        "item-add": (add("item", "section", section.pk), {"title": "X"}, "title"),
    }


PARTS = ["section-title", "section-body", "item-title", "item-label", "report-heading", "report-points", "point",
         "conclusion", "conclusion-add", "item-add"]


@pytest.mark.parametrize("part", PARTS)
def test_html_in_any_part_is_refused_next_to_the_field(client, recorder, meeting, part):
    client.force_login(recorder)
    url, data, field = part_urls(meeting)[part]
    bad = "<b>粗體</b>" if field != "conclusion_label" else "<i>x"
    data = {k: (bad if v == "X" else v) for k, v in data.items()}
    version = meeting.version
    response = client.post(url, {**data, "version": version})
    assert "請勿輸入 HTML 標記" in response.context["part"]["form"].errors[field][0]
    meeting.refresh_from_db()
    assert meeting.version == version


@pytest.mark.parametrize("field,label,limit", [("place", "地點", "100"), ("chair", "主席", "50"),
                                               ("attendees", "出席", "2,000")])
def test_over_long_header_text_is_refused_in_chinese(client, recorder, meeting, field, label, limit):
    client.force_login(recorder)
    data = {"number": 109, "date": "111/2/17", "start_time": "10:00", "version": meeting.version,
            field: "長" * (int(limit.replace(",", "")) + 1)}
    response = client.post(reverse("minutes:meeting-edit", args=[meeting.pk]), data)
    assert response.context["header_form"].errors[field][0].startswith(f"{label}最多 {limit} 字，目前 ")


def test_an_over_long_item_title_is_refused_in_chinese(client, recorder, meeting):
    client.force_login(recorder)
    item = meeting.sections.get().items.get()
    response = client.post(reverse("minutes:part-edit", args=[meeting.pk, "item", item.pk]),
                           {"title": "長" * 2001, "version": meeting.version})
    assert response.context["part"]["form"].errors["title"] == ["案由最多 2,000 字，目前 2,001 字（超過 1 字）。"]


def test_an_unreadable_date_is_refused_in_chinese(client, recorder, meeting):
    client.force_login(recorder)
    response = client.post(reverse("minutes:meeting-edit", args=[meeting.pk]),
                           {"number": 109, "date": "下週四", "start_time": "10:00", "version": meeting.version})
    assert response.context["header_form"].errors["date"] == ["日期格式不正確，請以「111 年 1 月 20 日」或「111/1/20」輸入。"]


def test_a_report_without_a_reporter_is_refused(client, recorder, meeting):
    client.force_login(recorder)
    item = meeting.sections.get().items.get()
    response = client.post(reverse("minutes:part-add", args=[meeting.pk, "report", "item", item.pk]),
                           {"points_text": "一點", "version": meeting.version})
    assert response.context["part"]["form"].errors["unit"] == ["請選擇組室並填寫報告人，或填寫報告人原文。"]


def test_text_with_a_less_than_sign_that_is_not_markup_is_kept(client, recorder, meeting):
    client.force_login(recorder)
    conclusion = meeting.sections.get().items.get().conclusions.get()
    client.post(reverse("minutes:part-edit", args=[meeting.pk, "conclusion", conclusion.pk]),
                {"text": "採購金額 < 10 萬元者免簽。", "version": meeting.version})
    conclusion.refresh_from_db()
    assert conclusion.text == "採購金額 < 10 萬元者免簽。"
