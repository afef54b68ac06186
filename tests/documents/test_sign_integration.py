"""The chair's sign-off (minutes.services.meeting_sign) stores the document of record, shown on the meeting page."""

import pytest
from django.urls import reverse

from minutes import documents
from minutes.models import SignedRecord
from minutes.services import meeting_sign
from tests.documents.conftest import pdftotext

pytestmark = pytest.mark.django_db


def test_signing_stores_the_pdf_with_the_signer_in_its_signature_block(seed_meeting, chair):
    meeting_sign(seed_meeting, chair)
    record = SignedRecord.objects.get(meeting=seed_meeting)
    assert record.sha256 == documents.sha256_of(bytes(record.pdf))
    assert "簽核人：陳志銘" in pdftotext(bytes(record.pdf)).replace(" ", "")


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
