"""The meeting page leads the recorder to the review of tracked items; others do not see the way in."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_recorder_reaches_the_review_from_a_draft_meeting(client, recorder, seed_meeting):
    client.force_login(recorder)
    page = client.get(seed_meeting.get_absolute_url()).content.decode()
    assert reverse("tracking:meeting-review", args=[seed_meeting.pk]) in page


def test_a_division_chief_sees_no_review_link(client, chief_wenshu, seed_meeting):
    client.force_login(chief_wenshu)
    page = client.get(seed_meeting.get_absolute_url()).content.decode()
    assert reverse("tracking:meeting-review", args=[seed_meeting.pk]) not in page


def test_the_review_link_is_named_like_the_page_it_opens(client, recorder, seed_meeting):
    client.force_login(recorder)
    page = client.get(seed_meeting.get_absolute_url()).content.decode()
    review_page = client.get(reverse("tracking:meeting-review", args=[seed_meeting.pk])).content.decode()
    assert ">結論事項辦理情形</a>" in page
    assert "結論事項辦理情形</h1>" in review_page
