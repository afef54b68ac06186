"""On a phone, wide tables scroll inside their own box and the actions in them stay within reach."""

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from minutes import services

pytestmark = pytest.mark.django_db


class _TableParents(HTMLParser):
    """The classes of the element around each <table>."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.parents: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.parents.append(self.stack[-1] if self.stack else "")
        if tag not in {"br", "input", "img", "meta", "link", "hr", "col"}:
            self.stack.append(f"{tag}.{dict(attrs).get('class') or ''}")

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop().split(".", 1)[0] == tag:
                break


def table_parents(html: str) -> list[str]:
    parser = _TableParents()
    parser.feed(html)
    return parser.parents


@pytest.fixture
def meeting_109(seed_meeting, recorder):
    later = seed_meeting.starts_at + dt.timedelta(days=28)
    return services.meeting_create(user=recorder, series=seed_meeting.series, number=109, starts_at=later)


@pytest.fixture
def pages(seed_meeting, meeting_109, recorder, chair, chief_zongwu):
    unit = chief_zongwu.memberships.get().unit
    return [
        (recorder, reverse("home")),
        (chair, reverse("home")),
        (chief_zongwu, reverse("home")),
        (chief_zongwu, reverse("tracking:unit-dashboard", args=[unit.pk])),
        (recorder, reverse("tracking:item-list")),
        (recorder, reverse("minutes:meeting-list")),
        (recorder, reverse("tracking:statistics")),
        (recorder, reverse("tracking:meeting-review", args=[meeting_109.pk])),
        (recorder, reverse("tracking:meeting-review", args=[seed_meeting.pk])),
    ]


def test_every_table_on_the_list_home_review_and_statistics_pages_sits_in_a_scroll_box(client, pages):
    unwrapped = {}
    for user, url in pages:
        client.force_login(user)
        parents = table_parents(client.get(url).content.decode())
        assert parents, f"{url} as {user.username} shows no table"
        bad = [parent for parent in parents if parent != "div.table-scroll"]
        if bad:
            unwrapped[f"{user.username} {url}"] = bad
    assert unwrapped == {}


def test_the_stylesheet_scrolls_the_box_sideways_and_shades_the_side_with_more_columns():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "app.css").read_text(encoding="utf-8")
    box = re.search(r"^\.table-scroll \{([^}]*)\}", css, re.MULTILINE)
    assert box and "overflow-x: auto" in box.group(1) and "position: relative" in box.group(1)
    shadows = re.search(r"^\s*\.table-scroll::before, \.table-scroll::after \{([^}]*)\}", css, re.MULTILINE)
    assert shadows and "position: sticky" in shadows.group(1) and "pointer-events: none" in shadows.group(1)
    assert "animation-timeline: --table-scroll" in css


def _row_of(html: str, marker: str) -> str:
    rows = [row for row in re.findall(r"<tr>.*?</tr>", html, re.DOTALL) if marker in row]
    assert rows, marker
    return rows[0]


def test_the_recorders_home_page_puts_the_review_link_before_the_long_meeting_title(
    client, recorder, meeting_109
):
    client.force_login(recorder)
    review_url = reverse("tracking:meeting-review", args=[meeting_109.pk])
    row = _row_of(client.get(reverse("home")).content.decode(), review_url)
    assert row.index("結論事項辦理情形") < row.index(meeting_109.title)


def test_the_chairs_home_page_puts_the_sign_button_before_the_long_meeting_title(client, chair, seed_meeting):
    client.force_login(chair)
    sign_url = reverse("minutes:meeting-sign", args=[seed_meeting.pk])
    row = _row_of(client.get(reverse("home")).content.decode(), sign_url)
    assert row.index("檢視並簽核") < row.index(seed_meeting.title)
