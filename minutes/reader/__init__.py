"""The reader of meeting records: plain text in, the parsed dataclasses out, with no Django involved.

`machine` reads, phase by phase, with the table of line kinds in `rules`; `lines` prepares the text, `tables`
reads tables of tracked cases, `proposals` and `cases` read a proposal's parts and cases in running text;
`numerals`, `rocdate`, `casenumbers` and `sentences` read numbers, dates, case numbers and decision sentences;
`decisions` lists every decision a parsed record states.
"""

from minutes.reader.decisions import NamedCase, RecordDecisions, StatedDecision, read_record_decisions
from minutes.reader.machine import meeting_name, parse_minutes, split_report_heading
from minutes.reader.parsed import (
    ParsedConclusion,
    ParsedItem,
    ParsedMeeting,
    ParsedPart,
    ParsedReport,
    ParsedRow,
    ParsedSection,
    ParsedTable,
    ParseError,
    Text,
    Wording,
    line_of,
)
from minutes.reader.rules import own_part_starts, reads_as_its_own_part

__all__ = [
    "NamedCase",
    "ParseError",
    "ParsedConclusion",
    "ParsedItem",
    "ParsedMeeting",
    "ParsedPart",
    "ParsedReport",
    "ParsedRow",
    "ParsedSection",
    "ParsedTable",
    "RecordDecisions",
    "StatedDecision",
    "Text",
    "Wording",
    "line_of",
    "meeting_name",
    "own_part_starts",
    "parse_minutes",
    "read_record_decisions",
    "reads_as_its_own_part",
    "split_report_heading",
]
