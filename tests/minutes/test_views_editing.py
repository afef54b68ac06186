"""The editing pages: header, parts, new meeting from the last one, validation and two people at once."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minutes import services
from minutes.models import AgendaItem, Conclusion, Meeting, MeetingSeries, ReportPoint, Section

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()
WHEN = timezone.make_aware(dt.datetime(2022, 2, 17, 10, 0), TZ)


@pytest.fixture
def meeting(recorder):
    series = MeetingSeries.objects.get_or_create(organisation="臺北市政府秘書處", kind="處務")[0]
    meeting = services.meeting_create(user=recorder, series=series, number=109, starts_at=WHEN, chair="陳志銘",
                                      place="視訊會議", recorder="葉霆怡", attendees="如簽到表")
    services.section_create(meeting=meeting, user=recorder, version=1, number=3, title="報告事項")
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def rec_client(client, recorder):
    client.force_login(recorder)
    return client


def header(meeting, **changes):
    data = {
        "number": meeting.number, "date": "111 年 2 月 17 日", "start_time": "10:00", "adjourned_at": "",
        "place": meeting.place, "chair": meeting.chair, "recorder": meeting.recorder,
        "attendees": meeting.attendees, "observers": "", "absentees": "", "version": meeting.version,
    }
    data.update(changes)
    return data


def edit_url(meeting):
    return reverse("minutes:meeting-edit", args=[meeting.pk])


def add_url(meeting, kind, parent_kind, parent_pk):
    return reverse("minutes:part-add", args=[meeting.pk, kind, parent_kind, parent_pk])


def section_of(meeting):
    return meeting.sections.get()


def test_the_recorder_sees_the_editing_page(rec_client, meeting):
    response = rec_client.get(edit_url(meeting))
    assert response.status_code == 200 and "參、報告事項" in response.content.decode()


def test_saving_the_header_changes_the_meeting(rec_client, meeting):
    response = rec_client.post(edit_url(meeting), header(meeting, place="市政大樓 11 樓", adjourned_at="11:30"))
    meeting.refresh_from_db()
    assert response.status_code == 302
    assert (meeting.place, meeting.adjourned_at) == ("市政大樓 11 樓", dt.time(11, 30))


def test_the_date_can_be_typed_the_roc_way_with_slashes(rec_client, meeting):
    rec_client.post(edit_url(meeting), header(meeting, date="111/3/3"))
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).date() == dt.date(2022, 3, 3)


def test_the_adjournment_can_be_typed_as_the_record_writes_it(rec_client, meeting):
    rec_client.post(edit_url(meeting), header(meeting, adjourned_at="10時45分"))
    meeting.refresh_from_db()
    assert meeting.adjourned_at == dt.time(10, 45)


def test_an_adjournment_before_the_start_is_refused_next_to_the_field(rec_client, meeting):
    response = rec_client.post(edit_url(meeting), header(meeting, adjourned_at="09:30"))
    assert response.context["header_form"].errors["adjourned_at"] == ["散會時間不能早於或等於開會時間。"]
    meeting.refresh_from_db()
    assert meeting.adjourned_at is None


def test_a_number_already_used_in_the_series_is_refused_next_to_the_field(rec_client, meeting, recorder):
    services.meeting_create(user=recorder, series=meeting.series, number=110, starts_at=WHEN)
    response = rec_client.post(edit_url(meeting), header(meeting, number=110))
    assert "第 110 次處務會議已經存在" in response.context["header_form"].errors["number"][0]


def test_html_in_the_header_is_refused_in_chinese_and_the_typed_text_is_kept(rec_client, meeting):
    response = rec_client.post(edit_url(meeting), header(meeting, place="<script>alert(1)</script>"))
    body = response.content.decode()
    assert "請勿輸入 HTML 標記" in response.context["header_form"].errors["place"][0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert" not in body
    meeting.refresh_from_db()
    assert meeting.place == "視訊會議"


def test_an_empty_item_title_is_refused_and_the_typed_body_is_kept(rec_client, meeting):
    url = add_url(meeting, "item", "section", section_of(meeting).pk)
    response = rec_client.post(url, {"title": "", "body": "說明文字留著", "conclusion_label": "會議結論",
                                     "version": meeting.version})
    assert response.context["part"]["form"].errors["title"] == ["這個欄位是必須的。"]
    assert "說明文字留著" in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_an_over_long_conclusion_is_refused(rec_client, meeting, recorder):
    item = services.item_create(section=section_of(meeting), user=recorder, version=meeting.version, title="甲")
    meeting.refresh_from_db()
    url = reverse("minutes:part-add", args=[meeting.pk, "conclusion", "item", item.pk])
    response = rec_client.post(url, {"text": "長" * 5001, "version": meeting.version})
    assert "超過 5,000 字" in response.context["part"]["form"].errors["text"][0]
    assert not Conclusion.objects.exists()


def test_an_empty_section_title_is_refused(rec_client, meeting):
    url = add_url(meeting, "section", "meeting", meeting.pk)
    response = rec_client.post(url, {"number": 4, "title": "", "conclusion_label": "會議結論",
                                     "version": meeting.version})
    assert response.context["part"]["form"].errors["title"] == ["這個欄位是必須的。"]


def test_adding_an_item_with_a_report_and_two_conclusions(rec_client, meeting):
    rec_client.post(add_url(meeting, "item", "section", section_of(meeting).pk),
                    {"title": "資訊安全宣導。", "conclusion_label": "會議結論", "version": meeting.version})
    item = AgendaItem.objects.get()
    meeting.refresh_from_db()
    rec_client.post(add_url(meeting, "report", "item", item.pk),
                    {"heading": "", "reporter_surname": "高", "reporter_title": "組長", "unit": "",
                     "points_text": "(一) 第一點\n(二) 第二點", "version": meeting.version})
    meeting.refresh_from_db()
    rec_client.post(add_url(meeting, "conclusion", "item", item.pk),
                    {"text": "同意備查。\n請文書組於三月底前完成。", "version": meeting.version})
    assert list(ReportPoint.objects.values_list("text", flat=True)) == ["第一點", "第二點"]
    assert list(item.conclusions.values_list("text", flat=True)) == ["同意備查。", "請文書組於三月底前完成。"]


def test_editing_a_conclusion_changes_only_it(rec_client, meeting, recorder):
    conclusion = services.conclusion_create(section=section_of(meeting), user=recorder, version=meeting.version,
                                            text="同意備查。")
    meeting.refresh_from_db()
    url = reverse("minutes:part-edit", args=[meeting.pk, "conclusion", conclusion.pk])
    rec_client.post(url, {"text": "准予備查。", "version": meeting.version})
    conclusion.refresh_from_db()
    assert conclusion.text == "准予備查。"


def test_the_edit_form_of_a_part_is_shown_in_place(rec_client, meeting):
    section = section_of(meeting)
    response = rec_client.get(reverse("minutes:part-edit", args=[meeting.pk, "section", section.pk]))
    assert response.status_code == 200 and 'id="part-form"' in response.content.decode()


def test_a_part_of_another_meeting_cannot_be_reached_through_this_one(rec_client, meeting, recorder):
    other = services.meeting_create(user=recorder, series=meeting.series, number=110, starts_at=WHEN)
    response = rec_client.post(reverse("minutes:part-delete", args=[other.pk, "section", section_of(meeting).pk]),
                               {"version": other.version})
    assert response.status_code == 404 and Section.objects.count() == 1


def test_moving_a_section_down_changes_the_order_and_keeps_the_numerals_in_order(rec_client, meeting, recorder):
    services.section_create(meeting=meeting, user=recorder, version=meeting.version, number=5, title="臨時動議")
    meeting.refresh_from_db()
    first = meeting.sections.order_by("order").first()
    rec_client.post(reverse("minutes:part-move", args=[meeting.pk, "section", first.pk]),
                    {"direction": "down", "version": meeting.version})
    # The titles trade places; the numerals stay where they were, so the agenda still reads 參、伍.
    rows = list(meeting.sections.order_by("order").values_list("number", "title"))
    assert rows == [(3, "臨時動議"), (5, first.title)]


def test_a_stale_header_save_is_refused_with_what_changed_and_the_typed_text_kept(rec_client, meeting, chair):
    stale = header(meeting, attendees="我打的出席名單")
    services.meeting_update(meeting=meeting, user=chair, version=meeting.version, place="市政大樓 11 樓")
    response = rec_client.post(edit_url(meeting), stale)
    body = response.content.decode()
    assert response.status_code == 409
    assert "修改會議資訊：地點" in body and "市政大樓 11 樓" in body and "我打的出席名單" in body
    meeting.refresh_from_db()
    assert (meeting.place, meeting.attendees) == ("市政大樓 11 樓", "如簽到表")


def test_after_seeing_the_conflict_a_second_save_goes_through(rec_client, meeting, chair):
    stale = header(meeting, attendees="我打的出席名單")
    services.meeting_update(meeting=meeting, user=chair, version=meeting.version, place="市政大樓 11 樓")
    response = rec_client.post(edit_url(meeting), stale)
    again = response.context["header_form"].data.copy()
    rec_client.post(edit_url(meeting), again)
    meeting.refresh_from_db()
    assert meeting.attendees == "我打的出席名單"


def test_the_second_save_after_a_conflict_keeps_the_other_persons_change(rec_client, meeting, chair):
    stale = header(meeting, attendees="我打的出席名單")
    services.meeting_update(meeting=meeting, user=chair, version=meeting.version, place="市政大樓 11 樓")
    again = rec_client.post(edit_url(meeting), stale).context["header_form"].data.copy()
    rec_client.post(edit_url(meeting), again)
    meeting.refresh_from_db()
    assert meeting.place == "市政大樓 11 樓"


def test_a_field_both_people_changed_keeps_what_the_user_typed_and_is_flagged(rec_client, meeting, chair):
    stale = header(meeting, place="我打的地點")
    services.meeting_update(meeting=meeting, user=chair, version=meeting.version, place="市政大樓 11 樓")
    response = rec_client.post(edit_url(meeting), stale)
    row = response.context["conflict"]["fields"][0]
    assert response.context["header_form"].data["place"] == "我打的地點"
    assert (row["new"], row["mine"], row["both"]) == ("市政大樓 11 樓", "我打的地點", True)


def test_a_stale_part_save_is_refused_and_keeps_the_typed_text(rec_client, meeting, chair):
    section = section_of(meeting)
    version = meeting.version
    services.section_update(section=section, user=chair, version=version, title="報告事項（修正）")
    url = reverse("minutes:part-edit", args=[meeting.pk, "section", section.pk])
    response = rec_client.post(url, {"number": 3, "title": "我的標題", "conclusion_label": "會議結論",
                                     "version": version})
    assert response.status_code == 409 and "我的標題" in response.content.decode()
    section.refresh_from_db()
    assert section.title == "報告事項（修正）"


def test_the_create_page_is_prefilled_from_the_last_meeting(rec_client, seed_meeting):
    form = rec_client.get(reverse("minutes:meeting-create")).context["form"]
    assert (form.initial["number"], form.initial["chair"], form.initial["place"]) == (109, "陳志銘", "視訊會議")


def test_creating_from_the_last_meeting_prefills_the_previous_minutes_section(rec_client, seed_meeting):
    response = rec_client.post(reverse("minutes:meeting-create"), {
        "series": seed_meeting.series_id, "number": 109, "date": "111年2月17日", "start_time": "10:00",
        "place": "視訊會議", "chair": "陳志銘", "recorder": "葉霆怡", "attendees": "如簽到表", "from_previous": "on",
    })
    meeting = Meeting.objects.get(number=109)
    assert response.status_code == 302 and response.url == edit_url(meeting)
    assert meeting.sections.order_by("order").first().title == "宣讀 111 年 1 月 20 日第 108 次處務會議紀錄。"


def test_creating_a_number_that_exists_is_refused_next_to_the_field(rec_client, seed_meeting):
    response = rec_client.post(reverse("minutes:meeting-create"), {
        "series": seed_meeting.series_id, "number": 108, "date": "111年2月17日", "start_time": "10:00",
    })
    assert "第 108 次處務會議已經存在" in response.context["form"].errors["number"][0]
    assert Meeting.objects.count() == 1


def test_the_meeting_page_shows_who_changed_what(client, chief_wenshu, meeting):
    client.force_login(chief_wenshu)
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "新增段落：參、報告事項" in body and "葉霆怡" in body


def test_the_editing_page_offers_tracking_for_an_untracked_conclusion(rec_client, meeting, recorder):
    conclusion = services.conclusion_create(section=section_of(meeting), user=recorder, version=meeting.version,
                                            text="請文書組辦理。")
    body = rec_client.get(edit_url(meeting)).content.decode()
    assert reverse("tracking:conclusion-track", args=[conclusion.pk]) in body


def test_the_editing_page_stays_within_a_fixed_number_of_queries(rec_client, django_assert_max_num_queries):
    from tests.minutes.test_views_reading import big_meeting

    meeting = big_meeting(items=50)
    with django_assert_max_num_queries(16):
        response = rec_client.get(edit_url(meeting))
    assert response.status_code == 200


def test_the_meeting_page_offers_the_recorder_the_next_meeting_from_it(rec_client, seed_meeting):
    body = rec_client.get(seed_meeting.get_absolute_url()).content.decode()
    assert f'href="{reverse("minutes:meeting-create")}?from={seed_meeting.pk}">以此為底新增第 109 次</a>' in body


def test_the_next_meeting_is_not_offered_once_it_exists(rec_client, seed_meeting, meeting):
    assert "以此為底新增" not in rec_client.get(seed_meeting.get_absolute_url()).content.decode()


def test_a_chief_is_not_offered_the_next_meeting(client, chief_wenshu, seed_meeting):
    client.force_login(chief_wenshu)
    assert "以此為底新增" not in client.get(seed_meeting.get_absolute_url()).content.decode()


def test_the_create_page_starts_from_the_meeting_it_was_opened_from(rec_client, seed_meeting, recorder):
    other = services.meeting_create(
        user=recorder, series=MeetingSeries.objects.create(organisation="新北市政府教育局", kind="局務"),
        number=300, starts_at=WHEN, chair="王局長", place="第一會議室",
    )
    assert rec_client.get(reverse("minutes:meeting-create")).context["form"].initial["number"] == 301
    form = rec_client.get(reverse("minutes:meeting-create") + f"?from={seed_meeting.pk}").context["form"]
    assert (form.initial["series"], form.initial["number"], form.initial["chair"]) == (
        seed_meeting.series, 109, "陳志銘")
    assert other.number == 300


def test_a_refused_create_from_a_meeting_page_shows_the_form_again(rec_client, seed_meeting):
    response = rec_client.post(reverse("minutes:meeting-create") + f"?from={seed_meeting.pk}", {
        "series": seed_meeting.series_id, "number": 108, "date": "111年2月17日", "start_time": "10:00",
    })
    assert response.status_code == 200
    assert "第 108 次處務會議已經存在" in response.context["form"].errors["number"][0]


def test_adding_two_conclusions_at_once_says_how_many_were_added(rec_client, meeting):
    response = rec_client.post(add_url(meeting, "conclusion", "section", section_of(meeting).pk),
                               {"text": "同意備查。\n請文書組於三月底前完成。", "version": meeting.version}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["已新增 2 項結論。"]


def test_adding_one_conclusion_says_it_was_added(rec_client, meeting):
    response = rec_client.post(add_url(meeting, "conclusion", "section", section_of(meeting).pk),
                               {"text": "同意備查。", "version": meeting.version}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["已新增結論。"]


def test_a_report_can_be_written_as_a_supplementary_explanation(rec_client, meeting):
    rec_client.post(add_url(meeting, "item", "section", section_of(meeting).pk),
                    {"title": "資訊安全宣導。", "conclusion_label": "會議結論", "version": meeting.version})
    item = AgendaItem.objects.get()
    meeting.refresh_from_db()
    rec_client.post(add_url(meeting, "report", "item", item.pk),
                    {"heading": "林副秘書長", "unit": "", "label": "補充說明", "points_text": "請注意。",
                     "version": meeting.version})
    assert str(item.reports.get()) == "林副秘書長補充說明"


def test_a_date_before_the_previous_meeting_is_refused_on_the_page(rec_client, meeting, seed_meeting):
    response = rec_client.post(edit_url(meeting), header(meeting, date="110 年 1 月 1 日"))
    body = response.content.decode()
    assert "第 109 次會議的日期（110 年 1 月 1 日）早於第 108 次會議（111 年 1 月 20 日）" in body
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).date() == dt.date(2022, 2, 17)


def test_deleting_a_conclusion_does_not_warn_of_content_under_it(rec_client, meeting, recorder):
    section = meeting.sections.get()
    meeting.refresh_from_db()
    services.conclusion_create(section=section, item=None, user=recorder, version=meeting.version, text="洽悉。")
    body = rec_client.get(edit_url(meeting)).content.decode()
    assert "確定刪除這個結論？\"" in body and "確定刪除這個段落？其下的內容也會一併刪除。" in body
