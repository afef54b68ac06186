"""Nothing a signed record shows changes through the admin: cases, series, units, closed cases, numbers."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minutes import services
from minutes.models import Conclusion, Meeting, MeetingSeries, Unit
from tracking import lifecycle
from tracking.models import Status, TrackedItem

pytestmark = pytest.mark.django_db



@pytest.fixture
def signed_case(seed_meeting, chair):
    conclusion = Conclusion.objects.get(section__meeting=seed_meeting, text__startswith="請文書組於一月底前")
    case = lifecycle.case_open(conclusion=conclusion, units=[Unit.objects.get_or_create(name="文書組")[0]])
    services.meeting_sign(seed_meeting, chair)
    return case


def test_a_case_opened_in_a_signed_meeting_cannot_be_deleted_in_the_admin(staff, signed_case):
    page = staff.get(reverse("admin:tracking_trackeditem_delete", args=[signed_case.pk]))
    post = staff.post(reverse("admin:tracking_trackeditem_delete", args=[signed_case.pk]), {"post": "yes"})
    assert (page.status_code, post.status_code) == (403, 403)
    assert TrackedItem.objects.filter(pk=signed_case.pk).exists()


def test_the_bulk_delete_refuses_a_case_of_a_signed_meeting_and_deletes_nothing(staff, signed_case):
    draft_case = TrackedItem.objects.get(case_number="9903")
    response = staff.post(reverse("admin:tracking_trackeditem_changelist"),
                          {"action": "delete_selected", "_selected_action": [signed_case.pk, draft_case.pk],
                           "post": "yes"})
    assert response.status_code in (200, 403)  # Django's page of what cannot be deleted, or a refusal
    assert TrackedItem.objects.filter(pk__in=[signed_case.pk, draft_case.pk]).count() == 2


def test_a_series_with_a_signed_meeting_cannot_be_renamed_and_the_admin_says_why(staff, signed_case):
    series = MeetingSeries.objects.get()
    page = staff.get(reverse("admin:minutes_meetingseries_change", args=[series.pk]))
    assert "機關與會議類別不能修改" in page.content.decode()
    staff.post(reverse("admin:minutes_meetingseries_change", args=[series.pk]),
               {"organisation": "臺北市政府秘書處（新）", "kind": "處務"})
    assert MeetingSeries.objects.get().organisation == "臺北市政府秘書處"


def test_a_unit_a_signed_record_shows_cannot_be_renamed_but_can_be_retired(staff, signed_case):
    unit = Unit.objects.get(name="文書組")
    page = staff.get(reverse("admin:minutes_unit_change", args=[unit.pk]))
    assert "請將此組室的「使用中」取消" in page.content.decode()
    staff.post(reverse("admin:minutes_unit_change", args=[unit.pk]),
               {"office": unit.office_id, "name": "文書科", "order": 0, "active": "", "email": ""})
    unit.refresh_from_db()
    assert (unit.name, unit.active) == ("文書組", False)


def test_a_unit_no_signed_record_shows_can_be_renamed(staff, seed_meeting):
    unit = Unit.objects.create(name="新設組")
    staff.post(reverse("admin:minutes_unit_change", args=[unit.pk]), {"office": unit.office_id, "name": "研考組",
                                                                      "order": 0, "active": "on", "email": ""})
    assert Unit.objects.get(pk=unit.pk).name == "研考組"


def test_a_closed_case_is_read_only_in_the_admin(staff, seed_meeting):
    closed = TrackedItem.objects.get(case_number="10606")
    assert closed.status == Status.CLOSED
    response = staff.post(reverse("admin:tracking_trackeditem_change", args=[closed.pk]),
                          {"subject": "改寫的案由", "responsible_units": [], "supporting_units": [], "due_date": ""})
    assert response.status_code == 403 and TrackedItem.objects.get(pk=closed.pk).subject == closed.subject


def test_an_open_case_changed_in_the_admin_gets_a_change_reason_in_its_history(staff, seed_meeting, recorder):
    case = TrackedItem.objects.get(case_number="9903")
    unit = Unit.objects.get_or_create(name="總務組")[0]
    staff.post(reverse("admin:tracking_trackeditem_change", args=[case.pk]), {
        "subject": "公務車輛統計", "responsible_units": [unit.pk], "supporting_units": [], "due_date": "111 年 3 月 31 日",
        "reviews-TOTAL_FORMS": "0", "reviews-INITIAL_FORMS": "0",
    })
    case.refresh_from_db()
    assert case.due_date == dt.date(2022, 3, 31) and list(case.responsible_units.all()) == [unit]
    latest = case.history.order_by("-history_date").first()
    assert latest.history_user == recorder and "期限 未訂 → 111 年 3 月 31 日" in latest.history_change_reason


def test_a_draft_with_cases_cannot_be_renumbered_in_the_admin(staff, seed_meeting):
    response = staff.post(reverse("admin:minutes_meeting_change", args=[seed_meeting.pk]), {
        "number": 109, "starts_at": "民國 111 年 1 月 20 日 10 時 0 分", "adjourned_at": "10:45", "place": "視訊會議",
        "chair": "陳志銘", "recorder": "葉霆怡", "attendees": "如簽到表", "observers": "", "absentees": "", "attachments": "",
        "sections-TOTAL_FORMS": "0", "sections-INITIAL_FORMS": "0",
    }, follow=True)
    assert "會次不能再變更" in response.content.decode()
    assert Meeting.objects.get(pk=seed_meeting.pk).number == 108


def test_the_admin_shows_and_takes_dates_in_the_roc_calendar(staff, seed_meeting):
    page = staff.get(reverse("admin:minutes_meeting_change", args=[seed_meeting.pk])).content.decode()
    assert "民國 111 年 1 月 20 日 10 時 0 分" in page
    staff.post(reverse("admin:minutes_meeting_change", args=[seed_meeting.pk]), {
        "number": 108, "starts_at": "民國 111 年 1 月 20 日 14 時 30 分", "adjourned_at": "16:00", "place": "視訊會議",
        "chair": "陳志銘", "recorder": "葉霆怡", "attendees": "如簽到表", "observers": "", "absentees": "", "attachments": "",
        "sections-TOTAL_FORMS": "0", "sections-INITIAL_FORMS": "0",
    })
    assert timezone.localtime(Meeting.objects.get(pk=seed_meeting.pk).starts_at).hour == 14


def test_the_admin_labels_the_record_in_chinese(staff, seed_meeting):
    page = staff.get(reverse("admin:minutes_conclusion_add")).content.decode()
    assert "段落" in page and "案由" in page
    assert ">Section<" not in page and ">Item<" not in page
