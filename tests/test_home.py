"""The home page starts each role on its own work: the recorder on a new record, the chair on what awaits signing."""

import pytest
from django.urls import reverse

from minutes import services

pytestmark = pytest.mark.django_db


def test_the_recorders_home_page_offers_a_new_meeting_and_the_paste_import(client, recorder):
    client.force_login(recorder)
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("minutes:meeting-create")}"' in html
    assert f'href="{reverse("minutes:meeting-import")}"' in html


def test_a_chief_is_not_offered_a_new_meeting(client, chief_wenshu):
    client.force_login(chief_wenshu)
    assert reverse("minutes:meeting-create") not in client.get(reverse("home")).content.decode()


def test_the_chairs_home_page_lists_drafts_awaiting_signature_with_the_way_to_sign(client, chair, seed_meeting):
    client.force_login(chair)
    html = client.get(reverse("home")).content.decode()
    assert "待簽核的會議紀錄" in html
    assert seed_meeting.title in html
    assert "111 年 1 月 20 日" in html
    assert reverse("minutes:meeting-sign", args=[seed_meeting.pk]) in html


def test_a_signed_meeting_leaves_the_chairs_list_and_an_empty_list_says_so(client, chair, seed_meeting):
    services.meeting_sign(seed_meeting, chair)
    client.force_login(chair)
    html = client.get(reverse("home")).content.decode()
    assert reverse("minutes:meeting-sign", args=[seed_meeting.pk]) not in html
    assert "目前沒有待簽核的會議紀錄。" in html


def test_logging_out_says_so_on_the_login_page(client, recorder):
    client.force_login(recorder)
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "您已登出。" in response.content.decode()
    assert "_auth_user_id" not in client.session
