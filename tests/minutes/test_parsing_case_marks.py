"""（列管案號 10801） after a conclusion's point: the case it opened at this meeting, not part of its text."""

from minutes.reader import parse_minutes
from tests.records import SEED

LAST = "會議結論：同意備查。\n\n散會"


def conclusion_of_item_five(text: str):
    return parse_minutes(text).sections[1].items[4].conclusion


def test_a_case_of_this_meeting_is_read_off_the_point() -> None:
    conclusion = conclusion_of_item_five(SEED.replace(LAST, "會議結論：同意備查。（列管案號 10806）\n\n散會"))
    assert (conclusion.points, conclusion.case_numbers) == (["同意備查。"], ["10806"])


def test_points_without_a_mark_have_an_empty_case_number() -> None:
    text = SEED.replace(LAST, "會議結論：\n(一) 同意備查。\n(二) 請總務組辦理。(列管案號 １０８０７)\n\n散會")
    conclusion = conclusion_of_item_five(text)
    assert (conclusion.points, conclusion.case_numbers) == (["同意備查。", "請總務組辦理。"], ["", "10807"])


def test_a_case_of_another_meeting_stays_in_the_text() -> None:
    conclusion = conclusion_of_item_five(SEED.replace(LAST, "會議結論：同意備查。（列管案號 10701）\n\n散會"))
    assert (conclusion.points, conclusion.case_numbers) == (["同意備查。（列管案號 10701）"], [])


def test_a_conclusion_without_marks_has_no_case_numbers() -> None:
    assert conclusion_of_item_five(SEED).case_numbers == []
