"""On a phone (390 px wide) the pages fit the screen: wide tables scroll inside their box, not the page."""

import datetime as dt

import pytest
from django.urls import reverse

from minutes import services
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_main_pages_do_not_scroll_sideways_on_a_phone(live_server, phone, seed_meeting, recorder, chair):
    services.meeting_sign(seed_meeting, chair)  # the signed page shows the long SHA-256 of its file
    later = seed_meeting.starts_at + dt.timedelta(days=28)
    meeting_109 = services.meeting_create(user=recorder, series=seed_meeting.series, number=109, starts_at=later)
    log_in(phone, live_server.url, "recorder")
    widths = {}
    for url in ["/", reverse("minutes:meeting-list"), seed_meeting.get_absolute_url(), reverse("tracking:item-list"),
                reverse("minutes:meeting-create"), reverse("tracking:statistics"),
                reverse("tracking:meeting-review", args=[meeting_109.pk])]:
        phone.goto(live_server.url + url)
        widths[url] = phone.evaluate("document.documentElement.scrollWidth")
    assert widths == {url: 390 for url in widths}
