"""Each office's case-number scheme is a row of data: how its numbers look, the key one case has however it is
written, and the n-th new number of a meeting in it."""

import datetime as dt

import pytest

from minutes.reader.casenumbers import DEFAULT_SCHEME, SCHEME, SCHEMES, case_key, read_case_number

MEETING_DAY = dt.date(2024, 3, 5)  # ROC 113


@pytest.mark.parametrize(
    ("written", "scheme", "key"),
    [
        ("10801", "meeting", "10801"),
        ("9903", "meeting", "9903"),
        ("113-01", "year_sequence", "11301"),
        ("11303-1", "meeting_sequence", "1130301"),
        ("1130305-1", "date", "113030501"),
        ("A11301", "prefix", "A11301"),
        ("1130501", "year_meeting_sequence", "1130501"),
        ("113-05-01", "year_meeting_hyphenated", "1130501"),
        ("１０８０１", "meeting", "10801"),
        ("113－01", "year_sequence", "11301"),
    ],
)
def test_each_scheme_recognises_its_numbers_and_keeps_them_as_written(written: str, scheme: str, key: str):
    number = read_case_number(written)
    assert (number.written, number.scheme, number.key) == (written, scheme, key)
    assert case_key(written) == key


@pytest.mark.parametrize("written", ["", "12", "10800", "11201-03", "0113", "第一案", "A1"])
def test_what_no_scheme_reads_is_no_case_number(written: str):
    assert read_case_number(written) is None
    with pytest.raises(ValueError, match="無法辨識的列管案號"):
        case_key(written)


def test_one_case_written_two_ways_has_one_key():
    assert case_key("113-01") == case_key("11301")
    assert case_key("11303-1") == case_key("1130301")
    assert case_key("113-05-01") == case_key("1130501")


def test_numbers_sort_by_meeting_then_sequence_not_as_text():
    written = ["10801", "9903", "10710", "10702"]
    assert sorted(written, key=lambda number: read_case_number(number).sort_key) == ["9903", "10702", "10710", "10801"]


@pytest.mark.parametrize(
    ("scheme", "meeting", "sequence", "number"),
    [
        ("meeting", 108, 1, "10801"),
        ("year_sequence", 3, 7, "113-07"),
        ("meeting_sequence", 3, 1, "11303-1"),
        ("date", 3, 2, "1130305-2"),
        ("prefix", 113, 1, "A11301"),
        ("year_meeting_sequence", 5, 1, "1130501"),
        ("year_meeting_hyphenated", 5, 1, "113-05-01"),
    ],
)
def test_each_scheme_numbers_a_meetings_new_cases(scheme: str, meeting: int, sequence: int, number: str):
    formatted = SCHEME[scheme].format(meeting_number=meeting, date=MEETING_DAY, sequence=sequence, prefix="A")
    assert formatted == number
    assert read_case_number(formatted).scheme == scheme


def test_the_default_scheme_is_this_apps_own_and_every_scheme_has_a_label_with_an_example():
    assert DEFAULT_SCHEME.name == "meeting"
    assert all(read_case_number(scheme.label.split("（")[-1].rstrip("）")).scheme == scheme.name for scheme in SCHEMES)


@pytest.mark.parametrize("sequence", [0, 100, True])
def test_a_sequence_out_of_range_is_refused(sequence):
    with pytest.raises(ValueError, match="案件序號"):
        DEFAULT_SCHEME.format(meeting_number=108, date=MEETING_DAY, sequence=sequence)


def test_a_range_of_cases_is_written_the_way_its_first_case_is():
    first = read_case_number("113-01")
    assert [first.with_sequence(n).written for n in (2, 3)] == ["113-02", "113-03"]
