"""An imported record obeys the same length limits as the forms: text over them is refused with its line, not
saved (SQLite) or turned into a server error (PostgreSQL's varchar)."""

import pytest
from django.urls import reverse

from minutes import services
from minutes.models import Meeting
from minutes.reader import parse_minutes
from minutes.services import record_import

pytestmark = pytest.mark.django_db


def test_an_import_with_a_place_over_its_length_is_refused_with_the_field(seed_text):
    parsed = parse_minutes(seed_text)
    parsed.place = "第" * 150
    with pytest.raises(services.MeetingError, match="地點.*100"):
        record_import(parsed)
    assert not Meeting.objects.exists()


def test_an_import_with_a_conclusion_over_its_length_is_refused_with_its_line(seed_text):
    parsed = parse_minutes(seed_text)
    conclusion = parsed.sections[1].items[0].conclusion
    conclusion.points[0] = "長" * 6000
    with pytest.raises(services.MeetingError, match=f"第 {conclusion.line} 行"):
        record_import(parsed)
    assert not Meeting.objects.exists()


def test_an_import_with_a_long_reporter_title_is_refused(seed_text):
    parsed = parse_minutes(seed_text)
    report = next(r for s in parsed.sections for i in s.items for r in i.reports)
    report.title = "組" * 30
    with pytest.raises(services.MeetingError, match="報告人職稱"):
        record_import(parsed)


def test_the_paste_page_refuses_a_place_over_its_length_and_saves_nothing(client, recorder, seed_text):
    client.force_login(recorder)
    place = next(line for line in seed_text.splitlines() if line.startswith("地點"))
    text = seed_text.replace(place, "地點：" + "第" * 150, 1)
    response = client.post(reverse("minutes:meeting-import"), {"text": text, "action": "save"})
    assert response.status_code in (200, 400)
    assert "地點" in response.context["save_error"]
    assert not Meeting.objects.exists()


def test_the_seed_itself_imports_within_every_limit(seed_text):
    assert record_import(parse_minutes(seed_text)).number == 108
