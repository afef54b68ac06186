"""The meeting list and the tracking list find a two-character Chinese word (minutes/search.py)."""

import datetime as dt

import pytest
from django.urls import reverse

from minutes.models import Conclusion, Meeting, Section

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(make_user, login):
    return login(make_user("reader"))


def test_the_meeting_list_and_the_tracking_list_find_a_two_character_word(
    reader, make_item, meeting_108
):
    make_item("10801", subject="辦理採購案")
    make_item("10802", subject="疫情應變")
    section = Section.objects.create(meeting=meeting_108, number=9, title="討論事項")
    Conclusion.objects.create(section=section, text="請依採購法辦理")
    other = Meeting.objects.create(series=meeting_108.series, number=107,
                                   starts_at=meeting_108.starts_at - dt.timedelta(days=14))
    items = reader.get(reverse("tracking:item-list"), {"q": "採購"}).context["page"]
    assert [i.case_number for i in items] == ["10801"]
    meetings = reader.get(reverse("minutes:meeting-list"), {"q": "採購"}).context["meetings"]
    assert meeting_108 in meetings and other not in meetings
