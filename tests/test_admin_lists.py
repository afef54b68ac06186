"""The admin's lists of meetings and tracked items show dates in the ROC calendar, like the rest of the app."""

import pytest
from django.urls import reverse

from tracking.models import TrackedItem

pytestmark = pytest.mark.django_db



def test_the_meeting_list_shows_the_roc_date_and_time(staff, seed_meeting):
    html = staff.get(reverse("admin:minutes_meeting_changelist")).content.decode()
    assert "111 年 1 月 20 日 10:00" in html
    assert "2022年1月20日" not in html


def test_the_tracked_item_list_shows_the_due_date_in_the_roc_calendar(staff, seed_meeting):
    TrackedItem.objects.filter(case_number="9903").update(due_date="2022-01-31")
    html = staff.get(reverse("admin:tracking_trackeditem_changelist")).content.decode()
    assert "111 年 1 月 31 日" in html
    assert "2022年1月31日" not in html
