"""Fixtures of the tracking tests: the office's units, clients logged in per role, meetings after 108."""

import pytest

from minutes.models import Conclusion, Meeting, Unit

UNITS = ["文書組", "國際事務組", "機要組", "市民服務組", "媒體事務組", "政風室", "公管中心", "總務組", "議會議事組"]


@pytest.fixture
def units(db):
    return {name: Unit.objects.update_or_create(name=name, defaults={"order": i})[0] for i, name in enumerate(UNITS, 1)}


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def conclusion_of(seed_meeting):
    def find(prefix, meeting=None):
        return Conclusion.objects.get(section__meeting=meeting or seed_meeting, text__startswith=prefix)

    return find


@pytest.fixture
def meeting_109(seed_meeting):
    import datetime as dt

    return Meeting.objects.create(
        series=seed_meeting.series, number=109, starts_at=seed_meeting.starts_at + dt.timedelta(days=28),
        previous=seed_meeting,
    )


@pytest.fixture
def meeting_108(db):
    """Meeting 108 (2022-01-20) of the seed's series: the seed itself when it is loaded, else a bare meeting."""
    import datetime as dt

    from django.utils import timezone

    from minutes.models import MeetingSeries

    series, _ = MeetingSeries.objects.get_or_create(organisation="臺北市政府秘書處", kind="處務")
    starts_at = timezone.make_aware(dt.datetime(2022, 1, 20, 10, 0))
    return Meeting.objects.get_or_create(series=series, number=108, defaults={"starts_at": starts_at})[0]


@pytest.fixture
def make_item(meeting_108, units):
    """A tracked item of meeting 108's series, without a conclusion: enough for lists, filters and reviews."""
    from tracking.models import TrackedItem

    def make(case_number, unit_names=("文書組",), status="open", due_date=None, subject="", closed_at=None):
        from minutes.reader.casenumbers import parse_case_number

        meeting_number, sequence = parse_case_number(case_number)
        item = TrackedItem.objects.create(
            series=meeting_108.series, meeting_number=meeting_number, sequence=sequence, status=status,
            due_date=due_date, subject=subject or f"案件 {case_number}", closed_meeting_number=closed_at,
        )
        item.responsible_units.set([units[name] for name in unit_names])
        return item

    return make


@pytest.fixture
def future_meeting(meeting_108):
    """Meeting 109, scheduled a few days from now: the next meeting units report for."""
    import datetime as dt

    from django.utils import timezone

    return Meeting.objects.create(
        series=meeting_108.series, number=109, starts_at=timezone.now() + dt.timedelta(days=3), previous=meeting_108,
    )
