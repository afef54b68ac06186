"""Each audited event writes one row: who, when, what, on what, from which address."""

import pytest
from django.urls import reverse

from audit.models import Event
from minutes.models import Membership, Role
from minutes.services import meeting_amend, meeting_sign

pytestmark = pytest.mark.django_db
ADDRESS = "203.0.113.5"


def only(action) -> Event:
    events = list(Event.objects.filter(action=action))
    assert len(events) == 1, [str(e) for e in events]
    return events[0]


def test_a_login_and_a_logout(client, chief_wenshu):
    client.post(reverse("login"), {"username": "wenshu", "password": "pw-wenshu"}, REMOTE_ADDR=ADDRESS)
    client.post(reverse("logout"), REMOTE_ADDR=ADDRESS)
    login, logout = only("login"), only("logout")
    assert (login.user, login.username, login.address) == (chief_wenshu, "wenshu", ADDRESS)
    assert (logout.user, logout.address) == (chief_wenshu, ADDRESS)
    assert login.at <= logout.at


def test_a_failed_login_keeps_the_name_as_typed(client, db):
    client.post(reverse("login"), {"username": "no-such-user", "password": "x"}, REMOTE_ADDR=ADDRESS)
    failure = only("login_failed")
    assert (failure.user, failure.username, failure.address) == (None, "no-such-user", ADDRESS)


def test_the_address_behind_the_load_balancer_is_the_clients(client, chief_wenshu, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(reverse("login"), {"username": "wenshu", "password": "pw-wenshu"}, REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert only("login").address == "198.51.100.7"


def test_signing_is_audited_with_the_hash_of_the_stored_file(seed_meeting, chair):
    meeting_sign(seed_meeting, chair)
    event = only("meeting_sign")
    assert (event.user, event.target_type, event.target_id) == (chair, "minutes.meeting", str(seed_meeting.pk))
    assert event.detail == f"SHA-256 {seed_meeting.signed_records.get().sha256}"


def test_an_amendment_is_audited_with_its_reason_and_the_version_it_stored(seed_meeting, chair, recorder):
    meeting_sign(seed_meeting, chair)
    meeting_amend(seed_meeting, recorder, reason="出席名單漏列一人", changes="出席：加列 王小明")
    event = only("meeting_amend")
    version = seed_meeting.signed_records.get(version=2)
    assert (event.user, event.target_id) == (recorder, str(seed_meeting.pk))
    assert event.detail == f"第 2 版，SHA-256 {version.sha256}：出席名單漏列一人"


def test_a_pdf_download_is_audited(client, seed_meeting, chair):
    meeting_sign(seed_meeting, chair)
    client.force_login(chair)
    assert client.get(reverse("meeting-pdf", args=[seed_meeting.pk]), REMOTE_ADDR=ADDRESS).status_code == 200
    event = only("pdf_download")
    assert (event.user, event.target_id, event.address, event.detail) == (chair, str(seed_meeting.pk), ADDRESS,
                                                                         "簽核版")


def test_a_refused_download_is_not_a_download(client, seed_meeting, chief_wenshu):
    client.force_login(chief_wenshu)
    assert client.get(reverse("meeting-pdf", args=[seed_meeting.pk])).status_code == 403  # a draft
    assert not Event.objects.filter(action="pdf_download").exists()


def test_an_export_is_audited_with_its_format_and_filters(client, chief_wenshu, seed_meeting):
    client.force_login(chief_wenshu)
    response = client.get(reverse("tracking:item-export", args=["csv"]) + "?status=open", REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    event = only("export")
    assert (event.user, event.address, event.detail) == (chief_wenshu, ADDRESS, "CSV；條件：status=open")


def test_a_role_given_in_the_admin_is_audited_before_and_after(client, make_user, db):
    from django.contrib.auth import get_user_model

    admin_user = get_user_model().objects.create_superuser("admin", "a@example.gov.tw", "pw")
    clerk = make_user("clerk")
    client.force_login(admin_user)
    profile = Membership.objects.get(user=clerk)
    response = client.post(reverse("admin:minutes_membership_change", args=[profile.pk]),
                           {"user": clerk.pk, "office": profile.office_id, "role": Role.CHAIR, "unit": "",
                            "title": "處長"}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 302
    event = only("role_change")
    assert (event.user, event.address, event.target_id) == (admin_user, ADDRESS, str(profile.pk))
    assert event.detail == "角色：同仁 → 主席"
    assert only("admin_change").target_id == str(profile.pk)


def test_privileges_given_in_the_user_admin_are_audited(client, make_user, db):
    from django.contrib.auth import get_user_model

    admin_user = get_user_model().objects.create_superuser("admin", "a@example.gov.tw", "pw")
    clerk = make_user("clerk")
    client.force_login(admin_user)
    response = client.post(reverse("admin:auth_user_change", args=[clerk.pk]), {
        "username": "clerk", "is_active": "on", "is_staff": "on", "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00", "initial-date_joined_0": "2026-01-01", "initial-date_joined_1": "09:00:00",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    assert only("role_change").detail == "工作人員狀態：否 → 是"


def test_adding_and_deleting_in_the_admin_are_audited(client, db):
    from django.contrib.auth import get_user_model

    from minutes.models import Unit

    admin_user = get_user_model().objects.create_superuser("admin", "a@example.gov.tw", "pw")
    client.force_login(admin_user)
    from minutes.models import Office

    office = Office.objects.create(name="臺北市政府研究發展考核委員會")
    client.post(reverse("admin:minutes_unit_add"), {"office": office.pk, "name": "研考組", "order": 3, "active": "on",
                                                    "email": ""},
                REMOTE_ADDR=ADDRESS)
    unit = Unit.objects.get(name="研考組")
    client.post(reverse("admin:minutes_unit_delete", args=[unit.pk]), {"post": "yes"}, REMOTE_ADDR=ADDRESS)
    added, deleted = only("admin_add"), only("admin_delete")
    assert (added.target_type, added.target, added.address) == ("minutes.unit", "研考組", ADDRESS)
    assert (deleted.target_id, deleted.target, deleted.user) == (str(unit.pk), "研考組", admin_user)


def test_deleting_several_rows_in_one_action_audits_each(client, db):
    from django.contrib.auth import get_user_model

    from minutes.models import Unit

    admin_user = get_user_model().objects.create_superuser("admin", "a@example.gov.tw", "pw")
    units = [Unit.objects.create(name=n) for n in ("甲組", "乙組", "丙組")]
    client.force_login(admin_user)
    client.post(reverse("admin:minutes_unit_changelist"),
                {"action": "delete_selected", "_selected_action": [u.pk for u in units], "post": "yes"})
    assert sorted(Event.objects.filter(action="admin_delete").values_list("target", flat=True)) == ["丙組", "乙組", "甲組"]

