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
