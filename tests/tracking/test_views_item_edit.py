"""The recorder corrects a case: 案由, units and due date. A legacy case imported without a unit gets one."""

import pytest
from django.urls import reverse

from tests.helpers import case_url
from tracking.models import Status, TrackedItem

pytestmark = pytest.mark.django_db


def edit_url(case_number: str) -> str:
    return case_url(case_number, edit=True)


def legacy_9903(seed_meeting) -> TrackedItem:
    # The seed continued 9903, a case of meeting 99 that the system has no record of: no unit, no 案由.
    return TrackedItem.objects.get(series=seed_meeting.series, case_number="9903")


def test_the_recorder_assigns_a_unit_to_a_legacy_case_and_the_unit_then_has_to_report(
    seed_meeting, units, recorder, login
):
    item = legacy_9903(seed_meeting)
    assert not item.responsible_units.exists()
    client = login(recorder)
    response = client.post(edit_url("9903"), {
        "subject": "請總務組研議市政大樓公共空間改善方案。", "units": [units["總務組"].pk], "due_date": "111 年 6 月 30 日",
    }, follow=True)
    body = response.content.decode()
    assert "已修改列管案號 9903。" in body and "修改紀錄" in body
    assert "主辦單位 無 → 總務組" in body and "期限 未訂 → 111 年 6 月 30 日" in body
    item.refresh_from_db()
    assert [u.name for u in item.responsible_units.all()] == ["總務組"] and item.due_date.isoformat() == "2022-06-30"
    dashboard = client.get(reverse("tracking:unit-dashboard", args=[units["總務組"].pk])).content.decode()
    assert "9903" in dashboard


def test_the_case_page_offers_the_edit_to_the_recorder_only(seed_meeting, units, recorder, chief_wenshu, login):
    url = case_url("9903")
    assert edit_url("9903") in login(recorder).get(url).content.decode()
    assert edit_url("9903") not in login(chief_wenshu).get(url).content.decode()


def test_a_chief_cannot_edit_a_case(seed_meeting, units, chief_wenshu, login):
    response = login(chief_wenshu).post(edit_url("9903"), {"subject": "改", "units": [units["文書組"].pk]})
    assert response.status_code == 403
    assert not legacy_9903(seed_meeting).responsible_units.exists()


def test_a_closed_case_cannot_be_edited(seed_meeting, units, recorder, login):
    # The seed closed 10606.
    assert TrackedItem.objects.get(case_number="10606").status == Status.CLOSED
    response = login(recorder).post(
        edit_url("10606"), {"subject": "改", "units": [units["文書組"].pk]}, follow=True
    )
    assert "列管案號 10606 已解除列管，不能再修改。" in response.content.decode()
    assert not TrackedItem.objects.get(case_number="10606").responsible_units.exists()


def test_without_a_unit_the_form_says_so_and_nothing_changes(seed_meeting, units, recorder, login):
    response = login(recorder).post(edit_url("9903"), {"subject": "請總務組研議。"})
    assert response.status_code == 200 and "請至少選擇一個主辦單位。" in response.content.decode()
    assert legacy_9903(seed_meeting).subject == ""


def test_a_due_date_before_the_meeting_that_opened_the_case_is_refused(
    seed_meeting, units, recorder, login, conclusion_of
):
    from tracking.lifecycle import case_open

    item = case_open(conclusion=conclusion_of("請文書組於一月底前"), units=[units["文書組"]], user=recorder)
    response = login(recorder).post(edit_url(item.case_number), {
        "subject": item.subject, "units": [units["文書組"].pk], "due_date": "110 年 12 月 31 日",
    })
    assert "不能早於列管的會議日期（111 年 1 月 20 日）" in response.content.decode()
    item.refresh_from_db()
    assert item.due_date is None
