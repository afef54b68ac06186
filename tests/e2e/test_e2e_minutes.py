"""End to end in a real headless Chromium: the recorder writes meeting 109 from 108, the chair signs it."""

import re

import pytest
from django.urls import reverse

from minutes.models import Meeting
from tests.e2e.conftest import log_in, log_out, new_page, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_recorder_writes_meeting_109_from_108_and_the_chair_signs_it(live_server, page, seed_meeting, recorder, chair):
    base = live_server.url
    log_in(page, base, "recorder")

    # A new meeting from the last one: number, chair and place come prefilled.
    page.goto(base + reverse("minutes:meeting-list"))
    shot(page, "01-meeting-list")
    page.click("text=新增會議紀錄")
    assert page.input_value("#id_number") == "109"
    assert page.input_value("#id_chair") == "陳志銘"
    page.fill("#id_date", "111年2月17日")
    page.fill("#id_start_time", "10時0分")
    shot(page, "02-create-from-108")
    page.click("button:has-text('建立草稿')")
    page.wait_for_url(re.compile(r".*/meetings/\d+/edit/$"))
    meeting = Meeting.objects.get(number=109)
    assert page.locator("text=壹、宣讀 111 年 1 月 20 日第 108 次處務會議紀錄。").count() == 1

    # An item with a supplementary report and two conclusions, under 參、報告事項.
    reports = page.locator("section.ed-section", has_text="參、報告事項")
    reports.locator("a.add-link", has_text="新增案由").click()
    page.fill("#id_title", "資訊安全宣導事項。")
    page.click("#part-form button:has-text('儲存')")
    item = page.locator("div.ed-item", has_text="資訊安全宣導事項。")
    item.locator("a.add-link", has_text="新增補充報告").click()
    page.select_option("#id_unit", label="文書組")
    page.fill("#id_reporter_surname", "高")
    page.fill("#id_reporter_title", "組長")
    page.fill("#id_points_text", "(一) 社交工程演練將於三月舉行。\n(二) 請同仁勿開啟來路不明信件。")
    page.click("#part-form button:has-text('儲存')")
    item = page.locator("div.ed-item", has_text="資訊安全宣導事項。")
    item.locator("a.add-link", has_text="新增結論").click()
    page.fill("#id_text", "同意備查。\n請文書組於三月底前完成社交工程演練檢討。")
    shot(page, "03-adding-conclusions")
    page.click("#part-form button:has-text('儲存')")
    item = page.locator("div.ed-item", has_text="資訊安全宣導事項。")
    assert item.locator("text=文書組高組長補充報告：").count() == 1
    assert item.locator("text=(二)").count() == 2  # the second point and the second conclusion
    shot(page, "04-editing-page")

    # Mark the second conclusion as tracked on the tracking page; the case number is given automatically.
    item.locator("li", has_text="請文書組於三月底前").locator("a.track-link").click()
    page.wait_for_url(re.compile(r".*/tracking/conclusions/\d+/track/\?back=edit$"))
    assert page.locator("input[name=units]:checked").count() >= 1  # 文書組 suggested from the text
    shot(page, "05-track-conclusion")
    page.click("button:has-text('確定列管')")
    # Back on the editing page where the recorder was, at the conclusion, now with its case number.
    page.wait_for_url(re.compile(r".*/meetings/\d+/edit/#conclusion-\d+$"))
    assert page.locator(".case-badge", has_text="10901").count() == 1
    page.goto(base + meeting.get_absolute_url())
    assert page.locator(".case-badge", has_text="10901").count() == 1
    shot(page, "06-meeting-page-draft")
    log_out(page)

    # The chair reads 109: it confirms 108, which is still a draft, so the sign page says 108 comes first.
    log_in(page, base, "chair")
    page.goto(base + meeting.get_absolute_url())
    page.click("a:has-text('簽核')")
    assert page.locator(".conflict", has_text="請先簽核第 108 次").count() == 1
    assert page.locator("button:has-text('確認簽核')").is_disabled()
    page.goto(base + reverse("minutes:meeting-sign", args=[seed_meeting.pk]))
    page.click("button:has-text('確認簽核')")
    page.wait_for_url(base + seed_meeting.get_absolute_url())
    assert page.locator(".status-badge.signed").count() == 1
    page.goto(base + reverse("minutes:meeting-sign", args=[meeting.pk]))
    shot(page, "07-sign-confirm")
    page.click("button:has-text('確認簽核')")
    page.wait_for_url(base + meeting.get_absolute_url())
    assert page.locator(".status-badge.signed").count() == 1
    shot(page, "08-signed")
    log_out(page)

    # Editing is refused from now on, for the recorder too.
    log_in(page, base, "recorder")
    page.goto(base + reverse("minutes:meeting-edit", args=[meeting.pk]))
    page.wait_for_url(base + meeting.get_absolute_url())
    assert page.locator(".message.error", has_text="已簽核，不能再修改").count() == 1
    assert page.locator("a:has-text('編輯紀錄')").count() == 0
    shot(page, "09-editing-refused")

    # A correction after signing is an amendment under the record; the signed text stays as it was.
    page.click("summary:has-text('登錄更正')")
    page.fill("#id_reason", "結論文字誤植")
    page.fill("#id_changes", "參、二、會議結論(二)「三月底」更正為「四月底」。")
    page.click("form[action$='/amend/'] button:has-text('登錄更正')")
    assert page.locator(".amendment", has_text="結論文字誤植").count() == 1
    assert page.locator("li", has_text="請文書組於三月底前完成社交工程演練檢討。").count() == 1
    shot(page, "10-amendment")
    meeting.refresh_from_db()
    assert meeting.is_signed and meeting.signed_by == chair


def test_two_people_editing_at_once_the_second_save_shows_what_changed(live_server, browser, seed_meeting, recorder,
                                                                        make_user):
    from minutes.models import Role

    make_user("recorder2", Role.RECORDER, first_name="林書記")
    base, edit = live_server.url, reverse("minutes:meeting-edit", args=[seed_meeting.pk])
    pages = []
    for username in ("recorder", "recorder2"):
        page = new_page(browser)
        log_in(page, base, username)
        page.goto(base + edit)
        pages.append(page)
    first, second = pages
    first.fill("#id_place", "市政大樓 11 樓第一會議室")
    first.click("button:has-text('儲存會議資訊')")
    first.wait_for_selector(".message.success")
    second.fill("#id_attendees", "處長、副處長及各組室主管")
    second.click("button:has-text('儲存會議資訊')")
    conflict = second.locator(".conflict")
    assert conflict.locator("text=修改會議資訊：地點").count() == 1
    assert conflict.locator("text=市政大樓 11 樓第一會議室").count() == 1
    assert second.input_value("#id_attendees") == "處長、副處長及各組室主管"  # nothing typed is lost
    shot(second, "11-edit-conflict")
    second.click("button:has-text('儲存會議資訊')")  # saved deliberately after seeing the change
    second.wait_for_selector(".message.success")
    seed_meeting.refresh_from_db()
    assert (seed_meeting.place, seed_meeting.attendees) == ("市政大樓 11 樓第一會議室", "處長、副處長及各組室主管")
