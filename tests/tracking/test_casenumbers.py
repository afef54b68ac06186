"""Case numbers (列管案號): meeting number plus a two-digit sequence, never a date."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutes.reader.casenumbers import format_case_number, normalise_case_number, parse_case_number


@pytest.mark.parametrize(
    ("meeting", "sequence", "text"),
    [
        (107, 1, "10701"),
        (99, 3, "9903"),
        (106, 6, "10606"),
        (1, 1, "101"),
        (108, 99, "10899"),
        (1000, 12, "100012"),
    ],
)
def test_format_and_parse(meeting: int, sequence: int, text: str) -> None:
    assert format_case_number(meeting, sequence) == text
    assert parse_case_number(text) == (meeting, sequence)


def test_parse_accepts_int_full_width_and_spaces() -> None:
    assert parse_case_number(10701) == (107, 1)
    assert parse_case_number("１０７０１") == (107, 1)
    assert parse_case_number(" 9903 ") == (99, 3)
    assert normalise_case_number("１０７０１") == "10701"


def test_meeting_number_that_looks_like_a_year_is_not_a_date() -> None:
    # 107 would be ROC year 2018; here it is only the 107th meeting.
    assert parse_case_number("10712") == (107, 12)
    assert parse_case_number("11102") == (111, 2)


@pytest.mark.parametrize(("meeting", "sequence"), [(107, 0), (107, 100), (0, 1), (-1, 1), (107, -1)])
def test_format_refuses_out_of_range(meeting: int, sequence: int) -> None:
    with pytest.raises(ValueError):
        format_case_number(meeting, sequence)


def test_format_refuses_non_integers() -> None:
    with pytest.raises(TypeError):
        format_case_number("107", 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_case_number(107, True)


@pytest.mark.parametrize(
    "value",
    ["", "1", "01", "12", "100", "0101", "10700", "107-01", "107 01", "abc", "10701x", -10701, "9" * 20],
)
def test_parse_refuses_what_is_not_a_case_number(value: int | str) -> None:
    with pytest.raises(ValueError):
        parse_case_number(value)


def test_parse_refuses_other_types() -> None:
    with pytest.raises(TypeError):
        parse_case_number(True)
    with pytest.raises(TypeError):
        parse_case_number(10701.0)  # type: ignore[arg-type]


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_round_trip(meeting: int, sequence: int) -> None:
    text = format_case_number(meeting, sequence)
    assert parse_case_number(text) == (meeting, sequence)
    assert parse_case_number(int(text)) == (meeting, sequence)


@given(st.text(max_size=12))
def test_arbitrary_text_raises_only_value_error(text: str) -> None:
    try:
        meeting, sequence = parse_case_number(text)
    except ValueError:
        return
    assert meeting >= 1 and 1 <= sequence <= 99
