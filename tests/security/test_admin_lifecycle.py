"""The admin cannot unfreeze a signed meeting, rewrite the review history or move a status past the lifecycle."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minutes import services
from minutes.models import Meeting, MeetingSeries, Section
from tracking.models import Review, TrackedItem

pytestmark = pytest.mark.django_db
WHEN = timezone.make_aware(dt.datetime(2022, 2, 17, 10, 0))



@pytest.fixture
def signed(recorder, chair):
    series = MeetingSeries.objects.get_or_create(organisation="臺北市政府秘書處", kind="處務")[0]
    meeting = services.meeting_create(user=recorder, series=series, number=109, starts_at=WHEN, place="第一會議室")
    services.section_create(meeting=meeting, user=recorder, version=1, number=1, title="報告事項")
    services.meeting_sign(meeting, chair)
    meeting.refresh_from_db()
    return meeting


def revert_data(meeting):
    return {"series": meeting.series_id, "number": meeting.number, "starts_at_0": "2022-02-17",
            "starts_at_1": "10:00:00", "place": "改過的地點", "chair": "", "recorder": "", "attendees": "",
            "observers": "", "absentees": "", "sections-TOTAL_FORMS": "0", "sections-INITIAL_FORMS": "0",
            "_change_history": "1"}


def test_reverting_a_signed_meeting_to_its_draft_history_is_refused(staff, signed):
    draft_version = signed.history.filter(status="draft").order_by("-history_date").first()
    url = reverse("admin:minutes_meeting_simple_history", args=[signed.pk, draft_version.history_id])
    response = staff.post(url, revert_data(signed))
    signed.refresh_from_db()
    assert (signed.status, signed.place) == ("signed", "第一會議室")
    assert response.status_code == 403


def test_reverting_a_draft_in_the_admin_is_refused_so_its_version_cannot_go_back(staff, recorder):
    series = MeetingSeries.objects.get_or_create(organisation="臺北市政府秘書處", kind="處務")[0]
    meeting = services.meeting_create(user=recorder, series=series, number=110, starts_at=WHEN, place="甲")
    services.meeting_update(meeting=meeting, user=recorder, version=1, place="乙")
    first = meeting.history.order_by("history_date").first()
    response = staff.post(reverse("admin:minutes_meeting_simple_history", args=[meeting.pk, first.history_id]),
                          revert_data(meeting))
    meeting.refresh_from_db()
    assert response.status_code == 403 and (meeting.version, meeting.place) == (2, "乙")


def test_an_old_version_of_a_meeting_can_still_be_read_in_the_admin(staff, signed):
    first = signed.history.order_by("history_date").first()
    response = staff.get(reverse("admin:minutes_meeting_simple_history", args=[signed.pk, first.history_id]))
    assert response.status_code == 200


def test_reverting_a_section_of_a_signed_meeting_is_refused(staff, signed):
    section = Section.objects.get(meeting=signed)
    first = section.history.order_by("history_date").first()
    response = staff.post(reverse("admin:minutes_section_simple_history", args=[section.pk, first.history_id]),
                          {"meeting": signed.pk, "number": 1, "order": 1, "title": "改掉", "body": "",
                           "conclusion_label": "會議結論", "_change_history": "1"})
    assert response.status_code == 403 and Section.objects.get(pk=section.pk).title == "報告事項"


def test_a_signed_meeting_cannot_be_deleted_with_the_bulk_action(staff, signed):
    staff.post(reverse("admin:minutes_meeting_changelist"),
               {"action": "delete_selected", "_selected_action": [signed.pk], "post": "yes"})
    assert Meeting.objects.filter(pk=signed.pk, status="signed").exists()


def test_a_section_cannot_be_added_to_a_signed_meeting_in_the_admin(staff, signed):
    response = staff.post(reverse("admin:minutes_section_add"),
                          {"meeting": signed.pk, "number": 2, "order": 2, "title": "偷加", "body": "",
                           "conclusion_label": "會議結論"})
    assert response.status_code in (200, 403)
    assert not Section.objects.filter(meeting=signed, title="偷加").exists()


def test_the_status_of_a_tracked_item_cannot_be_typed_over_in_the_admin(staff, make_user, signed):
    item = TrackedItem.objects.create(series=signed.series, meeting_number=109, sequence=1, subject="案")
    response = staff.post(reverse("admin:tracking_trackeditem_change", args=[item.pk]),
                          {"subject": "案", "status": "closed", "responsible_units": [], "supporting_units": [],
                           "reviews-TOTAL_FORMS": "0", "reviews-INITIAL_FORMS": "0"})
    item.refresh_from_db()
    assert response.status_code in (200, 302) and item.status == "open"


def test_reviews_are_append_only_in_the_admin(staff, signed, recorder):
    item = TrackedItem.objects.create(series=signed.series, meeting_number=108, sequence=1, subject="案")
    review = Review.objects.create(item=item, meeting=signed, decision="close", status_before="open",
                                   status_after="closed", decided_by=recorder)
    change = staff.post(reverse("admin:tracking_review_change", args=[review.pk]), {"decision": "continue"})
    delete = staff.post(reverse("admin:tracking_review_delete", args=[review.pk]), {"post": "yes"})
    add = staff.get(reverse("admin:tracking_review_add"))
    review.refresh_from_db()
    assert (change.status_code, delete.status_code, add.status_code) == (403, 403, 403)
    assert review.decision == "close"


def test_a_conclusion_of_a_draft_cannot_be_hung_under_an_item_of_a_signed_meeting(staff, signed, recorder):
    from minutes.models import AgendaItem, Conclusion

    signed_item = AgendaItem.objects.create(section=Section.objects.get(meeting=signed), order=1, title="已簽核的案由")
    draft = services.meeting_create(user=recorder, series=signed.series, number=110, starts_at=WHEN)
    section = services.section_create(meeting=draft, user=recorder, version=1, number=1, title="報告事項")
    conclusion = services.conclusion_create(section=section, user=recorder, version=2, text="同意備查。")
    staff.post(reverse("admin:minutes_conclusion_change", args=[conclusion.pk]),
               {"section": section.pk, "item": signed_item.pk, "order": 1, "text": "同意備查。"})
    assert Conclusion.objects.get(pk=conclusion.pk).item_id is None
    assert not signed_item.conclusions.exists()


def test_the_add_pages_of_parts_with_inlines_open_in_the_admin(staff):
    for name in ["admin:minutes_section_add", "admin:minutes_agendaitem_add", "admin:minutes_supplementaryreport_add"]:
        assert staff.get(reverse(name)).status_code == 200, name


# --- roles are given by the administrator, not taken in the admin ------------------------------------------


def test_the_recorder_cannot_make_themselves_chair_in_the_admin(staff, recorder):
    profile = recorder.memberships.get()
    response = staff.post(reverse("admin:minutes_membership_change", args=[profile.pk]),
                          {"user": recorder.pk, "office": profile.office_id, "role": "chair", "unit": "", "title": ""})
    profile.refresh_from_db()
    assert response.status_code == 403 and profile.role == "recorder"


def test_the_recorder_cannot_give_another_account_a_role_in_the_admin(staff, make_user):
    member = make_user("member")
    role = member.memberships.get()
    response = staff.post(reverse("admin:minutes_membership_change", args=[role.pk]),
                          {"user": member.pk, "office": role.office_id, "role": "chair", "unit": "", "title": ""})
    role.refresh_from_db()
    assert response.status_code == 403 and role.role == "member"


def test_a_superuser_assigns_roles_in_the_admin(client, make_user, django_user_model):
    admin = django_user_model.objects.create_superuser("it-admin", password="pw-it-admin")
    member = make_user("member")
    role = member.memberships.get()
    client.force_login(admin)
    client.post(reverse("admin:minutes_membership_change", args=[role.pk]),
                {"user": member.pk, "office": role.office_id, "role": "chair", "unit": "", "title": "處長"})
    role.refresh_from_db()
    assert role.role == "chair"


def test_progress_cannot_be_written_in_the_admin_under_a_chiefs_name(staff, signed, chief_wenshu):
    item = TrackedItem.objects.create(series=signed.series, meeting_number=108, sequence=1, subject="案")
    item.responsible_units.add(chief_wenshu.memberships.get().unit)
    from tracking.models import ProgressReport

    response = staff.post(reverse("admin:tracking_progressreport_add"),
                          {"item": item.pk, "unit": chief_wenshu.memberships.get().unit.pk, "text": "已完成",
                           "suggestion": "close", "author": chief_wenshu.pk})
    assert response.status_code == 403
    assert not ProgressReport.objects.exists()
