"""The meeting's decision on tracked items, read and written as one sentence."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracking.casenumbers import format_case_number
from tracking.sentences import (
    CLOSE,
    CONTINUE,
    KINDS,
    REOPEN,
    SELF_TRACK,
    format_decision_sentence,
    parse_decision_sentence,
    read_decisions,
)

SEED_SENTENCE = (
    "列管案號 10606、10701、10702、10703 及 10704 同意解除列管；"
    "列管案號 9903、9904、10502 及 10705 賡續列管。"
)
SEED_DECISIONS = {
    "10606": CLOSE,
    "10701": CLOSE,
    "10702": CLOSE,
    "10703": CLOSE,
    "10704": CLOSE,
    "9903": CONTINUE,
    "9904": CONTINUE,
    "10502": CONTINUE,
    "10705": CONTINUE,
}


def test_format_gives_the_seed_sentence_whatever_the_dict_order() -> None:
    assert format_decision_sentence(SEED_DECISIONS) == SEED_SENTENCE
    shuffled = dict(sorted(SEED_DECISIONS.items(), reverse=True))
    assert format_decision_sentence(shuffled) == SEED_SENTENCE


def test_parse_reads_the_seed_sentence() -> None:
    assert parse_decision_sentence(SEED_SENTENCE) == SEED_DECISIONS


def test_numbers_sort_by_meeting_then_sequence_not_as_text() -> None:
    sentence = format_decision_sentence(
        {"10502": CONTINUE, "9903": CONTINUE, "10010": CONTINUE, "10002": CONTINUE}
    )
    assert sentence == "列管案號 9903、10002、10010 及 10502 賡續列管。"


def test_single_groups_and_all_kinds() -> None:
    assert format_decision_sentence({"10701": CLOSE}) == "列管案號 10701 同意解除列管。"
    assert (
        format_decision_sentence({"10701": CLOSE, "10702": CLOSE}) == "列管案號 10701 及 10702 同意解除列管。"
    )
    assert format_decision_sentence(
        {"10801": REOPEN, "10701": SELF_TRACK, "9903": CONTINUE, "10606": CLOSE}
    ) == (
        "列管案號 10606 同意解除列管；列管案號 9903 賡續列管；"
        "列管案號 10701 改為自行列管；列管案號 10801 恢復列管。"
    )


def test_format_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="沒有任何"):
        format_decision_sentence({})
    with pytest.raises(ValueError, match="未知的列管決定"):
        format_decision_sentence({"10701": "maybe"})
    with pytest.raises(ValueError):
        format_decision_sentence({"10": CLOSE})
    with pytest.raises(ValueError, match="兩個不同的決定"):
        format_decision_sentence({"10701": CLOSE, "１０７０１": CONTINUE})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("列管案號10606解除列管。列管案號9903繼續列管。", {"10606": CLOSE, "9903": CONTINUE}),
        ("案號 10606 同意解除列管", {"10606": CLOSE}),
        (
            "列管案號10606,10701，10702與10703和10704及10705解除列管",
            dict.fromkeys(["10606", "10701", "10702", "10703", "10704", "10705"], CLOSE),
        ),
        ("列管案號１０６０６、９９０３均賡續列管。", {"10606": CONTINUE, "9903": CONTINUE}),
        ("列管案號 10701 改為自行列管；列管案號 10606 恢復列管。", {"10701": SELF_TRACK, "10606": REOPEN}),
        ("列管案號10606、10701等2案解除列管，其餘賡續列管。", {"10606": CLOSE, "10701": CLOSE}),
        ("解除列管：10606、10701；繼續列管：9903。", {"10606": CLOSE, "10701": CLOSE, "9903": CONTINUE}),
        # The outcome away from the numbers, in the same statement: how a review table reads as text.
        ("列管案號 10606：文書組已完成檔案移轉，本案解除列管。", {"10606": CLOSE}),
        ("列管案號10606（文書組）：解除列管。", {"10606": CLOSE}),
        ("列管案號 10606、10701 及 10702，均解除列管。", {"10606": CLOSE, "10701": CLOSE, "10702": CLOSE}),
        # A unit's suggestion beside the meeting's decision: the decision counts.
        ("列管案號 10606：文書組建議解除列管，惟仍須追蹤，賡續列管。", {"10606": CONTINUE}),
        # Other offices' words for the same outcomes.
        ("案號 10606 准予結案；案號 9903 續予列管。", {"10606": CLOSE, "9903": CONTINUE}),
        ("列管案號 10606 同意銷案，列管案號 10701 繼續追蹤。", {"10606": CLOSE, "10701": CONTINUE}),
        ("同意備查。", {}),
        ("本案解除列管。", {}),
        ("", {}),
    ],
)
def test_parse_wordings(text: str, expected: dict[str, str]) -> None:
    assert parse_decision_sentence(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "列管案號10606建議解除列管。",  # a unit's suggestion, not the meeting's decision
        "列管案號10606解除列管；列管案號10606賡續列管。",
        "列管案號 12 解除列管。",
        "列管案號 0101 解除列管。",
        # Two outcomes in one statement, with nothing saying which is whose.
        "列管案號 10606 與 10701：前者解除列管，後者賡續列管。",
        # Decisions on some cases and a word the reader does not know for the others: a misread list.
        "列管案號 10606 同意解除列管；列管案號 9903 及 9904 再議。",
    ],
)
def test_parse_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(ValueError):
        parse_decision_sentence(text)


_case_numbers = st.builds(
    format_case_number, st.integers(min_value=1, max_value=2000), st.integers(min_value=1, max_value=99)
)
_decisions = st.dictionaries(_case_numbers, st.sampled_from(KINDS), min_size=1, max_size=15)


@given(_decisions)
def test_round_trip(decisions: dict[str, str]) -> None:
    assert parse_decision_sentence(format_decision_sentence(decisions)) == decisions


@given(_decisions)
def test_round_trip_one_sentence_per_case(decisions: dict[str, str]) -> None:
    text = "".join(format_decision_sentence({number: kind}) for number, kind in decisions.items())
    assert parse_decision_sentence(text) == decisions


@given(st.text(max_size=60))
def test_arbitrary_text_raises_only_value_error(text: str) -> None:
    try:
        parse_decision_sentence(text)
    except ValueError:
        pass


@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        ("有關列管案號 10606 之辦理情形，請文書組於下次會議補充說明。", ["10606"]),
        ("請總務組併同列管案號 9903、9904 一併檢討。", ["9903", "9904"]),
        ("同意備查。", []),
    ],
)
def test_a_case_named_without_an_outcome_is_a_mention_not_a_decision(text: str, mentioned: list[str]) -> None:
    assert read_decisions(text) == ({}, mentioned)
