"""On a phone (390 px) a wide table scrolls inside its box, shows a shadow where there is more, and every
decision on the review page can be reached and set."""

import datetime as dt

import pytest
from django.urls import reverse

from minutes import services
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCROLL_STATE = """box => ({
  page: document.documentElement.scrollWidth,
  overflow: box.scrollWidth - box.clientWidth,
  left: getComputedStyle(box, '::before').opacity,
  right: getComputedStyle(box, '::after').opacity,
})"""


def test_the_review_table_scrolls_in_its_box_with_a_shadow_on_the_side_that_has_more(
    live_server, phone, seed_meeting, recorder
):
    later = seed_meeting.starts_at + dt.timedelta(days=28)
    meeting_109 = services.meeting_create(user=recorder, series=seed_meeting.series, number=109, starts_at=later)
    log_in(phone, live_server.url, "recorder")
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
    log_in(phone, live_server.url, "recorder")
    phone.goto(live_server.url + reverse("tracking:statistics"))
    state = phone.locator(".table-scroll").last.evaluate(SCROLL_STATE)
    assert state["overflow"] == 0
    assert (state["left"], state["right"]) == ("0", "0")


def test_a_records_table_of_tracked_cases_scrolls_in_its_box_and_the_keyboard_reaches_it(live_server, phone, recorder):
    from minutes.reader import parse_minutes
    from tests.records import TABLE_WORD

    meeting = services.record_import(parse_minutes(TABLE_WORD))
    log_in(phone, live_server.url, "recorder")
    phone.goto(live_server.url + meeting.get_absolute_url())
    box = phone.locator(".record-table-box")
    state = box.evaluate(SCROLL_STATE)
    assert state["page"] == 390 and state["overflow"] > 0
    assert (state["left"], state["right"]) == ("0", "1")
    box.focus()
    for _ in range(5):
        phone.keyboard.press("ArrowRight")
    phone.wait_for_timeout(300)
    assert box.evaluate("box => box.scrollLeft") > 0
    assert box.locator("caption").inner_text() == "列管案件表（3 件）"
