"""Paste import: the recorder pastes a record, sees its outline or the line that is wrong, saves a draft."""

import pytest
from django.urls import reverse

from minutes.models import Meeting
from tracking.models import Review

pytestmark = pytest.mark.django_db
URL = reverse("minutes:meeting-import")


@pytest.fixture
def rec_client(client, recorder):
    client.force_login(recorder)
    return client


def test_the_preview_shows_the_outline_and_saves_nothing(rec_client, seed_text):
    response = rec_client.post(URL, {"text": seed_text, "action": "preview"})
    body = response.content.decode()
    assert "臺北市政府秘書處第 108 次處務會議紀錄" in body and "參、報告事項" in body
    assert "文書組高組長補充報告：4 點" in body
    assert not Meeting.objects.exists()


def test_saving_creates_a_draft_meeting_with_its_review_decisions(rec_client, seed_text):
    response = rec_client.post(URL, {"text": seed_text, "action": "save"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert meeting.status == Meeting.Status.DRAFT and Review.objects.filter(meeting=meeting).count() == 9


def test_text_it_cannot_read_shows_the_line_and_the_reason_and_saves_nothing(rec_client, seed_text):
    broken = seed_text.replace("時間：民國 111 年 1 月 20 日 10 時 0 分", "時間：下週四")
    response = rec_client.post(URL, {"text": broken, "action": "save"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "無法辨識" in body and 'class="bad"' in body and "時間：下週四" in body
    assert not Meeting.objects.exists()


def test_the_error_names_the_line_of_the_original_text(rec_client, seed_text):
    broken = seed_text.replace("時間：民國 111 年 1 月 20 日 10 時 0 分", "時間：下週四")
    response = rec_client.post(URL, {"text": broken, "action": "preview"})
    line = broken.split("\n").index("時間：下週四") + 1
    assert response.context["error"].line == line


def test_html_in_the_pasted_text_is_refused(rec_client, seed_text):
    text = seed_text.replace("會議結論：同意備查。", "會議結論：<script>alert(1)</script>")
    response = rec_client.post(URL, {"text": text, "action": "save"})
    assert response.status_code == 400 and "HTML" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_number_that_exists_is_refused_with_a_message(rec_client, seed_text, seed_meeting):
    response = rec_client.post(URL, {"text": seed_text, "action": "save"})
    html = response.content.decode()
    assert response.status_code == 200 and f"{seed_meeting.title} 已經在系統中，貼上匯入不會覆蓋既有的紀錄" in html
    assert Meeting.objects.count() == 1


def test_the_refusal_links_to_the_existing_meeting_and_names_no_command_line_option(
    rec_client, seed_text, seed_meeting
):
    html = rec_client.post(URL, {"text": seed_text, "action": "save"}).content.decode()
    assert f'如要修改，請開啟該次會議編輯：<a href="{seed_meeting.get_absolute_url()}">' in html
    assert "--replace" not in html


def test_an_empty_paste_is_refused_next_to_the_field(rec_client):
    response = rec_client.post(URL, {"text": "", "action": "preview"})
    assert response.context["form"].errors["text"] == ["這個欄位是必須的。"]


def test_a_paste_of_only_blank_lines_is_refused(rec_client):
    response = rec_client.post(URL, {"text": "\n  \n", "action": "preview"})
    assert response.context["form"].errors["text"] == ["請貼上會議紀錄的文字。"]


def test_the_preview_already_says_that_the_meeting_is_in_the_system(rec_client, seed_text, seed_meeting):
    response = rec_client.post(URL, {"text": seed_text, "action": "preview"})
    body = response.content.decode()
    assert f"{seed_meeting.title} 已經在系統中" in body and seed_meeting.get_absolute_url() in body
    assert Meeting.objects.count() == 1


def test_the_preview_warns_of_a_decision_the_cases_history_refuses_and_saves_nothing(rec_client, seed_text, seed_meeting):
    # The seed closed 10606 at meeting 108; a later record that closes it again is refused on saving, so the
    # preview says so first.
    later = seed_text.replace("第 108 次處務會議紀錄", "第 110 次處務會議紀錄")
    response = rec_client.post(URL, {"text": later, "action": "preview"})
    body = response.content.decode()
    assert "匯入時會被拒絕" in body and "10606" in body
    assert Meeting.objects.count() == 1 and Review.objects.filter(meeting__number=110).count() == 0
