"""The record's own words are kept with the meeting and given back as written: the header's labels, the date
and time, a proposal's numbering and the adjournment, on the meeting page and in the PDF; meetings typed in the
browser take their series' labels, which the recorder sets."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minutes import documents, services
from minutes.models import Meeting, MeetingSeries
from minutes.reader import parse_minutes
from minutes.services import record_import
from tests.documents.conftest import pdftotext, sign_directly
from tests.records import MINISTRY, SCHOOL_PROPOSALS

pytestmark = pytest.mark.django_db

HEADER = (
    "某區公所第 5 次區務會議紀錄\n開會時間：113年3月5日（星期二）上午九時\n開會地點：本所會議室\n主持人：王區長\n"
    "記錄：李小美\n出席人員：各課室主管\n列席人員：里長\n請假人員：無\n壹、業務報告\n一、民政課報告：本月受理戶籍登記。\n"
    "決定：洽悉。\n會議於上午10時30分結束。\n"
)


def test_an_imported_record_keeps_its_labels_date_and_adjournment_as_written() -> None:
    meeting = record_import(parse_minutes(HEADER))
    assert [(label, value) for _, label, value in meeting.header_fields()] == [
        ("開會時間", "113年3月5日（星期二）上午九時"), ("開會地點", "本所會議室"), ("主持人", "王區長"),
        ("記錄", "李小美"), ("出席人員", "各課室主管"), ("列席人員", "里長"), ("請假人員", "無"),
    ]
    assert timezone.localtime(meeting.starts_at).replace(tzinfo=None) == dt.datetime(2024, 3, 5, 9, 0)
    assert meeting.adjournment_as_written == "會議於上午10時30分結束。"


def test_the_header_keeps_the_records_order_whatever_order_the_database_gives_the_labels_back_in() -> None:
    # PostgreSQL's jsonb hands a dict's keys back shortest first: the order the record wrote is kept apart.
    meeting = record_import(parse_minutes(HEADER))
    stored = Meeting.objects.get(pk=meeting.pk)
    stored.wording["labels"] = dict(sorted(stored.wording["labels"].items(), key=lambda kv: (len(kv[1]), kv[1])))
    assert [label for _, label, _ in stored.header_fields()][:4] == ["開會時間", "開會地點", "主持人", "記錄"]


def test_the_pdf_prints_the_header_and_the_adjournment_as_the_record_wrote_them(chair) -> None:
    meeting = record_import(parse_minutes(HEADER))
    sign_directly(meeting, chair)
    text = pdftotext(documents.meeting_pdf_bytes(meeting))
    for line in ("開會時間：113年3月5日（星期二）上午九時", "主持人：王區長", "記錄：李小美", "列席人員：里長",
                 "請假人員：無", "會議於上午10時30分結束。"):
        assert line in text
    assert "主席：王區長" not in text.split("會議於")[0]


def test_the_meeting_page_shows_the_labels_as_written(client, recorder) -> None:
    meeting = record_import(parse_minutes(HEADER))
    client.force_login(recorder)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "<dt>主持人</dt><dd>王區長</dd>" in page.replace("\n", "").replace("  ", "")
    assert "113年3月5日（星期二）上午九時" in page and "會議於上午10時30分結束。" in page


def signed_text(record: str, chair) -> str:
    meeting = record_import(parse_minutes(record))
    sign_directly(meeting, chair)  # no 草稿 watermark between the lines
    return pdftotext(documents.meeting_pdf_bytes(meeting))


def test_a_date_given_apart_prints_apart(chair) -> None:
    text = signed_text(MINISTRY, chair)
    assert "日期：113 年 6 月 3 日（星期一）\n時間：下午 2 時 30 分" in text


def test_proposals_print_their_numbering_and_the_lines_above_their_subject(chair) -> None:
    text = signed_text(SCHOOL_PROPOSALS, chair)
    assert "提案一\n提案單位：教務處\n案由：修訂本校學生成績評量補充規定，提請討論。" in text
    assert "案由一：建請增設校門口機車停車格案。" in text


def test_a_moved_proposal_is_numbered_by_its_new_place(recorder) -> None:
    meeting = record_import(parse_minutes(SCHOOL_PROPOSALS))
    second = meeting.sections.get(number=2).items.get(order=2)
    services.item_move(item=second, user=recorder, version=meeting.version, direction="up")
    items = list(meeting.sections.get(number=2).items.all())
    assert [item.numbered_as_written for item in items] == ["提案一", "提案二", "提案三"]
    assert items[0].title.startswith("案由：本校114年度畢業旅行")


def test_changing_the_start_drops_the_time_as_written_and_prints_the_real_one(recorder) -> None:
    meeting = record_import(parse_minutes(HEADER))
    later = timezone.make_aware(dt.datetime(2024, 3, 6, 14, 0))
    services.meeting_update(meeting=meeting, user=recorder, version=meeting.version, starts_at=later)
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert "time" not in meeting.wording and meeting.wording["labels"]["time"] == "開會時間"
    text = pdftotext(documents.render_meeting_pdf(meeting))
    assert "開會時間：民國 113 年 3 月 6 日 14 時 0 分" in text and "上午九時" not in text


def test_a_typed_meeting_is_shown_with_its_series_labels(client, recorder) -> None:
    meeting = record_import(parse_minutes(HEADER.replace("開會時間", "時間").replace("主持人", "主席")))
    meeting.wording = {}  # as if typed in the browser
    meeting.save(update_fields=["wording"])
    services.series_set_labels(series=meeting.series, user=recorder, labels={"chair": "主持人", "recorder": "記錄"})
    text = pdftotext(documents.render_meeting_pdf(Meeting.objects.get(pk=meeting.pk)))
    assert "主持人：王區長" in text and "記錄：李小美" in text and "時間：民國 113 年 3 月 5 日 9 時 0 分" in text


def test_the_recorder_sets_the_series_labels_on_its_settings_page(client, recorder, django_assert_max_num_queries):
    meeting = record_import(parse_minutes(HEADER))
    url = reverse("minutes:series-settings", args=[meeting.series_id])
    client.force_login(recorder)
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
    data = {"section": "labels", "time": "開會時間", "place": "地點", "chair": "主持人", "recorder": "記錄", "attendees": "出席人員",
            "observers": "列席", "absentees": "請假"}
    response = client.post(url, data, follow=True)
    assert "已儲存" in response.content.decode()
    assert MeetingSeries.objects.get(pk=meeting.series_id).labels == {
        "time": "開會時間", "chair": "主持人", "recorder": "記錄", "attendees": "出席人員"
    }


def test_a_label_not_offered_is_refused_in_chinese_and_nothing_is_saved(client, recorder) -> None:
    meeting = record_import(parse_minutes(HEADER))
    client.force_login(recorder)
    url = reverse("minutes:series-settings", args=[meeting.series_id])
    response = client.post(url, {"section": "labels", "chair": "<b>老大</b>", "time": "時間", "place": "地點", "recorder": "紀錄",
                                 "attendees": "出席", "observers": "列席", "absentees": "請假"})
    page = response.content.decode()
    assert response.status_code == 200 and "請選擇有效的選項" in page and "<b>老大</b>" not in page
    assert MeetingSeries.objects.get(pk=meeting.series_id).labels == {}


def test_only_the_offices_recorder_reaches_the_series_settings(client, chair) -> None:
    meeting = record_import(parse_minutes(HEADER))
    client.force_login(chair)
    response = client.post(reverse("minutes:series-settings", args=[meeting.series_id]), {"section": "labels", "chair": "主持人"})
    assert response.status_code in (403, 404)
    assert MeetingSeries.objects.get(pk=meeting.series_id).labels == {}


def test_signing_keeps_the_labels_the_meeting_was_signed_with(chair, recorder) -> None:
    meeting = record_import(parse_minutes(HEADER))
    meeting.wording = {}
    meeting.save(update_fields=["wording"])
    services.series_set_labels(series=meeting.series, user=recorder, labels={"chair": "主持人"})
    services.meeting_sign(Meeting.objects.get(pk=meeting.pk), chair)
    services.series_set_labels(series=meeting.series, user=recorder, labels={})
    signed = Meeting.objects.get(pk=meeting.pk)
    assert {name: label for name, label, _ in signed.header_fields()}["chair"] == "主持人"
