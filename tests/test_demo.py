"""The demo data that `make run` loads: the 108th meeting, its tracked items and the documented logins."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from minutes.models import Meeting
from tracking.models import TrackedItem

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture
def demo_debug(settings):
    """The demo runs under `make run`, with DEBUG on: with it off the demo accounts are refused (tests/accounts)."""
    settings.DEBUG = True


def documented_logins() -> list[tuple[str, str]]:
    return re.findall(r"^\| `([a-z-]+)` \| `([^`]+)` \|", README.read_text(encoding="utf-8"), flags=re.MULTILINE)


def test_loading_the_demo_twice_gives_each_office_one_meeting_and_its_tracked_items():
    call_command("load_demo", stdout=None)
    call_command("load_demo", stdout=None)
    assert sorted(Meeting.objects.values_list("series__office__name", flat=True)) == ["臺北市政府秘書處", "臺北市政府資訊局"]
    meeting = Meeting.objects.get(series__office__name="臺北市政府秘書處")
    assert meeting.title == "臺北市政府秘書處第 108 次處務會議紀錄"
    assert TrackedItem.objects.filter(reviews__meeting=meeting).count() == 9
    assert TrackedItem.objects.filter(series=meeting.series, meeting_number=108).count() == 3


def test_both_offices_of_the_demo_have_a_case_10801_and_they_are_two_cases():
    call_command("load_demo", stdout=None)
    cases = TrackedItem.objects.filter(case_number="10801").select_related("series__office")
    assert sorted(c.series.office.name for c in cases) == ["臺北市政府秘書處", "臺北市政府資訊局"]


def test_every_login_the_readme_documents_works(client, demo_debug):
    call_command("load_demo", stdout=None)
    logins = documented_logins()
    assert len(logins) == 8
    for username, password in logins:
        assert client.login(username=username, password=password), username


def test_the_recorder_sees_the_108th_meeting_in_the_admin(client, demo_debug):
    call_command("load_demo", stdout=None)
    client.login(username="recorder", password="demo-recorder-108")
    response = client.get("/admin/minutes/meeting/")
    assert response.status_code == 200
    assert "108" in response.content.decode()


def test_each_demo_case_is_assigned_to_the_units_its_conclusion_names():
    call_command("load_demo", stdout=None)
    for item in TrackedItem.objects.filter(meeting_number=108).select_related("conclusion"):
        units = [unit.name for unit in item.responsible_units.all()]
        assert units and all(name in item.conclusion.text for name in units), (item.case_number, units)
