"""The reader of meeting records: plain text in, the parsed dataclasses out, with no Django involved."""

from minutes.reader.machine import meeting_name, parse_minutes, split_report_heading
from minutes.reader.parsed import (
    ParsedConclusion,
    ParsedItem,
    ParsedMeeting,
    ParsedReport,
    ParsedSection,
    ParseError,
)
from minutes.reader.rules import own_part_starts, reads_as_its_own_part

__all__ = [
    "ParseError",
    "ParsedConclusion",
    "ParsedItem",
    "ParsedMeeting",
    "ParsedReport",
    "ParsedSection",
    "meeting_name",
    "own_part_starts",
    "parse_minutes",
    "reads_as_its_own_part",
    "split_report_heading",
]
