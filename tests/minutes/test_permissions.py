"""Who may do what, checked on the server: each role against each action, including forged POSTs."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from minutes import services
from minutes.models import Amendment, Meeting, MeetingSeries, Role, Section

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()
WHEN = timezone.make_aware(dt.datetime(2022, 2, 17, 10, 0), TZ)
ROLES = ["recorder", "chair", "chief", "member"]


@pytest.fixture
def users(recorder, chair, chief_wenshu, make_user):
    return {"recorder": recorder, "chair": chair, "chief": chief_wenshu, "member": make_user("member", Role.MEMBER)}


@pytest.fixture
def draft(recorder):
    series = MeetingSeries.objects.get_or_create(organisation="臺北市政府秘書處", kind="處務")[0]
    meeting = services.meeting_create(user=recorder, series=series, number=109, starts_at=WHEN, chair="陳志銘")
    services.section_create(meeting=meeting, user=recorder, version=1, number=3, title="報告事項")
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def signed(draft, chair):
    services.meeting_sign(draft, chair)
    draft.refresh_from_db()
    return draft


def header(meeting, **changes):
    data = {"number": meeting.number, "date": "111/2/17", "start_time": "10:00", "place": "別處",
            "chair": meeting.chair, "recorder": "", "attendees": "", "version": meeting.version}
    data.update(changes)
    return data


def snapshot(meeting):
    meeting.refresh_from_db()
    return (meeting.version, meeting.status, meeting.place, Section.objects.filter(meeting=meeting).count())


# --- reading: everyone signed in, nobody else ---------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_list_and_the_meeting(client, users, draft, role):
    client.force_login(users[role])
    assert client.get(reverse("minutes:meeting-list")).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("name", ["minutes:meeting-create", "minutes:meeting-import"])
def test_an_anonymous_visitor_is_sent_to_the_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("login") in response.url


def test_an_anonymous_post_changes_nothing(client, draft):
    before = snapshot(draft)
    response = client.post(reverse("minutes:meeting-edit", args=[draft.pk]), header(draft))
    assert response.status_code == 302 and snapshot(draft) == before


# --- the recorder's pages: others get 403 even with a forged POST --------------------------------------------


@pytest.mark.parametrize("role", ["chair", "chief", "member"])
@pytest.mark.parametrize("name", ["minutes:meeting-create", "minutes:meeting-import"])
def test_only_the_recorder_opens_the_create_and_import_pages(client, users, role, name):
    client.force_login(users[role])
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("role", ["chair", "chief", "member"])
def test_a_forged_create_is_refused(client, users, draft, role):
    client.force_login(users[role])
    response = client.post(reverse("minutes:meeting-create"), {
        "series": draft.series_id, "number": 200, "date": "111/2/17", "start_time": "10:00"})
    assert response.status_code == 403 and not Meeting.objects.filter(number=200).exists()


@pytest.mark.parametrize("role", ["chair", "chief", "member"])
def test_a_forged_header_edit_is_refused(client, users, draft, role):
    client.force_login(users[role])
    before = snapshot(draft)
    response = client.post(reverse("minutes:meeting-edit", args=[draft.pk]), header(draft))
    assert response.status_code == 403 and snapshot(draft) == before


@pytest.mark.parametrize("role", ["chair", "chief", "member"])
@pytest.mark.parametrize("action", ["add", "edit", "delete", "move"])
def test_a_forged_part_write_is_refused(client, users, draft, role, action):
    client.force_login(users[role])
    section = draft.sections.get()
    url, data = {
        "add": (reverse("minutes:part-add", args=[draft.pk, "section", "meeting", draft.pk]),
                {"number": 4, "title": "討論事項", "conclusion_label": "會議結論"}),
        "edit": (reverse("minutes:part-edit", args=[draft.pk, "section", section.pk]),
                 {"number": 3, "title": "改掉", "conclusion_label": "會議結論"}),
        "delete": (reverse("minutes:part-delete", args=[draft.pk, "section", section.pk]), {}),
        "move": (reverse("minutes:part-move", args=[draft.pk, "section", section.pk]), {"direction": "up"}),
    }[action]
    before = snapshot(draft)
    response = client.post(url, {**data, "version": draft.version})
    assert response.status_code == 403 and snapshot(draft) == before


@pytest.mark.parametrize("role", ["chair", "chief", "member"])
def test_a_forged_paste_import_is_refused(client, users, seed_text, role):
    client.force_login(users[role])
    response = client.post(reverse("minutes:meeting-import"), {"text": seed_text, "action": "save"})
    assert response.status_code == 403 and not Meeting.objects.exists()


@pytest.mark.parametrize("role", ["chair", "chief", "member"])
def test_the_editing_page_is_not_offered_to_other_roles(client, users, draft, role):
    client.force_login(users[role])
    assert client.get(reverse("minutes:meeting-edit", args=[draft.pk])).status_code == 403
    assert reverse("minutes:meeting-edit", args=[draft.pk]) not in client.get(draft.get_absolute_url()).content.decode()


# --- signing: the chair only --------------------------------------------------------------------------------


def test_the_chair_signs_a_draft(client, users, draft):
    client.force_login(users["chair"])
    response = client.post(reverse("minutes:meeting-sign", args=[draft.pk]), {"version": draft.version})
    draft.refresh_from_db()
    assert response.status_code == 302 and draft.is_signed and draft.signed_by == users["chair"]


@pytest.mark.parametrize("role", ["recorder", "chief", "member"])
def test_a_forged_signature_is_refused(client, users, draft, role):
    client.force_login(users[role])
    response = client.post(reverse("minutes:meeting-sign", args=[draft.pk]), {"version": draft.version})
    draft.refresh_from_db()
    assert response.status_code == 403 and not draft.is_signed


def test_the_chair_cannot_sign_a_version_they_did_not_read(client, users, draft, recorder):
    client.force_login(users["chair"])
    read = draft.version
    services.section_create(meeting=draft, user=recorder, version=read, number=4, title="討論事項")
    response = client.post(reverse("minutes:meeting-sign", args=[draft.pk]), {"version": read})
    draft.refresh_from_db()
    assert response.status_code == 409 and not draft.is_signed and "新增段落：肆、討論事項" in response.content.decode()


def test_the_sign_button_is_shown_to_the_chair_only(client, users, draft):
    url = reverse("minutes:meeting-sign", args=[draft.pk])
    client.force_login(users["chair"])
    assert url in client.get(draft.get_absolute_url()).content.decode()
    client.force_login(users["recorder"])
    assert url not in client.get(draft.get_absolute_url()).content.decode()


# --- signed means frozen ------------------------------------------------------------------------------------


def test_the_recorder_cannot_edit_the_header_of_a_signed_meeting(client, users, signed):
    client.force_login(users["recorder"])
    before = snapshot(signed)
    response = client.post(reverse("minutes:meeting-edit", args=[signed.pk]), header(signed), follow=True)
    assert snapshot(signed) == before and "已簽核，不能再修改" in response.content.decode()


@pytest.mark.parametrize("action", ["add", "edit", "delete", "move"])
def test_the_recorder_cannot_change_a_part_of_a_signed_meeting(client, users, signed, action):
    client.force_login(users["recorder"])
    section = signed.sections.get()
    url, data = {
        "add": (reverse("minutes:part-add", args=[signed.pk, "item", "section", section.pk]), {"title": "新案由"}),
        "edit": (reverse("minutes:part-edit", args=[signed.pk, "section", section.pk]),
                 {"number": 3, "title": "改掉", "conclusion_label": "會議結論"}),
        "delete": (reverse("minutes:part-delete", args=[signed.pk, "section", section.pk]), {}),
        "move": (reverse("minutes:part-move", args=[signed.pk, "section", section.pk]), {"direction": "up"}),
    }[action]
    before = snapshot(signed)
    client.post(url, {**data, "version": signed.version})
    assert snapshot(signed) == before and section.title == Section.objects.get(pk=section.pk).title


def test_the_editing_page_of_a_signed_meeting_sends_back_to_the_record(client, users, signed):
    client.force_login(users["recorder"])
    response = client.get(reverse("minutes:meeting-edit", args=[signed.pk]))
    assert response.status_code == 302 and response.url == signed.get_absolute_url()


def test_a_signed_meeting_cannot_be_signed_again(client, users, signed):
    client.force_login(users["chair"])
    signed_at = signed.signed_at
    client.post(reverse("minutes:meeting-sign", args=[signed.pk]), {"version": signed.version})
    signed.refresh_from_db()
    assert signed.signed_at == signed_at


def test_the_admin_refuses_to_change_a_signed_meeting(client, users, signed):
    recorder = users["recorder"]
    recorder.is_staff = True
    recorder.save()
    recorder.user_permissions.set(Permission.objects.filter(content_type__app_label="minutes"))
    client.force_login(recorder)
    url = reverse("admin:minutes_meeting_change", args=[signed.pk])
    response = client.post(url, {"number": 999, "series": signed.series_id, "starts_at_0": "2022-02-17",
                                 "starts_at_1": "10:00"})
    signed.refresh_from_db()
    assert response.status_code == 403 and signed.number == 109


def test_the_admin_refuses_to_change_a_section_of_a_signed_meeting(client, users, signed):
    recorder = users["recorder"]
    recorder.is_staff = True
    recorder.save()
    recorder.user_permissions.set(Permission.objects.filter(content_type__app_label="minutes"))
    client.force_login(recorder)
    section = signed.sections.get()
    response = client.post(reverse("admin:minutes_section_change", args=[section.pk]),
                           {"meeting": signed.pk, "number": 3, "order": 1, "title": "改掉"})
    assert response.status_code == 403 and Section.objects.get(pk=section.pk).title == "報告事項"


def test_the_admin_refuses_to_delete_a_signed_meeting(client, users, signed):
    recorder = users["recorder"]
    recorder.is_staff = True
    recorder.save()
    recorder.user_permissions.set(Permission.objects.filter(content_type__app_label="minutes"))
    client.force_login(recorder)
    response = client.post(reverse("admin:minutes_meeting_delete", args=[signed.pk]), {"post": "yes"})
    assert response.status_code == 403 and Meeting.objects.filter(pk=signed.pk).exists()


# --- amendments after signing -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["recorder", "chair"])
def test_the_recorder_and_the_chair_record_an_amendment(client, users, signed, role):
    client.force_login(users[role])
    response = client.post(reverse("minutes:meeting-amend", args=[signed.pk]),
                           {"reason": "人名誤植", "changes": "紀錄：「葉霆恰」更正為「葉霆怡」"})
    amendment = Amendment.objects.get()
    assert response.status_code == 302 and amendment.author == users[role]


@pytest.mark.parametrize("role", ["chief", "member"])
def test_a_forged_amendment_is_refused(client, users, signed, role):
    client.force_login(users[role])
    response = client.post(reverse("minutes:meeting-amend", args=[signed.pk]), {"reason": "x", "changes": "y"})
    assert response.status_code == 403 and not Amendment.objects.exists()


def test_an_amendment_is_shown_under_the_record_with_who_and_why(client, users, signed):
    services.meeting_amend(signed, users["recorder"], reason="人名誤植", changes="「葉霆恰」更正為「葉霆怡」")
    client.force_login(users["chief"])
    body = client.get(signed.get_absolute_url()).content.decode()
    assert "人名誤植" in body and "「葉霆恰」更正為「葉霆怡」" in body and "葉霆怡" in body


def test_an_amendment_does_not_change_the_signed_content(client, users, signed):
    before = snapshot(signed)
    client.force_login(users["recorder"])
    client.post(reverse("minutes:meeting-amend", args=[signed.pk]), {"reason": "誤植", "changes": "某處更正"})
    assert snapshot(signed) == before


def test_an_amendment_without_a_reason_is_refused_in_chinese(client, users, signed):
    client.force_login(users["recorder"])
    response = client.post(reverse("minutes:meeting-amend", args=[signed.pk]), {"reason": "", "changes": "x"})
    assert response.status_code == 400 and "這個欄位是必須的" in response.content.decode()
    assert not Amendment.objects.exists()


def test_a_draft_takes_no_amendment_through_the_page(client, users, draft):
    client.force_login(users["recorder"])
    client.post(reverse("minutes:meeting-amend", args=[draft.pk]), {"reason": "誤植", "changes": "x"})
    assert not Amendment.objects.exists()


def test_a_change_in_the_admin_goes_through_the_services_like_the_pages(client, users, draft):
    recorder = users["recorder"]
    recorder.is_staff = True
    recorder.save()
    recorder.user_permissions.set(Permission.objects.filter(content_type__app_label="minutes"))
    client.force_login(recorder)
    section = draft.sections.get()
    version = draft.version
    response = client.post(reverse("admin:minutes_section_change", args=[section.pk]), {
        "meeting": draft.pk, "number": 3, "order": 1, "title": "報告事項（改）", "body": "", "conclusion_label": "會議結論",
        "items-TOTAL_FORMS": 0, "items-INITIAL_FORMS": 0, "conclusions-TOTAL_FORMS": 0, "conclusions-INITIAL_FORMS": 0,
    })
    draft.refresh_from_db()
    assert response.status_code == 302 and draft.version == version + 1
    latest = draft.history.first()
    assert (latest.history_change_reason, latest.history_user) == ("修改段落：參、報告事項（改）", recorder)
