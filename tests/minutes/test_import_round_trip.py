"""Importing a record loses nothing: the database gives back what the parser read, for every record we hold."""

import pytest
from django.utils import timezone

from minutes.models import Meeting
from minutes.parsing import parse_minutes
from tests.records import RECORDS, outline
from tracking.importing import record_import

pytestmark = pytest.mark.django_db


def meeting_outline(meeting: Meeting) -> dict:
    """The record as the database holds it, in the shape of tests.records.outline."""

    def conclusion(holder, conclusions):
        if not conclusions:
            return None
        return {"label": holder.conclusion_label, "points": [c.text for c in conclusions]}

    meeting = Meeting.objects.with_outline().get(pk=meeting.pk)
    return {
        "organisation": meeting.series.organisation,
        "kind": meeting.series.kind,
        "number": meeting.number,
        "starts_at": timezone.localtime(meeting.starts_at).replace(tzinfo=None),
        "place": meeting.place,
        "chair": meeting.chair,
        "recorder": meeting.recorder,
        "attendees": meeting.attendees,
        "observers": meeting.observers,
        "absentees": meeting.absentees,
        "adjourned_at": meeting.adjourned_at,
        "attachments": meeting.attachments.splitlines(),
        "sections": [
            {
                "number": section.number,
                "title": section.title,
                "body": section.body,
                "conclusion": conclusion(section, section.section_conclusions),
                "items": [
                    {
                        "number": number,
                        "title": item.title,
                        "body": item.body,
                        "reports": [
                            {
                                "label": report.label,
                                "heading": report.heading,
                                "unit": report.unit.name if report.unit else "",
                                "surname": report.reporter_surname,
                                "title": report.reporter_title,
                                "points": [p.text for p in report.points.all()],
                            }
                            for report in item.reports.all()
                        ],
                        "conclusion": conclusion(item, list(item.conclusions.all())),
                    }
                    for number, item in enumerate(section.items.all(), 1)
                ],
            }
            for section in meeting.sections.all()
        ],
    }


@pytest.mark.parametrize("name", RECORDS)
def test_imported_record_gives_back_everything_the_parser_read(name: str) -> None:
    parsed = parse_minutes(RECORDS[name])
    meeting = record_import(parsed)
    assert meeting_outline(meeting) == outline(parsed)
