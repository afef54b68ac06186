"""A text over its limit is kept whole in the field, counted where the recorder can see and a screen reader can
hear, and refused by the server by name; nothing is cut short without a word."""

import re

import pytest
from django.urls import reverse

from minutes.models import AgendaItem, Section
from tests.e2e.conftest import log_in, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def count_of(page, field):
    return page.locator(f"{field} + .text-count")


def test_a_pasted_2400_character_title_is_kept_counted_and_refused_until_shortened(live_server, page, seed_meeting,
                                                                                  recorder):
    section = Section.objects.get(meeting=seed_meeting, title="報告事項")
    log_in(page, live_server.url, "recorder")
    page.goto(live_server.url + reverse("minutes:part-add", args=[seed_meeting.pk, "item", "section", section.pk]))
    count = count_of(page, "#id_title")
    assert count.is_hidden()  # nothing typed yet
    assert count.get_attribute("id") in page.get_attribute("#id_title", "aria-describedby").split()

    page.fill("#id_title", "資" * 2400)
    assert len(page.input_value("#id_title")) == 2400
    assert count.is_visible() and count.inner_text() == "2,400／2,000 字，超過 400 字"
    assert "over" in count.get_attribute("class")
    spoken = page.locator("#id_title_count + [role=status]")
    spoken.filter(has_text="已輸入 2,400 字，上限 2,000 字，超過 400 字").wait_for(state="attached")
    shot(page, "long-text-1-counted")

    page.click("#part-form button:has-text('儲存')")
    page.wait_for_selector("#id_title_error")
    assert page.inner_text("#id_title_error") == "案由最多 2,000 字，目前 2,400 字（超過 400 字）。"
    assert len(page.input_value("#id_title")) == 2400  # nothing lost: the recorder shortens it
    assert count_of(page, "#id_title").inner_text() == "2,400／2,000 字，超過 400 字"
    shot(page, "long-text-2-refused")
    assert not AgendaItem.objects.filter(section=section, title__startswith="資").exists()

    page.fill("#id_title", "資" * 2000)
    assert count_of(page, "#id_title").inner_text() == "2,000／2,000 字"
    assert "over" not in count_of(page, "#id_title").get_attribute("class")
    page.click("#part-form button:has-text('儲存')")
    page.wait_for_url(re.compile(r".*/edit/#item-\d+$"))
    assert AgendaItem.objects.get(section=section, title__startswith="資").title == "資" * 2000


def test_a_one_line_field_shows_its_count_only_near_its_limit(live_server, page, seed_meeting, recorder):
    log_in(page, live_server.url, "recorder")
    page.goto(live_server.url + reverse("minutes:meeting-edit", args=[seed_meeting.pk]))
    count = count_of(page, "#id_place")
    assert count.is_hidden()  # 視訊會議: 4 of 100
    page.fill("#id_place", "會" * 85)
    assert count.is_visible() and count.inner_text() == "85／100 字"
    page.fill("#id_place", "會" * 120)
    assert count.inner_text() == "120／100 字，超過 20 字"
