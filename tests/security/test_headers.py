"""Every response carries a Content-Security-Policy that forbids inline script, and no page of ours needs one."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_forbids_inline_script_and_framing(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src" not in policy  # scripts fall back to 'self' only
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


@pytest.mark.parametrize("name", ["home", "minutes:meeting-list", "tracking:item-list", "tracking:statistics",
                                  "verify", "admin:index", "admin:minutes_meeting_changelist"])
def test_no_page_relies_on_an_inline_script(client, recorder, seed_meeting, name):
    recorder.is_staff = True
    recorder.is_superuser = True
    recorder.save()
    client.force_login(recorder)
    html = client.get(reverse(name)).content.decode()
    inline = [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag]
    assert inline == []


def test_the_meeting_pages_rely_on_no_inline_script(client, recorder, seed_meeting):
    client.force_login(recorder)
    recorder.is_staff = recorder.is_superuser = True
    recorder.save()
    for url in [seed_meeting.get_absolute_url(), reverse("minutes:meeting-edit", args=[seed_meeting.pk]),
                reverse("admin:minutes_meeting_change", args=[seed_meeting.pk]),
                reverse("admin:minutes_meeting_history", args=[seed_meeting.pk])]:
        html = client.get(url).content.decode()
        assert [t for t in re.findall(r"<script\b[^>]*>", html) if "src=" not in t] == [], url


def test_no_template_carries_an_inline_event_handler():
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "templates"
    found = [str(p) for p in templates.rglob("*.html") if re.search(r"\son[a-z]+=\"", p.read_text(encoding="utf-8"))]
    assert found == []
