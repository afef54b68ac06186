"""The chair's sign-off (minutes.services.meeting_sign) stores the document of record, shown on the meeting page.

meeting_sign prints the time of now into the PDF, so every test here sets the clock (time-machine): the width
of that time moves where the sign-off line would break, and a test must not pass or fail with the hour.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from minutes import documents
from minutes.models import SignedRecord
from minutes.services import meeting_sign
from tests.documents.conftest import pdftotext

TAIPEI = ZoneInfo("Asia/Taipei")
SHORT_TIME = dt.datetime(2026, 12, 2, 5, 6, tzinfo=TAIPEI)  # the time that once wrapped 簽核（簽 / 核人：…）
LONG_TIME = dt.datetime(2026, 12, 22, 15, 36, tzinfo=TAIPEI)

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(SHORT_TIME, tick=False)]


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(
            "本紀錄已於民國 115 年 12 月 2 日 5 時 6 分簽核（簽核人：陳志銘）。",
            marks=pytest.mark.time_machine(SHORT_TIME, tick=False),
            id="short-time-of-day",
        ),
        pytest.param(
            "本紀錄已於民國 115 年 12 月 22 日 15 時 36 分簽核（簽核人：陳志銘）。",
            marks=pytest.mark.time_machine(LONG_TIME, tick=False),
            id="long-time-of-day",
        ),
    ],
)
def test_signing_stores_the_pdf_with_the_signer_in_its_signature_block(seed_meeting, chair, line):
    meeting_sign(seed_meeting, chair)
    record = SignedRecord.objects.get(meeting=seed_meeting)
    assert record.sha256 == documents.sha256_of(bytes(record.pdf))
    assert line in [text.strip() for text in pdftotext(bytes(record.pdf)).splitlines()]


def test_signed_pdf_is_the_same_bytes_as_a_fresh_rendering(seed_meeting, chair):
    meeting_sign(seed_meeting, chair)
    seed_meeting.refresh_from_db()
    assert documents.render_meeting_pdf(seed_meeting) == bytes(SignedRecord.objects.get(meeting=seed_meeting).pdf)


def test_meeting_page_offers_the_pdf_and_shows_the_hash_once_signed(client, seed_meeting, chair, chief_wenshu):
    meeting_sign(seed_meeting, chair)
    client.force_login(chief_wenshu)
    page = client.get(seed_meeting.get_absolute_url()).content.decode()
    assert reverse("meeting-pdf", args=[seed_meeting.pk]) in page
    assert SignedRecord.objects.get(meeting=seed_meeting).sha256 in page
