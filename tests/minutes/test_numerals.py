"""Chinese numerals for sections, items and points, both ways."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutes.reader.numerals import (
    from_paren,
    from_zh,
    from_zh_formal,
    parse_number,
    to_paren,
    to_zh,
    to_zh_formal,
)


@pytest.mark.parametrize(
    ("n", "formal", "plain"),
    [
        (1, "壹", "一"),
        (3, "參", "三"),
        (9, "玖", "九"),
        (10, "拾", "十"),
        (11, "拾壹", "十一"),
        (12, "拾貳", "十二"),
        (20, "貳拾", "二十"),
        (21, "貳拾壹", "二十一"),
        (99, "玖拾玖", "九十九"),
    ],
)
def test_known_numerals(n: int, formal: str, plain: str) -> None:
    assert to_zh_formal(n) == formal
    assert from_zh_formal(formal) == n
    assert to_zh(n) == plain
    assert from_zh(plain) == n


def test_paren_forms() -> None:
    assert to_paren(1) == "(一)"
    assert to_paren(12, full_width=True) == "（十二）"
    for text in ("(十二)", "（十二）", "( 十二 )", "（ 十二）", "(十二）", " (十二) "):
        assert from_paren(text) == 12


def test_variant_and_long_forms_are_read() -> None:
    assert from_zh_formal("叁") == 3
    assert from_zh_formal("叄") == 3
    assert from_zh_formal("壹拾壹") == 11
    assert from_zh("一十一") == 11
    assert from_zh("二〇") == 20
    assert from_zh("三零") == 30


@pytest.mark.parametrize("n", [0, 100, -1])
def test_out_of_range_is_refused(n: int) -> None:
    for function in (to_zh, to_zh_formal, to_paren):
        with pytest.raises(ValueError, match="1 到 99"):
            function(n)


def test_non_integers_are_refused() -> None:
    with pytest.raises(TypeError):
        to_zh(True)
    with pytest.raises(TypeError):
        to_zh_formal("3")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "零", "十十", "一二三", "百", "壹", "3", "(一"])
def test_invalid_plain_numerals(text: str) -> None:
    with pytest.raises(ValueError, match="無法辨識"):
        from_zh(text)


@pytest.mark.parametrize("text", ["", "一", "拾拾", "壹壹", "參參參", "零"])
def test_invalid_formal_numerals(text: str) -> None:
    with pytest.raises(ValueError, match="無法辨識"):
        from_zh_formal(text)


@pytest.mark.parametrize("text", ["一", "(壹)", "(一", "(十十)", "()", "（）"])
def test_invalid_paren(text: str) -> None:
    with pytest.raises(ValueError, match="無法辨識的項次"):
        from_paren(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("108", 108),
        ("１０８", 108),
        ("一百零八", 108),
        ("一百一十一", 111),
        ("一百十一", 111),
        ("一一一", 111),
        ("二十", 20),
        ("十", 10),
        ("0", 0),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "零", "一百零", "百百", "1e3", "9" * 13, "一" * 13])
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@given(st.integers(min_value=1, max_value=99), st.booleans())
def test_round_trip(n: int, full_width: bool) -> None:
    assert from_zh(to_zh(n)) == n
    assert from_zh_formal(to_zh_formal(n)) == n
    assert from_paren(to_paren(n, full_width=full_width)) == n
    assert parse_number(to_zh(n)) == n


@given(st.text(max_size=8))
def test_arbitrary_text_raises_only_value_error(text: str) -> None:
    for function in (from_zh, from_zh_formal, from_paren, parse_number):
        try:
            function(text)
        except ValueError:
            pass


@given(st.text(alphabet="一二三四五六七八九十百〇零壹貳參叁肆伍陸柒捌玖拾()（） 0123456789", max_size=8))
def test_numeral_like_text_raises_only_value_error(text: str) -> None:
    for function in (from_zh, from_zh_formal, from_paren, parse_number):
        try:
            value = function(text)
        except ValueError:
            continue
        assert value >= 0
