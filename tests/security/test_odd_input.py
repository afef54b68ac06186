"""Odd input in a URL, a query or a form: a 404 or 400 page in Chinese, never a server error; numbers are checked
against what their column holds before they reach the database."""

import pytest
from django.urls import reverse

from minutes import services
from minutes.models import Meeting
from minutes.reader import parse_minutes
from tracking.models import TrackedItem

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
SUPERSCRIPT_TWO = "²"  # str.isdigit() says yes, int() says no



def odd_urls(meeting):
    pdf = reverse("meeting-pdf", args=[meeting.pk])
    return [
        f"/meetings/?q={SUPERSCRIPT_TWO}",
        f"/meetings/?q={HUGE}",
        "/meetings/?q=%00",
        f"/meetings/?year={HUGE}",
        f"/tracking/units/{SUPERSCRIPT_TWO}/",
        "/tracking/units/%00/",
        f"/tracking/units/{HUGE}/",
        f"/tracking/units/{'組' * 80}/",
        f"/tracking/units/{SUPERSCRIPT_TWO}/progress/",
        f"/meetings/new/?from={SUPERSCRIPT_TWO}",
        f"/meetings/new/?from={HUGE}",
        f"/meetings/{HUGE}/",
        f"/meetings/{HUGE}/pdf/",
        f"{pdf}?version={SUPERSCRIPT_TWO}",
        f"{pdf}?version={HUGE}",
        f"{pdf}?version=0",
        f"/tracking/?meeting_from={HUGE}&meeting_to={HUGE}",
        f"/tracking/?unit={HUGE}",
        "/tracking/?q=%00",
        f"/tracking/{'9' * 11}/",
        "/admin/minutes/meeting/?q=%00",
        f"/admin/minutes/meeting/?roc_year={HUGE}",
        f"/admin/minutes/meeting/?roc_year={SUPERSCRIPT_TWO}",
        f"/admin/minutes/meeting/?starts_at__year={HUGE}",
        f"/admin/minutes/meeting/?number={HUGE}",
        f"/admin/minutes/meeting/{HUGE}/change/",
        "/admin/tracking/trackeditem/?q=%00",
        f"/admin/tracking/trackeditem/?meeting_number={HUGE}",
        "/admin/tracking/review/?meeting__id__exact=%00",
    ]


def test_odd_input_in_a_url_is_a_page_in_chinese_never_a_server_error(staff, seed_meeting):
    for url in odd_urls(seed_meeting):
        response = staff.get(url)
        assert response.status_code < 500, url
        if response.status_code in (400, 404):
            body = response.content.decode()
            assert "找不到" in body or "無法處理" in body, url


def test_a_nul_in_a_form_is_refused_before_any_view_reads_it(staff, seed_text):
    from urllib.parse import urlencode

    body = urlencode({"text": seed_text.replace("臺北市", "臺北市\x00", 1), "action": "save"})
    response = staff.post(reverse("minutes:meeting-import"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and "NUL" in response.content.decode()
    # Sent as multipart (as no browser sends this form), the form's own check refuses it.
    response = staff.post(reverse("minutes:meeting-import"), {"text": seed_text.replace("臺北市", "臺北市\x00", 1),
                                                              "action": "save"})
    assert response.status_code == 200 and not Meeting.objects.exists()


def test_an_import_with_a_meeting_number_the_column_cannot_hold_is_refused_with_its_line(seed_text):
    parsed = parse_minutes(seed_text.replace("第 108 次處務會議紀錄", "第 2147483648 次處務會議紀錄"))
    with pytest.raises(services.MeetingError, match="會次 2147483648 超出可登錄的範圍"):
        services.record_import(parsed)
    assert not Meeting.objects.exists()


def test_an_import_naming_a_case_number_too_long_to_store_is_refused_naming_it(seed_text):
    text = seed_text.replace("列管案號 9903、9904", "列管案號 123456789、9904")
    with pytest.raises(services.MeetingError, match="123456789"):
        services.record_import(parse_minutes(text))
    assert not Meeting.objects.exists() and not TrackedItem.objects.exists()


def test_the_meeting_form_refuses_a_number_the_column_cannot_hold(client, recorder, seed_meeting):
    client.force_login(recorder)
    response = client.post(reverse("minutes:meeting-edit", args=[seed_meeting.pk]), {
        "number": "2147483648", "date": "111 年 1 月 20 日", "start_time": "10:00", "version": seed_meeting.version,
    })
    assert response.status_code == 200 and Meeting.objects.get(pk=seed_meeting.pk).number == 108
