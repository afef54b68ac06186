"""The page that marks a conclusion as tracked: suggestions, the case number, and who may use it."""

import datetime as dt

import pytest
from django.urls import reverse

from minutes.models import Meeting
from tests.helpers import case_url
from tracking.models import Status, TrackedItem

pytestmark = pytest.mark.django_db


def track_url(conclusion):
    return reverse("tracking:conclusion-track", args=[conclusion.pk])


def test_the_track_url_is_under_tracking_conclusions(seed_meeting, conclusion_of):
    conclusion = conclusion_of("請文書組於一月底前")
    assert track_url(conclusion) == f"/tracking/conclusions/{conclusion.pk}/track/"


def test_the_form_suggests_the_unit_named_in_the_text_and_the_end_of_january(
    units, recorder, login, conclusion_of
):
    response = login(recorder).get(track_url(conclusion_of("請文書組於一月底前")))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["units"] == [units["文書組"].pk]
    assert form.initial["due_date"] == dt.date(2022, 1, 31)
    assert "請文書組於一月底前將本處群組由Line移轉至TAIPEION即時通。" in response.content.decode()


def test_the_form_suggests_both_units_and_the_end_of_the_quarter(units, recorder, login, conclusion_of):
    response = login(recorder).get(track_url(conclusion_of("請總務組與公管中心每季")))
    form = response.context["form"]
    assert form.initial["units"] == [units["總務組"].pk, units["公管中心"].pk]
    assert form.initial["due_date"] == dt.date(2022, 3, 31)


def test_posting_opens_the_case_and_redirects_to_the_meeting_with_its_number(
    units, recorder, login, conclusion_of, seed_meeting
):
    client = login(recorder)
    response = client.post(
        track_url(conclusion_of("請文書組於一月底前")),
        {"units": [units["文書組"].pk], "supporting_units": [units["總務組"].pk], "due_date": "2022-01-31"},
        follow=True,
    )
    conclusion = conclusion_of("請文書組於一月底前")
    assert response.redirect_chain == [(f"{seed_meeting.get_absolute_url()}#conclusion-{conclusion.pk}", 302)]
    item = TrackedItem.objects.get(conclusion=conclusion)
    assert (item.case_number, item.status, item.due_date) == ("10801", Status.OPEN, dt.date(2022, 1, 31))
    assert [u.name for u in item.supporting_units.all()] == ["總務組"]
    assert item.opened_by == recorder
    assert "列管案號 10801" in next(str(m) for m in response.context["messages"])


