"""Progress reports (辦理情形): only the unit's chief or the recorder writes them, also against forged POSTs."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from minutes.models import Role
from tracking import services
from tracking.lifecycle import TrackingError
from tracking.models import ProgressReport

pytestmark = pytest.mark.django_db


def progress_url(unit):
    return reverse("tracking:unit-progress", args=[unit.pk])


@pytest.fixture
def wenshu_item(make_item):
    return make_item("10801", ["文書組"], subject="請文書組移轉群組")


@pytest.fixture
def zongwu_item(make_item):
    return make_item("10802", ["總務組"], subject="公務車輛統計")


def entry(item, text, suggestion):
    return {f"item-{item.pk}-text": text, f"item-{item.pk}-suggestion": suggestion}


def test_the_chief_writes_progress_for_their_unit_and_it_goes_to_the_next_meeting(
    chief_wenshu, login, units, wenshu_item, future_meeting
):
    response = login(chief_wenshu).post(progress_url(units["文書組"]), entry(wenshu_item, "已完成移轉", "close"))
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.item, report.unit, report.text, report.suggestion) == (wenshu_item, units["文書組"], "已完成移轉", "close")
    assert (report.author, report.meeting) == (chief_wenshu, future_meeting)


def test_the_progress_page_lists_the_units_active_items(chief_wenshu, login, units, wenshu_item, zongwu_item):
    response = login(chief_wenshu).get(progress_url(units["文書組"]))
    assert [row.item for row, _ in response.context["entries"]] == [wenshu_item]


def test_a_chief_of_another_unit_gets_403_on_the_page_and_on_a_forged_post(
    chief_zongwu, login, units, wenshu_item
):
    client = login(chief_zongwu)
    assert client.get(progress_url(units["文書組"])).status_code == 403
    assert client.post(progress_url(units["文書組"]), entry(wenshu_item, "偽造", "close")).status_code == 403
    assert not ProgressReport.objects.exists()


def test_an_item_of_another_unit_slipped_into_the_own_form_is_ignored(
    chief_zongwu, login, units, wenshu_item, zongwu_item
):
    data = entry(wenshu_item, "偽造", "close") | entry(zongwu_item, "已統計", "continue")
    login(chief_zongwu).post(progress_url(units["總務組"]), data)
    assert list(ProgressReport.objects.values_list("item__case_number", "unit__name")) == [("10802", "總務組")]


@pytest.mark.parametrize("role", [Role.CHAIR, Role.MEMBER])
def test_chair_and_members_cannot_write_progress(make_user, login, units, wenshu_item, role):
    client = login(make_user("someone", role))
    assert client.post(progress_url(units["文書組"]), entry(wenshu_item, "x", "close")).status_code == 403
    assert not ProgressReport.objects.exists()


def test_the_recorder_may_write_progress_for_any_unit(recorder, login, units, zongwu_item):
    login(recorder).post(progress_url(units["總務組"]), entry(zongwu_item, "代為填報", "continue"))
    assert ProgressReport.objects.get().author == recorder


def test_a_text_without_a_suggestion_is_shown_again_with_a_message(chief_wenshu, login, units, wenshu_item):
    response = login(chief_wenshu).post(progress_url(units["文書組"]), entry(wenshu_item, "已完成", ""))
    assert response.status_code == 200
    assert "請選擇列管建議。" in response.content.decode()
    assert "已完成" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_items_left_blank_are_not_reported(chief_wenshu, login, units, wenshu_item, make_item):
    other = make_item("10803", ["文書組"])
    login(chief_wenshu).post(
        progress_url(units["文書組"]), entry(wenshu_item, "已完成", "close") | entry(other, "", "")
    )
    assert list(ProgressReport.objects.values_list("item__case_number", flat=True)) == ["10801"]


def test_sending_the_same_text_again_adds_no_row(chief_wenshu, login, units, wenshu_item, future_meeting):
    client = login(chief_wenshu)
    client.post(progress_url(units["文書組"]), entry(wenshu_item, "已完成", "close"))
    client.post(progress_url(units["文書組"]), entry(wenshu_item, "已完成", "close"))
    assert ProgressReport.objects.count() == 1


def test_a_changed_text_is_a_new_row_and_the_old_one_is_kept(chief_wenshu, login, units, wenshu_item):
    client = login(chief_wenshu)
    client.post(progress_url(units["文書組"]), entry(wenshu_item, "辦理中", "continue"))
    client.post(progress_url(units["文書組"]), entry(wenshu_item, "已完成", "close"))
    assert list(ProgressReport.objects.values_list("text", flat=True)) == ["辦理中", "已完成"]


def test_the_service_refuses_an_item_the_unit_is_not_responsible_for(chief_wenshu, units, zongwu_item):
    with pytest.raises(PermissionDenied):
        services.progress_report_submit(
            item=zongwu_item, unit=units["文書組"], text="x", suggestion="close", user=chief_wenshu
        )


def test_the_service_refuses_a_closed_item(chief_wenshu, units, make_item):
    closed = make_item("10801", ["文書組"], status="closed", closed_at=109)
    with pytest.raises(TrackingError, match="已解除列管"):
        services.progress_report_submit(item=closed, unit=units["文書組"], text="x", suggestion="close", user=chief_wenshu)


def test_the_dashboard_shows_what_still_needs_a_report(chief_wenshu, login, units, wenshu_item, future_meeting, make_item):
    make_item("10803", ["文書組"])
    client = login(chief_wenshu)
    client.post(progress_url(units["文書組"]), entry(wenshu_item, "已完成", "close"))
    dashboard = client.get(reverse("tracking:unit-dashboard", args=[units["文書組"].pk])).context["dashboard"]
    assert {row.item.case_number: row.needs_report for row in dashboard.rows} == {"10801": False, "10803": True}
    assert dashboard.needs_report_count == 1


def test_an_item_the_next_meeting_already_decided_needs_no_more_report(
    chief_wenshu, recorder, login, units, wenshu_item, future_meeting
):
    from tracking import lifecycle

    lifecycle.case_record_decision(item=wenshu_item, meeting=future_meeting, decision="continue", user=recorder)
    dashboard = login(chief_wenshu).get("/").context["dashboard"]
    assert [(row.item, row.needs_report) for row in dashboard.rows] == [(wenshu_item, False)]


def test_a_fields_message_sits_in_a_box_a_browser_keeps_together(chief_wenshu, login, units, wenshu_item):
    # A list inside <p> makes the browser close the paragraph early and push the field out of its column.
    response = login(chief_wenshu).post(progress_url(units["文書組"]), entry(wenshu_item, "已完成", ""))
    html = response.content.decode()
    assert re.search(r'<div class="field-box">\s*<label[^>]*>列管建議</label>\s*<ul class="errorlist"', html)
    assert not re.search(r"<p[^>]*>\s*<label[^>]*>[^<]*</label>\s*<ul", html)


def test_the_refusal_names_the_unit_and_leads_back_home(chief_zongwu, login, units, wenshu_item):
    response = login(chief_zongwu).get(progress_url(units["文書組"]))
    html = response.content.decode()
    assert response.status_code == 403
    assert "文書組的辦理情形只有文書組主管或本機關紀錄可以填報。" in html
    assert f'<a href="{reverse("home")}">回到首頁</a>' in html
