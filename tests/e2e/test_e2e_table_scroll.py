"""On a phone (390 px) a wide table scrolls inside its box, shows a shadow where there is more, and every
decision on the review page can be reached and set."""

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

SCROLL_STATE = """box => ({
  page: document.documentElement.scrollWidth,
  overflow: box.scrollWidth - box.clientWidth,
  left: getComputedStyle(box, '::before').opacity,
  right: getComputedStyle(box, '::after').opacity,
})"""


@pytest.fixture
def phone():
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-TW", is_mobile=True)
        page = context.new_page()
        page.set_default_timeout(20_000)
        yield page
        browser.close()


def test_the_review_table_scrolls_in_its_box_with_a_shadow_on_the_side_that_has_more(
    live_server, phone, seed_meeting, recorder
):
    later = seed_meeting.starts_at + dt.timedelta(days=28)
    meeting_109 = services.meeting_create(user=recorder, series=seed_meeting.series, number=109, starts_at=later)
    phone.goto(live_server.url + reverse("login"))
    phone.fill("#id_username", "recorder")
    phone.fill("#id_password", "pw-recorder")
    phone.click("button[type=submit]")
    phone.wait_for_url(live_server.url + "/")
    phone.goto(live_server.url + reverse("tracking:meeting-review", args=[meeting_109.pk]))
    box = phone.locator(".table-scroll").first

    start = box.evaluate(SCROLL_STATE)
    assert start["page"] == 390 and start["overflow"] > 0
    assert (start["left"], start["right"]) == ("0", "1")

    box.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    phone.wait_for_timeout(100)
    end = box.evaluate(SCROLL_STATE)
    assert (end["left"], end["right"]) == ("1", "0")

    for select in phone.locator(".review-table td.decision select").all():
        select.scroll_into_view_if_needed()
        area = select.bounding_box()
        assert 0 <= area["x"] and area["x"] + area["width"] <= 390
        select.select_option("continue")
        assert select.input_value() == "continue"


def test_a_table_that_fits_shows_no_shadow(live_server, phone, seed_meeting, recorder):
    phone.goto(live_server.url + reverse("login"))
    phone.fill("#id_username", "recorder")
    phone.fill("#id_password", "pw-recorder")
    phone.click("button[type=submit]")
    phone.wait_for_url(live_server.url + "/")
    phone.goto(live_server.url + reverse("tracking:statistics"))
    state = phone.locator(".table-scroll").last.evaluate(SCROLL_STATE)
    assert state["overflow"] == 0
    assert (state["left"], state["right"]) == ("0", "0")
