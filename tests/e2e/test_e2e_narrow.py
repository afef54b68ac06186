"""On a phone (390 px wide) the pages fit the screen: wide tables scroll inside their box, not the page."""

import datetime as dt
import os

import pytest
from django.urls import reverse
from playwright import sync_api as playwright_sync

from minutes import services

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync",
]


@pytest.fixture
def phone():
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-TW")
        page = context.new_page()
        page.set_default_timeout(20_000)
        yield page
        browser.close()


def test_the_main_pages_do_not_scroll_sideways_on_a_phone(live_server, phone, seed_meeting, recorder, chair):
    services.meeting_sign(seed_meeting, chair)  # the signed page shows the long SHA-256 of its file
    later = seed_meeting.starts_at + dt.timedelta(days=28)
    meeting_109 = services.meeting_create(user=recorder, series=seed_meeting.series, number=109, starts_at=later)
    phone.goto(live_server.url + reverse("login"))
    phone.fill("#id_username", "recorder")
    phone.fill("#id_password", "pw-recorder")
    phone.click("button[type=submit]")
    phone.wait_for_url(live_server.url + "/")
    widths = {}
    for url in ["/", reverse("minutes:meeting-list"), seed_meeting.get_absolute_url(), reverse("tracking:item-list"),
                reverse("minutes:meeting-create"), reverse("tracking:statistics"),
                reverse("tracking:meeting-review", args=[meeting_109.pk])]:
        phone.goto(live_server.url + url)
        widths[url] = phone.evaluate("document.documentElement.scrollWidth")
    assert widths == {url: 390 for url in widths}
