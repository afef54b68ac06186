"""What an import reads a record to decide, and what tracking later reads the stored record to decide, are the same:
the first edit after an import never changes a review by itself."""

import pytest

from minutes import documents, services
from minutes.errors import MeetingError
from minutes.reader import parse_minutes
from minutes.reader.decisions import read_record_decisions
from tests.records import RECORDS
from tracking import selectors
from tracking.models import Review

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_the_stored_record_decides_what_its_text_decided(name):
    parsed = parse_minutes(RECORDS[name])
    try:
        meeting = services.record_import(parsed)
    except MeetingError:
        pytest.fail(f"{name} no longer imports")
    read = read_record_decisions(parsed).outcomes()
    # The stored record reads back as a whole record (tracking does not fall back to its conclusions alone).
    assert read_record_decisions(parse_minutes(documents.record_text(meeting))).outcomes() == read
    assert selectors.stated_decisions(meeting) == read
    assert dict(Review.objects.filter(meeting=meeting).values_list("item__case_key", "decision")) == read
