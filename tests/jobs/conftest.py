"""Fixtures of the background-file tests: a files directory of the test's own, signed meetings of one year."""

import datetime as dt

import pytest
from django.utils import timezone

from minutes import documents
from minutes.models import Meeting


def sign_directly(meeting, user, when=None):
    """The signed state as meeting_sign sets it, without its checks (a bare meeting 109 has no record to check)."""
    meeting.status = Meeting.Status.SIGNED
    meeting.signed_by = user
    meeting.signed_at = when or timezone.make_aware(dt.datetime(2022, 1, 27, 15, 30))
    meeting.save(update_fields=["status", "signed_by", "signed_at"])
    return documents.signed_record_create(meeting)


@pytest.fixture(autouse=True)
def _own_files_dir(files_dir):
    return files_dir


@pytest.fixture
def signed_year(seed_meeting, chair):
    """The seed meeting 108 (2022-01-20) and a meeting 109 of the same series four weeks later, both signed."""
    sign_directly(seed_meeting, chair)
    meeting_109 = Meeting.objects.create(
        series=seed_meeting.series, number=109, starts_at=seed_meeting.starts_at + dt.timedelta(days=28),
        previous=seed_meeting, chair="陳志銘", recorder="葉霆怡", place="市政大樓",
    )
    sign_directly(meeting_109, chair, when=timezone.make_aware(dt.datetime(2022, 2, 24, 15, 0)))
    return [seed_meeting, meeting_109]