def test_the_second_tracked_conclusion_of_a_meeting_gets_the_next_number(units, recorder, login, conclusion_of):
    client = login(recorder)
    client.post(track_url(conclusion_of("請文書組於一月底前")), {"units": [units["文書組"].pk]})
    client.post(track_url(conclusion_of("請國際事務組")), {"units": [units["國際事務組"].pk]})
    numbers = TrackedItem.objects.filter(meeting_number=108).values_list("case_number", flat=True)
    assert list(numbers) == ["10801", "10802"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_signed_meeting_accepts_no_new_case(units, recorder, chair, login, conclusion_of, seed_meeting, method):
    # The signed PDF is the document of record and prints every case number: a case opened after signing
    # would be missing from it. The page hides 設為列管 then; the server refuses too.
    from django.utils import timezone

    Meeting.objects.filter(pk=seed_meeting.pk).update(status="signed", signed_at=timezone.now(), signed_by=chair)
    client = login(recorder)
    response = getattr(client, method)(
        track_url(conclusion_of("請文書組於一月底前")), {"units": [units["文書組"].pk]}, follow=True
    )
    assert "已簽核，不能再新增列管案件" in response.content.decode()
    assert not TrackedItem.objects.filter(conclusion=conclusion_of("請文書組於一月底前")).exists()


def test_without_a_unit_the_form_is_shown_again_with_a_message(units, recorder, login, conclusion_of):
    response = login(recorder).post(track_url(conclusion_of("請文書組於一月底前")), {"due_date": "2022-01-31"})
    assert response.status_code == 200
    assert "請至少選擇一個主辦單位。" in response.content.decode()
    assert not TrackedItem.objects.filter(meeting_number=108).exists()


def test_a_unit_cannot_be_both_responsible_and_supporting(units, recorder, login, conclusion_of):
    response = login(recorder).post(
        track_url(conclusion_of("請文書組於一月底前")),
        {"units": [units["文書組"].pk], "supporting_units": [units["文書組"].pk]},
    )
    assert "不能同時列為協辦單位" in response.content.decode()
    assert not TrackedItem.objects.filter(meeting_number=108).exists()


def test_an_already_tracked_conclusion_leads_to_its_item(units, recorder, login, conclusion_of):
    client = login(recorder)
    client.post(track_url(conclusion_of("請文書組於一月底前")), {"units": [units["文書組"].pk]})
    response = client.get(track_url(conclusion_of("請文書組於一月底前")))
    assert response.status_code == 302
    assert response.url == case_url("10801")


@pytest.mark.parametrize("who", ["chair", "chief_wenshu", "member"])
def test_other_roles_get_403_even_with_a_forged_post(request, who, make_user, units, login, conclusion_of):
    user = make_user("plain") if who == "member" else request.getfixturevalue(who)
    client = login(user)
    url = track_url(conclusion_of("請文書組於一月底前"))
    assert client.get(url).status_code == 403
    assert client.post(url, {"units": [units["文書組"].pk]}).status_code == 403
    assert not TrackedItem.objects.filter(meeting_number=108).exists()


def test_an_anonymous_visitor_is_sent_to_login(client, seed_meeting, conclusion_of):
    response = client.get(track_url(conclusion_of("請文書組於一月底前")))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_case_number_urls_do_not_swallow_other_tracking_paths():
    from django.urls import resolve

    assert resolve("/tracking/conclusions/5/track/").url_name == "conclusion-track"
    assert resolve("/tracking/10801/").url_name == "item-lookup"


def test_the_hundredth_item_of_a_meeting_is_refused_with_a_clear_message(
    units, recorder, login, conclusion_of, seed_meeting
):
    from tracking.models import CaseCounter

    CaseCounter.objects.create(series=seed_meeting.series, meeting_number=108, last_sequence=99)
    response = login(recorder).post(track_url(conclusion_of("請文書組於一月底前")), {"units": [units["文書組"].pk]})
    assert response.status_code == 200
    assert "第 108 次會議的列管案件已達 99 件上限，無法再編列管案號。" in response.content.decode()
    assert not TrackedItem.objects.filter(meeting_number=108).exists()


def test_marking_from_the_editing_page_returns_there_at_the_conclusion(units, recorder, login, conclusion_of):
    client = login(recorder)
    conclusion = conclusion_of("請文書組於一月底前")
    edit_url = reverse("minutes:meeting-edit", args=[conclusion.section.meeting_id])
    assert f'href="{track_url(conclusion)}?back=edit"' in client.get(edit_url).content.decode()
    page = client.get(track_url(conclusion) + "?back=edit").content.decode()
    assert '<input type="hidden" name="back" value="edit">' in page
    assert f'href="{edit_url}#conclusion-{conclusion.pk}">取消</a>' in page
    response = client.post(track_url(conclusion), {"units": [units["文書組"].pk], "back": "edit"})
    assert response.url == f"{edit_url}#conclusion-{conclusion.pk}"


def test_the_suggested_due_date_is_shown_and_typed_in_the_roc_calendar(units, recorder, login, conclusion_of):
    client = login(recorder)
    conclusion = conclusion_of("請文書組於一月底前")
    html = client.get(track_url(conclusion)).content.decode()
    assert 'value="111 年 1 月 31 日"' in html
    client.post(track_url(conclusion), {"units": [units["文書組"].pk], "due_date": "111 年 2 月 15 日"})
    assert TrackedItem.objects.get(conclusion=conclusion).due_date == dt.date(2022, 2, 15)


def test_a_due_date_that_is_not_a_date_is_refused_in_chinese(units, recorder, login, conclusion_of):
    conclusion = conclusion_of("請文書組於一月底前")
    response = login(recorder).post(track_url(conclusion), {"units": [units["文書組"].pk], "due_date": "下個月"})
    assert "日期格式不正確" in response.content.decode()
    assert not TrackedItem.objects.filter(conclusion=conclusion).exists()


def test_the_record_page_offers_tracking_for_tasks_but_not_for_the_review_decision(
    seed_meeting, recorder, login, conclusion_of
):
    body = login(recorder).get(seed_meeting.get_absolute_url()).content.decode()
    # 列管案號 10606…同意解除列管；…賡續列管 is the meeting's review of existing cases, not a new task.
    assert track_url(conclusion_of("列管案號 10606")) not in body
    assert track_url(conclusion_of("請文書組於一月底前")) in body


def test_a_due_date_before_the_meeting_is_refused(units, recorder, login, conclusion_of):
    response = login(recorder).post(
        track_url(conclusion_of("請文書組於一月底前")), {"units": [units["文書組"].pk], "due_date": "2021-01-01"}
    )
    assert "期限（110 年 1 月 1 日）不能早於會議日期（111 年 1 月 20 日）" in response.content.decode()
    assert not TrackedItem.objects.filter(meeting_number=108).exists()


def test_the_form_shows_the_due_date_the_text_suggests(units, recorder, login, conclusion_of):
    body = login(recorder).get(track_url(conclusion_of("請文書組於一月底前"))).content.decode()
    assert "依結論文字建議：111 年 1 月 31 日" in body
