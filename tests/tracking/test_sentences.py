"""The meeting's decision on tracked items, read and written as one sentence."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutes.reader.casenumbers import format_case_number
from minutes.reader.sentences import (
    CLOSE,
    CONTINUE,
    KINDS,
    REOPEN,
    SELF_TRACK,
    case_numbers_named,
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
        # What may happen later is not today's decision.
        ("列管案號 11202 俟工程驗收完成後再予解除列管，本次繼續列管。", {"11202": CONTINUE}),
        ("列管案號 11202 經討論後解除列管。", {"11202": CLOSE}),
        ("列管案號 801 暫緩解除列管，繼續列管。", {"801": CONTINUE}),
        # Each number with its own outcome after a colon; other words and labels of other offices.
        ("列管案號2201、2202：解除列管；2203：繼續列管。", {"2201": CLOSE, "2202": CLOSE, "2203": CONTINUE}),
        ("追蹤案號601、602解除追蹤；603持續追蹤。", {"601": CLOSE, "602": CLOSE, "603": CONTINUE}),
        ("管制編號14-01同意除管。", {"1401": CLOSE}),
        # All but the ones named after 除.
        (
            "列管案號 2201 至 2204，除 2203 因排水工程尚未完工繼續列管外，其餘均解除列管。",
            {"2201": CLOSE, "2202": CLOSE, "2203": CONTINUE, "2204": CLOSE},
        ),
        ("列管案號 2201、2202 及 2204，除 2202 賡續列管外，其餘同意解除列管。", {"2201": CLOSE, "2202": CONTINUE, "2204": CLOSE}),
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
        # Held off or only proposed: never recorded as closed.
        "決定：列管案號 801 因經費尚未核定，暫緩解除列管。",
        "列管案號 801 暫不解除列管。",
        "列管案號 801 擬解除列管。",
        "請於下次會議再議列管案號 801 是否解除列管。",
        # Two outcomes in one statement, with nothing saying which is whose.
        "列管案號 10606 與 10701：前者解除列管，後者賡續列管。",
        # Decisions on some cases and a word the reader does not know for the others: a misread list.
        "列管案號 10606 同意解除列管；列管案號 9903 及 9904 再議。",
    ],
)
def test_parse_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(ValueError):
        parse_decision_sentence(text)


RANGE_CLOSED = dict.fromkeys(["30101", "30102", "30103"], CLOSE)


@pytest.mark.parametrize(
    "text",
    [
        "列管案號 30101 至 30103 同意解除列管。",
        "列管案號 30101 到 30103 同意解除列管。",
        "列管案號 30101～30103 同意解除列管。",
        "列管案號 30101~30103 同意解除列管。",
        "列管案號 30101－30103 同意解除列管。",
        "列管案號 30101-30103 同意解除列管。",
        "列管案號 30101 - 30103 同意解除列管。",
        "列管案號３０１０１至３０１０３同意解除列管。",
        "列管案號 30101 至 30103 等 3 案解除列管。",
        "第 30101 號至第 30103 號案解除列管。",
        "解除列管：30101 至 30103。",
        # The outcome away from the numbers, in the same statement.
        "列管案號 30101 至 30103：均已完成，同意解除列管。",
    ],
)
def test_a_range_stands_for_every_case_in_it(text: str) -> None:
    assert parse_decision_sentence(text) == RANGE_CLOSED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "列管案號 10601、10603 至 10605 及 10608 同意解除列管。",
            dict.fromkeys(["10601", "10603", "10604", "10605", "10608"], CLOSE),
        ),
        (
            "列管案號 9901 至 9903 賡續列管；列管案號 10501～10502 及 10701 同意解除列管。",
            {"9901": CONTINUE, "9902": CONTINUE, "9903": CONTINUE, "10501": CLOSE, "10502": CLOSE, "10701": CLOSE},
        ),
        # Hyphenated case numbers at both ends of a range.
        ("列管案號 112-01 至 112-03 解除列管。", dict.fromkeys(["11201", "11202", "11203"], CLOSE)),
        ("列管案號 112-01～112-02 解除列管。", dict.fromkeys(["11201", "11202"], CLOSE)),
        # 至 before a date is not a range: 113 年 is no case.
        ("列管案號 10601 至 113 年底已完成，本案解除列管。", {"10601": CLOSE}),
    ],
)
def test_ranges_in_lists(text: str, expected: dict[str, str]) -> None:
    assert parse_decision_sentence(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("列管案號 30103 至 30101 同意解除列管。", "結尾應在開頭之後"),
        ("列管案號 30101 至 30101 同意解除列管。", "結尾應在開頭之後"),
        ("列管案號 30101 至 30203 同意解除列管。", "兩端不是同一次會議的案號"),
        ("列管案號 9903 至 10001 賡續列管。", "兩端不是同一次會議的案號"),
        # An abbreviated end is not guessed at.
        ("列管案號 30101-03 同意解除列管。", "不是完整的列管案號"),
        ("列管案號 30101 至 03 同意解除列管。", "不是完整的列管案號"),
        # Four digits before the hyphen are a whole case number, so this is a range with a short end.
        ("列管案號 1120-01 解除列管。", "不是完整的列管案號"),
        ("列管案號 112 - 01 解除列管。", "不是完整的列管案號"),
        ("有關列管案號 30103 至 30101 之辦理情形，請於下次會議報告。", "結尾應在開頭之後"),
    ],
)
def test_a_range_that_cannot_be_read_is_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_decisions(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("列管案號 112-01 解除列管。", {"11201": CLOSE}),
        ("列管案號 112－01 解除列管。", {"11201": CLOSE}),
        ("列管案號１１２－０１解除列管。", {"11201": CLOSE}),
        ("列管案號 99-03 賡續列管。", {"9903": CONTINUE}),
        ("列管案號 112-01、112-02 及 112-10 解除列管。", dict.fromkeys(["11201", "11202", "11210"], CLOSE)),
        ("列管案號 112-01：已完成，本案解除列管。", {"11201": CLOSE}),
        ("解除列管：112-01；繼續列管：112-02。", {"11201": CLOSE, "11202": CONTINUE}),
    ],
)
def test_a_hyphenated_case_number_is_the_meeting_and_its_sequence(text: str, expected: dict[str, str]) -> None:
    assert parse_decision_sentence(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("列管案號 112-00 解除列管。", "序號不可為 00"),
        ("列管案號 012-01 解除列管。", "不可以 0 開頭"),
    ],
)
def test_a_hyphenated_number_that_is_no_case_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_decisions(text)


def test_a_hyphenated_case_only_mentioned_is_a_mention() -> None:
    assert read_decisions("有關列管案號 112-01 之辦理情形，請於下次會議報告。") == ({}, ["11201"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（一）11701 案解除列管。（二）11702 案繼續列管。", {"11701": CLOSE, "11702": CONTINUE}),
        ("(一)11701案解除列管。(二)11702案繼續列管。", {"11701": CLOSE, "11702": CONTINUE}),
        ("列管第 11201 號案解除列管。", {"11201": CLOSE}),
        ("第 11201 號同意解除列管。", {"11201": CLOSE}),
        ("第 11201 號案同意解除列管，第 11202 號案賡續列管。", {"11201": CLOSE, "11202": CONTINUE}),
        ("第 11201 號及第 11203 號均解除列管。", {"11201": CLOSE, "11203": CLOSE}),
        ("11701、11702 案均解除列管。", {"11701": CLOSE, "11702": CLOSE}),
        ("列管第 11201 號案：已完成，本案解除列管。", {"11201": CLOSE}),
    ],
)
def test_a_case_number_followed_by_an_or_hao(text: str, expected: dict[str, str]) -> None:
    assert parse_decision_sentence(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "113 年解除列管之案件，請各單位留存資料。",
        "113 年 5 月解除列管。",
        "本月共 120 案解除列管。",
        "本年度計 125 案解除列管、30 案繼續列管。",
        "依府授秘字第 1130012345 號同意解除列管。",
    ],
)
def test_a_year_a_count_or_a_document_number_is_no_case(text: str) -> None:
    assert read_decisions(text) == ({}, [])


def test_a_year_beside_a_listed_case_is_not_read_as_a_case() -> None:
    assert read_decisions("有關列管案號 10606 及 113 年度預算，請文書組說明。") == ({}, ["10606"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("解除列管者：11201、11203；繼續列管者：11202。", {"11201": CLOSE, "11203": CLOSE, "11202": CONTINUE}),
        ("解除列管者:11201及11203。", {"11201": CLOSE, "11203": CLOSE}),
        ("賡續列管者：9903 至 9905。", dict.fromkeys(["9903", "9904", "9905"], CONTINUE)),
        ("恢復列管者：10606；改為自行列管者：10701。", {"10606": REOPEN, "10701": SELF_TRACK}),
    ],
)
def test_the_outcome_first_with_zhe(text: str, expected: dict[str, str]) -> None:
    assert parse_decision_sentence(text) == expected


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("一、列管案號 8503、8504：請經建課與社會課會勘。（經建課、社會課）", ["8503", "8504"]),
        ("一、列管案號 8503 至 8505：請各課辦理。", ["8503", "8504", "8505"]),
        ("一、列管案號 112-01：請文書組辦理。", ["11201"]),
        ("一、列管第 8503 號：請經建課辦理。", ["8503"]),
        ("一、113 年度列管案號 8503：請經建課辦理。", ["8503"]),
        ("一、民政課報告：本月受理戶籍登記 1,204 件。", []),
    ],
)
def test_case_numbers_a_title_names(title: str, named: list[str]) -> None:
    assert case_numbers_named(title) == named


def test_a_title_with_a_range_that_cannot_be_read_is_refused() -> None:
    with pytest.raises(ValueError, match="結尾應在開頭之後"):
        case_numbers_named("一、列管案號 8505 至 8503：請各課辦理。")


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
