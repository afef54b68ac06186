"""Importing a record loses nothing: the database gives back what the parser read, for every record we hold."""

import pytest
from django.utils import timezone

from minutes import documents, services
from minutes.models import Meeting
from minutes.reader import parse_minutes
from minutes.services import record_import
from tests.records import RECORDS, outline
from tracking.models import TrackedItem

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
                # A table is stored apart from the paragraphs (RecordTable); the reader gives it as paragraphs.
                "body": "\n".join(documents.body_lines(section.body_parts)),
                "conclusion": conclusion(section, section.section_conclusions),
                "items": [
                    {
                        "number": item.order,
                        "title": item.title,
                        "body": "\n".join(documents.body_lines(item.body_parts)),
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
                    for item in section.items.all()
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


def test_items_keep_the_numbers_the_record_gives_them() -> None:
    meeting = record_import(parse_minutes(RECORDS["numbered_on"]))
    reports, proposals, _motions = meeting.sections.all()
    assert [item.order for item in reports.items.all()] == [1, 2]
    assert [item.order for item in proposals.items.all()] == [3, 5]


def test_deleting_an_item_in_the_editor_numbers_the_items_after_it_again(recorder) -> None:
    meeting = record_import(parse_minutes(RECORDS["numbered_on"]))
    proposals = meeting.sections.get(number=2)
    first = proposals.items.get(order=3)
    services.item_delete(item=first, user=recorder, version=meeting.version)
    assert [(item.order, item.title[:6]) for item in proposals.items.all()] == [(1, "本局 114")]


def test_case_numbers_printed_after_conclusions_link_them_to_their_cases_again() -> None:
    text = (
        RECORDS["fire"]
        .replace("決議：照案通過。", "決議：照案通過。（列管案號 8801）")
        .replace(
            "(二) 請災害搶救科於下次會議提出救護車調度改善方案。",
            "(二) 請災害搶救科於下次會議提出救護車調度改善方案。(列管案號 8802)",
        )
    )
    meeting = record_import(parse_minutes(text))
    linked = (
        TrackedItem.objects.filter(series=meeting.series).select_related("conclusion").order_by("sequence")
    )
    assert [(item.case_number, item.conclusion.text) for item in linked] == [
        ("8801", "照案通過。"),
        ("8802", "請災害搶救科於下次會議提出救護車調度改善方案。"),
    ]
